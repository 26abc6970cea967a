/**
 * External records in the 查重 archive (BL-9): talent projects, higher-level projects and past projects imported
 * from Excel, so every check compares applications with them. Valid rows go in, bad rows come back with line and
 * column; the rows that go in go in one transaction (a failure half-way leaves none). A record number already
 * imported for its kind is refused, not updated: the archive is append-only, which the persisted index's
 * high-water mark relies on (an update would have to rewrite texts the index already holds).
 */
import { randomUUID } from 'node:crypto';
import { count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  checkExternalHeader,
  EXTERNAL_RECORD_COLUMNS,
  EXTERNAL_RECORD_TEXT_COLUMNS,
  EXTERNAL_SOURCE_LABELS,
  EXTERNAL_SOURCE_TYPES,
  parseExternalRecordRow,
  type ExternalRecord,
  type ExternalRowError,
  type ExternalSourceType,
} from '@kechuang/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../../db/client.js';
import { cellAt, cellText, readFirstSheet } from '../../http/workbook.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationProblem } from './errors.js';
import { dedupeArchive } from './schema.js';

export const EXTERNAL_RECORDS_MAX_ROWS = 5_000;
export const EXTERNAL_RECORDS_MAX_BYTES = 10 * 1024 * 1024;

/** The import template: the fixed columns, three text columns (more may be added), an example row and a notes sheet. */
export async function externalRecordsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('外部记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [...EXTERNAL_RECORD_COLUMNS, ...EXTERNAL_RECORD_TEXT_COLUMNS];
  ws.columns = headers.map((header, i) => ({ header, key: String(i), width: [10, 18, 36, 30, 22, 8][i] ?? 50, style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } } }));
  ws.getRow(1).font = { bold: true };
  // Text cells: an 18-character credit code or a record number must not become a number.
  ws.addRow(['上级项目', 'ZJ2024-0001', '（示例，导入前请删除）高性能一体化压铸模具关键技术', '示例模具有限公司', '', '2024', '项目摘要的文字……', '研究内容的文字……', '创新点的文字……']);
  // One range validation (exceljs keeps it as a model entry; per-cell validations bloat the file).
  (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(`A2:A${EXTERNAL_RECORDS_MAX_ROWS + 1}`, { type: 'list', allowBlank: false, formulae: [`"${Object.values(EXTERNAL_SOURCE_LABELS).join(',')}"`] });
  const info = wb.addWorksheet('说明');
  info.addRow(['来源类型', Object.values(EXTERNAL_SOURCE_LABELS).join('、')]);
  info.addRow(['记录编号', '同一来源类型内唯一；已导入的编号再次导入时该行被拒绝（不覆盖已入库的记录），如需更正请使用新的编号']);
  info.addRow(['统一社会信用代码', '选填；填写时校验18位代码及校验位']);
  info.addRow(['年度', '四位年份']);
  info.addRow(['正文列', '“项目摘要”“研究内容”“创新点”之外可在右侧继续增加列，每列以第1行的标题作为段落标题参与查重；至少填写一列']);
  info.addRow(['导入规则', '有效行全部导入、错误行逐行列出（行号、列和原因）；有效行在一个事务中导入，中途失败则一行也不导入']);
  info.getColumn(1).width = 18;
  info.getColumn(2).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The one uploaded file of a multipart request, within the size limit. */
export async function uploadedWorkbook(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw applicationProblem('FILE_REQUIRED', '请以 multipart/form-data 上传 .xlsx 文件。');
  const part = await request.file({ limits: { fileSize: EXTERNAL_RECORDS_MAX_BYTES, files: 1 } });
  if (!part) throw applicationProblem('FILE_REQUIRED');
  const tooLarge = () => applicationProblem('FILE_TOO_LARGE', `文件不能超过 ${EXTERNAL_RECORDS_MAX_BYTES / 1024 / 1024} MB，请分批导入。`);
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw e;
  }
  if (part.file.truncated) throw tooLarge();
  if (bytes.length === 0) throw applicationProblem('FILE_REQUIRED', '上传的文件是空的。');
  return bytes;
}

/** The template as a download under its Chinese name. */
export async function sendExternalRecordsTemplate(reply: FastifyReply) {
  const name = '查重外部记录导入模板.xlsx';
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(await externalRecordsTemplate());
}

export const externalDocId = (id: string) => `external:${id}`;

