/**
 * Compares saved copies of the public audit anchors with what the platform publishes now, as an outside
 * auditor would (docs/audit.md). Needs no account: `npx tsx scripts/check-audit-anchors.ts <base URL> <saved.json>…`
 * Each saved file is a response of GET /api/public/audit-anchors. Exit code 1 when anything was rewritten.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { compareAnchorCopies, publishedAnchorListSchema } from '@kechuang/domain';

const [base, ...files] = process.argv.slice(2);
if (!base || files.length === 0) {
  console.error('用法：npx tsx scripts/check-audit-anchors.ts <平台地址> <保存的锚点副本.json>…');
  process.exit(2);
}
const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const saved = files.flatMap((f) => publishedAnchorListSchema.parse(JSON.parse(fs.readFileSync(f, 'utf8'))).items);
if (saved.length === 0) {
  console.error('保存的副本中没有锚点');
  process.exit(2);
}
const oldest = saved.map((a) => a.createdAt).sort()[0]!;
const res = await fetch(new URL(`/api/public/audit-anchors?since=${encodeURIComponent(oldest)}`, base));
if (!res.ok) throw new Error(`获取公开锚点失败：HTTP ${res.status}`);
const current = publishedAnchorListSchema.parse(await res.json()).items;
const problems = compareAnchorCopies(saved, current, sha256);
for (const p of problems) console.log(`✗ ${p}`);
console.log(problems.length ? `发现 ${problems.length} 处不一致：审计链或锚点被改写` : `一致：${saved.length} 个保存的锚点均未被改写（当前公开 ${current.length} 个）`);
process.exit(problems.length ? 1 : 0);
