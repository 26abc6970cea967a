// Builds the web app when dist is missing or older than its sources (web and the shared domain package).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

export function webIsStale() {
  const indexHtml = path.join(root, 'packages/web/dist/index.html');
  const built = fs.existsSync(indexHtml) ? fs.statSync(indexHtml).mtimeMs : 0;
  const sources = ['packages/web/src', 'packages/web/index.html', 'packages/web/vite.config.ts', 'packages/domain/src'];
  return { built: built > 0, stale: sources.some((s) => newestMtime(path.join(root, s)) > built) };
}

export function buildWebIfStale() {
  const { built, stale } = webIsStale();
  if (!stale) return;
  console.log(built ? '网页源码有更新，正在重新构建…' : '首次启动，正在构建网页（约需一分钟）…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@kechuang/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) buildWebIfStale();