export async function importExternalRecords(db: Db, actor: Actor, file: Buffer, now = new Date()): Promise<{ saved: number; errors: ExternalRowError[] }> {
  const sheet = await readFirstSheet(file, { maxRows: EXTERNAL_RECORDS_MAX_ROWS, tooManyRows: `一次最多导入 ${EXTERNAL_RECORDS_MAX_ROWS} 行，请分批导入。` });
  const header = sheet.header.map(cellText);
  const headerProblem = checkExternalHeader(header);
  if (headerProblem) throw applicationProblem('EXTERNAL_RECORDS_SHEET_INVALID', headerProblem);
  const errors: ExternalRowError[] = sheet.refused.map((e) => ({ line: e.line, column: '', field: e.field, message: e.message }));
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
  const valid: { line: number; record: ExternalRecord }[] = [];
  const seen = new Map<string, number>();
  for (const row of sheet.rows) {
    const cells = Array.from({ length: Math.max(header.length, row.cells.length) }, (_, i) => cellText(cellAt(row, i + 1)));
    if (cells.every((c) => !c)) continue;
    const parsed = parseExternalRecordRow(header, row.line, cells, year);
    if ('errors' in parsed) {
      errors.push(...parsed.errors);
      continue;
    }
    const key = `${parsed.record.sourceType}\u0000${parsed.record.recordNo}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line: row.line, column: 'B', field: '记录编号', message: `第${row.line}行B列“记录编号”：“${parsed.record.recordNo}”与第${first}行重复，未导入` });
      continue;
    }
    seen.set(key, row.line);
    valid.push({ line: row.line, record: parsed.record });
  }
  return storeExternalRecords(db, actor, valid, errors, now);
}

/**
 * Stores checked records in one transaction with its audit event (a failure stores none); a record number already
 * imported for its kind becomes a row error instead. The import and the demo seed both come through here.
 */
export async function storeExternalRecords(db: Db, actor: Actor, valid: readonly { line: number; record: ExternalRecord }[], errors: ExternalRowError[] = [], now = new Date()): Promise<{ saved: number; errors: ExternalRowError[] }> {
  return db.transaction(async (tx) => {
    const existing = await existingRecordNos(tx, valid.map((v) => v.record));
    let saved = 0;
    for (const { line, record } of valid) {
      if (existing.has(`${record.sourceType}\u0000${record.recordNo}`)) {
        errors.push({ line, column: 'B', field: '记录编号', message: `第${line}行B列“记录编号”：${EXTERNAL_SOURCE_LABELS[record.sourceType]}“${record.recordNo}”已导入过，未重复导入（已入库的记录不覆盖）` });
        continue;
      }
      await tx.insert(dedupeArchive).values({
        docId: externalDocId(randomUUID()),
        sourceType: record.sourceType,
        title: record.title,
        text: record.text,
        sections: record.sections,
        recordNo: record.recordNo,
        organisationName: record.organisationName,
        creditCode: record.creditCode,
        year: record.year,
        importedBy: actor.id,
        createdAt: now,
      });
      saved++;
    }
    if (saved) await recordAudit(tx, actor, { action: 'dedupe.externalRecords.import', entityType: 'dedupe_archive', entityId: 'import', detail: { saved, rejected: errors.length } });
    return { saved, errors: errors.sort((a, b) => a.line - b.line || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)) };
  });
}

async function existingRecordNos(tx: Tx, records: readonly ExternalRecord[]): Promise<Set<string>> {
  const out = new Set<string>();
  const nos = [...new Set(records.map((r) => r.recordNo))];
  for (let i = 0; i < nos.length; i += 500) {
    const rows = await tx.select({ sourceType: dedupeArchive.sourceType, recordNo: dedupeArchive.recordNo }).from(dedupeArchive).where(inArray(dedupeArchive.recordNo, nos.slice(i, i + 500)));
    for (const r of rows) out.add(`${r.sourceType}\u0000${r.recordNo}`);
  }
  return out;
}

export async function listExternalRecords(db: Db, q: { sourceType?: ExternalSourceType | undefined; page: number; pageSize: number }) {
  const where: SQL = q.sourceType ? eq(dedupeArchive.sourceType, q.sourceType) : inArray(dedupeArchive.sourceType, [...EXTERNAL_SOURCE_TYPES]);
  const [total] = await db.select({ n: count() }).from(dedupeArchive).where(where);
  const rows = await db.select().from(dedupeArchive).where(where).orderBy(desc(dedupeArchive.seq)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return {
    total: total?.n ?? 0,
    items: rows.map((r) => ({
      docId: r.docId,
      sourceType: r.sourceType as ExternalSourceType,
      sourceLabel: EXTERNAL_SOURCE_LABELS[r.sourceType as ExternalSourceType] ?? r.sourceType,
      recordNo: r.recordNo ?? '',
      title: r.title,
      organisationName: r.organisationName ?? '',
      creditCode: r.creditCode,
      year: r.year ?? 0,
      sections: (r.sections as { title: string; start: number; end: number }[]).map((s) => ({ title: s.title, chars: s.end - s.start })),
      importedAt: r.createdAt.toISOString(),
    })),
  };
}
