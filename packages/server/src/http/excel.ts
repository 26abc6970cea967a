/** Sends a table as an .xlsx download; codes are written as text so 18-character credit codes keep every digit. */
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 200 response of a route that answers a workbook (a file, not JSON: the OpenAPI document says so by its content type). */
/** A 204 reply: documented as having no body. */
export const noContentResponse = { 204: z.undefined().meta({ description: '无内容' }) };
/** A stored file sent back as it was uploaded (its own content type). */
export const fileResponse = { 200: { description: '文件原件', content: { 'application/octet-stream': { schema: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' }) } } } };
/** A PDF document (receipts). */
export const pdfResponse = { 200: { description: 'PDF 文件', content: { 'application/pdf': { schema: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' }) } } } };
export const workbookResponse = { 200: { description: 'Excel 工作簿（.xlsx）', content: { [XLSX_TYPE]: { schema: z.string().meta({ format: 'binary' }) } } } };

export interface ExcelColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

export async function sendWorkbook<T>(reply: FastifyReply, filename: string, sheetName: string, columns: ExcelColumn<T>[], rows: T[], note?: string) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '科创';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  if (note) ws.addRow([note]);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const buffer = await wb.xlsx.writeBuffer();
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(Buffer.from(buffer));
}
