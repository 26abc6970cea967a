/**
 * Runs in a worker thread with its own small heap (see workbook-limits.ts): for each request, loads the workbook with
 * ExcelJS and sends back the first sheet's non-empty rows as plain values. A file that needs more memory or time than allowed
 * ends this thread, not the server.
 */
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import type { SheetCell, WorkerReply, WorkerRequest } from './workbook-types.js';

/** A cell's value as the user sees it: formulas give their result, rich text and links their text, errors their code. */
export function cellValue(v: ExcelJS.CellValue | undefined): SheetCell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

async function parse(request: WorkerRequest): Promise<WorkerReply> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(request.file as unknown as ArrayBuffer);
  } catch {
    return { kind: 'unreadable' };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { kind: 'noSheet' };
  if (ws.actualRowCount > request.maxRows + 1) return { kind: 'tooManyRows' };
  const rows: { line: number; cells: SheetCell[] }[] = [];
  ws.eachRow((row, line) => {
    const cells: SheetCell[] = [];
    row.eachCell((cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows.push({ line, cells });
  });
  return { kind: 'ok', name: ws.name, rows };
}

// One parse at a time: the pool sends the next request only after this answer.
parentPort!.on('message', (request: WorkerRequest) => {
  void parse(request).then((reply) => parentPort!.postMessage(reply));
});
