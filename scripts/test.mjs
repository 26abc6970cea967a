// `npm test`: type-check, lint, unit, integration (PGlite, or PostgreSQL when DATABASE_URL is set) and
// end-to-end browser tests, stopping at the first failing stage.
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';
import { buildWebIfStale, root } from './web-build.mjs';

const db = process.env.DATABASE_URL ? `PostgreSQL (${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, '//')})` : '内嵌 PGlite';
const stages = [
  ['类型检查 tsc --strict', 'npm', ['run', '-s', 'typecheck']],
  ['依赖方向检查', 'node', ['scripts/check-deps.mjs']],
  ['单元测试', 'npx', ['vitest', 'run', '--project', 'unit']],
  [`集成测试（${db}）`, 'npx', ['vitest', 'run', '--project', 'integration']],
];

function run(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n✗ ${label} 失败`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${label}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

for (const [label, cmd, args] of stages) run(label, cmd, args);

const chromium = findChromium();
if (!chromium && !process.env.CI) {
  console.warn('\n⚠ 未找到 Chromium（/usr/bin/chromium），跳过端到端测试。安装：apt-get install -y chromium fonts-noto-cjk，或设置 CHROMIUM_PATH。');
} else {
  buildWebIfStale();
  run(`端到端测试（${db}，Chromium）`, 'npx', ['vitest', 'run', '--project', 'e2e']);
}
console.log('\n全部测试通过。');
