// Lint: dependencies point one way (web → HTTP → server → domain), matched by package name and by path.
// domain imports nothing of ours and does no I/O; web never imports server code; no context reaches into
// another context's tables: a context reads and writes another's data only through that context's service, and
// a schema.ts may name another context's table only in a foreign key (`.references(() => table.column)`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/** Every problem found under `root` (a checkout of the repository, or a test's fixture tree). */
export function checkDeps(root) {
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
// Modules under server/src/modules/<context>: another context's schema.ts (its tables) is off limits, for reads
// as well as writes, whatever the import's form (named, type-only, namespace, dynamic); only a schema.ts may
// import one, and only to declare foreign keys.
const modules = path.join(root, 'packages/server/src/modules');
for (const file of files(modules)) {
  const context = path.relative(modules, file).split(path.sep)[0];
  const text = fs.readFileSync(file, 'utf8');
  const rel = path.relative(root, file);
  for (const m of text.matchAll(/(import|export)\s([^'"]*?)from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[3] ?? m[4];
    if (!spec.startsWith('.')) continue;
    const target = path.relative(modules, path.resolve(path.dirname(file), spec)).split(path.sep);
    if (target.length !== 2 || target[0].startsWith('..') || target[0] === context || !/^schema(\.[jt]s)?$/.test(target[1])) continue;
    const other = target[0];
    const names = /\{([^}]*)\}/.exec(m[2] ?? '')?.[1]?.split(',').map((s) => s.replace(/^type\s+/, '').split(/\s+as\s+/).pop().trim()).filter(Boolean);
    if (path.basename(file) === 'schema.ts' && m[1] === 'import' && names?.length) {
      // Foreign keys only: every use of an imported table is `.references(() => table.column)`.
      const body = text.replace(/^(import|export)\s[^;]*?from\s+['"][^'"]+['"];?$/gm, '');
      for (const name of names) {
        const uses = [...body.matchAll(new RegExp(`\\b${name}\\b`, 'g'))].length;
        const fks = [...body.matchAll(new RegExp(`references\\(\\s*\\(\\)\\s*=>\\s*${name}\\.\\w+`, 'g'))].length;
        if (uses !== fks) problems.push(`${rel}: uses ${other}'s table "${name}" other than in a foreign key — a schema.ts may only reference it`);
      }
      continue;
    }
    problems.push(`${rel}: imports ${other}'s tables ("${spec}") — read and write them through ${other}'s service instead`);
  }
}
return problems;
}

function main() {
const problems = checkDeps(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
if (problems.length) {
  console.error(`依赖方向检查失败（${problems.length} 处）：\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('check-deps: dependency directions ok');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
