// `npm start`: builds the web app when it is missing or older than its sources, then runs the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const indexHtml = path.join(root, 'packages/web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ['packages/web/src', 'packages/web/index.html', 'packages/domain/src'].map((p) => path.join(root, p));
const built = fs.existsSync(indexHtml) ? fs.statSync(indexHtml).mtimeMs : 0;
const stale = sources.some((s) => fs.existsSync(s) && (fs.statSync(s).isDirectory() ? newestMtime(s) : fs.statSync(s).mtimeMs) > built);
if (stale && process.env.SKIP_WEB_BUILD !== 'true') {
  console.log(built ? '网页源码有更新，正在重新构建…' : '首次启动，正在构建网页（约需一分钟）…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@kechuang/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
process.chdir(root);
await import(path.join(root, 'packages/server/src/main.ts'));
