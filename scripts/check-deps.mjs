// Lint: dependencies point one way (web → HTTP → server → domain), matched by package name and by path.
// domain imports nothing of ours and does no I/O; web never imports server code; no context reaches into
// another context's schema.ts except through its service or present files (tables may be joined read-only).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rules = [
  {
    dir: 'packages/domain/src',
    forbid: [/^@kechuang\//, /^node:(fs|net|http|https|child_process|worker_threads|dgram|dns|tls)/, /^(fs|net|http|https|child_process)$/, /^(pg|drizzle-orm|fastify|@electric-sql)/, /packages\/(server|web)/, /\.\.\/\.\.\/\.\.\//],
    why: 'domain is pure: no I/O, no other package of ours',
    skip: (f) => f.endsWith('.test.ts'),
  },
  { dir: 'packages/web/src', forbid: [/^@kechuang\/server/, /packages\/server/, /\.\.\/\.\.\/server/, /^(pg|drizzle-orm|fastify)/], why: 'the web app talks to the server over HTTP only' },
  { dir: 'packages/server/src', forbid: [/^@kechuang\/web/, /packages\/web/, /^react/], why: 'the server never imports the web app' },
];

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

const importRe = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];
for (const rule of rules) {
  for (const file of files(path.join(root, rule.dir))) {
    if (rule.skip?.(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      if (rule.forbid.some((re) => re.test(spec))) problems.push(`${path.relative(root, file)}: imports "${spec}" — ${rule.why}`);
    }
  }
}
// Modules under server/src/modules/<context>: importing another context's schema.ts is allowed only for read joins
// in list queries; writes go through that context's service. Report writes to foreign tables.
for (const file of files(path.join(root, 'packages/server/src/modules'))) {
  const context = path.relative(path.join(root, 'packages/server/src/modules'), file).split(path.sep)[0];
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/import\s*\{([^}]+)\}\s*from\s*['"]\.\.\/([\w-]+)\/schema\.js['"]/g)) {
    const [, names, other] = m;
    if (other === context) continue;
    for (const name of names.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (new RegExp(`\\.(insert|update|delete)\\(\\s*${name}\\b`).test(text)) problems.push(`${path.relative(root, file)}: writes ${other}'s table "${name}" — call ${other}'s service instead`);
    }
  }
}
if (problems.length) {
  console.error(`依赖方向检查失败（${problems.length} 处）：\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('check-deps: dependency directions ok');
