/**
 * Importing experts from Excel (专家导入): valid rows go in as pending experts in one transaction (a failure stores
 * none), each with its audit event so the expert's history starts at the import; bad rows come back with line,
 * column and reason. A resident ID already in the pool (or twice in the file) is refused, never overwritten.
 */
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { changedFields, checkExpertImportHeader, EXPERT_IMPORT_COLUMNS, maskResidentId, parseExpertImportRow, type ExpertImportRowError, type ExpertProfile } from '@kechuang/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { XLSX_TYPE } from '../../../http/excel.js';
import type { Db } from '../../../db/client.js';
import { readUploadedFile } from '../../../http/upload.js';
import { cellAt, cellText, readFirstSheet } from '../../../http/workbook.js';
import { recordAudit, type Actor } from '../../audit/record.js';
import { reviewProblem } from '../errors.js';
import { experts } from '../schema.js';
import { auditedProfile, currentTaxonomy } from './expert-rows.js';
import { profileColumns } from './save-expert.js';

export const EXPERT_IMPORT_MAX_ROWS = 2_000;
export const EXPERT_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const EXPERT_TEMPLATE_NAME = '专家导入模板.xlsx';

/** The template: the columns as text cells (an 18-character ID must not become a number), an example row, notes. */
export async function expertImportTemplate(db: Db): Promise<Buffer> {
  const taxonomy = await currentTaxonomy(db);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPERT_IMPORT_COLUMNS.map((header, i) => ({ header, key: String(i), width: [10, 22, 16, 28, 22, 24, 20, 30, 24, 14, 22][i] ?? 16, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['（示例，导入前请删除）张演示', '', '教授级高级工程师', '演示大学', '', '浙江省宁波市鄞州区', taxonomy[0]?.name ?? '', '模具、热处理', '', '', '']);
  const info = wb.addWorksheet('说明');
  info.addRow(['身份证号码', '必填，18位，校验出生日期和校验位；已在专家库中的号码该行不导入']);
  info.addRow(['评审领域', `必填，多个用顿号分隔，填名称或代码：${taxonomy.map((f) => `${f.name}（${f.code}）`).join('、')}`]);
  info.addRow(['关键词', '选填，最多10个，用顿号分隔']);
  info.addRow(['统一社会信用代码', '选填；填写时校验18位代码及校验位，用于回避判断']);
  info.addRow(['导入规则', '有效行在一个事务中全部导入为“待审核”专家，错误行逐行列出（行号、列和原因）']);
  info.getColumn(1).width = 18;
  info.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function sendExpertTemplate(db: Db, reply: FastifyReply) {
  const file = await expertImportTemplate(db);
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(EXPERT_TEMPLATE_NAME)}`).send(file);
}

export async function uploadedExpertWorkbook(request: FastifyRequest): Promise<Buffer> {
  const { bytes } = await readUploadedFile(request, EXPERT_IMPORT_MAX_BYTES, {
    required: (detail) => reviewProblem('EXPERT_FILE_REQUIRED', detail),
    tooLarge: (detail) => reviewProblem('EXPERT_FILE_TOO_LARGE', `${detail}请分批导入。`),
  });
  return bytes;
}

export async function importExperts(db: Db, actor: Actor, file: Buffer): Promise<{ saved: number; errors: ExpertImportRowError[] }> {
  const sheet = await readFirstSheet(file, { maxRows: EXPERT_IMPORT_MAX_ROWS, tooManyRows: `一次最多导入 ${EXPERT_IMPORT_MAX_ROWS} 位专家，请分批导入。` });
  const headerProblem = checkExpertImportHeader(sheet.header.map(cellText));
  if (headerProblem) throw reviewProblem('EXPERT_SHEET_INVALID', headerProblem);
  const taxonomy = await currentTaxonomy(db);
  const errors: ExpertImportRowError[] = sheet.refused.map((e) => ({ line: e.line, column: '', field: e.field, message: e.message }));
  const valid: { line: number; profile: ExpertProfile }[] = [];
  const seen = new Map<string, number>();
  for (const row of sheet.rows) {
    const cells = EXPERT_IMPORT_COLUMNS.map((_, i) => cellText(cellAt(row, i + 1)));
    if (cells.every((c) => !c)) continue;
    const parsed = parseExpertImportRow(row.line, cells, taxonomy);
    if ('errors' in parsed) {
      errors.push(...parsed.errors);
      continue;
    }
    const first = seen.get(parsed.profile.idNumber);
    if (first !== undefined) {
      errors.push({ line: row.line, column: 'B', field: '身份证号码', message: `第${row.line}行B列“身份证号码”：与第${first}行重复，未导入` });
      continue;
    }
    seen.set(parsed.profile.idNumber, row.line);
    valid.push({ line: row.line, profile: parsed.profile });
  }
  return db.transaction(async (tx) => {
    const ids = valid.map((v) => v.profile.idNumber);
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await tx.select({ idNumber: experts.idNumber }).from(experts).where(inArray(experts.idNumber, ids.slice(i, i + 500)))) if (r.idNumber) existing.add(r.idNumber);
    }
    let saved = 0;
    const now = new Date();
    for (const { line, profile } of valid) {
      if (existing.has(profile.idNumber)) {
        errors.push({ line, column: 'B', field: '身份证号码', message: `第${line}行B列“身份证号码”：${maskResidentId(profile.idNumber)} 已在专家库中，未导入（已入库的专家不覆盖）` });
        continue;
      }
      const [row] = await tx.insert(experts).values({ id: randomUUID(), ...profileColumns(profile), status: 'pending', createdAt: now, updatedAt: now }).returning();
      await recordAudit(tx, actor, { action: 'review.expert.import', entityType: 'expert', entityId: row!.id, changes: changedFields(null, { ...auditedProfile(row!), status: 'pending' }), detail: { line } });
      saved++;
    }
    return { saved, errors: errors.sort((a, b) => a.line - b.line || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)) };
  });
}
