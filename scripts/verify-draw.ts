/**
 * Re-runs a published draw record (随机抽取) as anyone can: `npm run verify-draw -- <record.json>`, where the file
 * is a response of GET /api/public/draws/:id saved as it came. Checks the commitment hash, that every entropy
 * source was announced before the commitment, the seed from the public values and the observer's input, the
 * pseudonymised inputs and pool against the commitment, and re-runs the draw byte for byte with the assignment
 * engine's verifyDraw. Exit 0 when it reproduces; 1 with the first difference (in Chinese); 2 on a bad file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { publicDrawRecordSchema, verifyPublicDraw } from '@kechuang/domain';

const arg = process.argv.slice(2).find((a) => a !== '--');
if (!arg) {
  console.error('用法：npm run verify-draw -- <从 /api/public/draws/:id 保存的抽取记录.json>');
  process.exit(2);
}
// npm runs scripts from the repository root; a relative path means the caller's directory.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), arg);
let json: unknown;
try {
  json = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`无法读取抽取记录文件 ${file}：${(e as Error).message}`);
  process.exit(2);
}
const parsed = publicDrawRecordSchema.safeParse(json);
if (!parsed.success) {
  const first = parsed.error.issues[0]!;
  console.error(`抽取记录文件格式有误：${first.path.join('.') || '（根）'} ${first.message}`);
  process.exit(2);
}
const rec = parsed.data;
const outcome = verifyPublicDraw(rec);
if (outcome.ok) {
  console.log(`一致：按公开记录重新抽取，结果与记录逐字节相同（${rec.commitment.callTitle}，${rec.pairs!.length} 个配对，种子 ${rec.seed}）。`);
  console.log(`已核对：${outcome.checked.join('、')}。`);
  process.exit(0);
}
console.log(`不一致：${outcome.problems[0]}`);
for (const p of outcome.problems.slice(1)) console.log(`  另：${p}`);
process.exit(1);
