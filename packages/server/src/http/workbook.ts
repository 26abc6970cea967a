/**
 * The one way an uploaded Excel workbook is read, for every import: the archive is checked before parsing
 * (zip-guard.ts), parsed in a worker thread within a memory and time budget with a bounded number of parses at once,
 * and every cell goes through the same text hygiene as JSON input. Callers get plain rows, never an ExcelJS object.
 */
import { hasUnstorableText, UNSTORABLE_TEXT_MESSAGE } from './error-handler.js';
import { WORKBOOK_LIMITS, type WorkbookLimits } from './workbook-limits.js';
import { workbookProblem } from './workbook-problems.js';
import { parseInWorker } from './workbook-pool.js';
import type { SheetCell } from './workbook-types.js';
import { inspectArchive } from './zip-guard.js';

export type { SheetCell } from './workbook-types.js';

export interface SheetRow {
  /** The row number as Excel shows it. */
  line: number;
  /** Column A first; '' where the sheet has no value. */
  cells: SheetCell[];
}

export interface RowError {
  line: number;
  field: string;
  message: string;
}

export interface Sheet {
  /** Row 1, whatever it holds ([] when the sheet has none). */
  header: SheetCell[];
  /** Every non-empty row below row 1 whose cells can be stored. */
  rows: SheetRow[];
  /** Rows left out because a cell holds text no database can store; in the imports' row-error format. */
  refused: RowError[];
}

/** The value of 1-based column `col` of a row ('' past its last cell). */
export function cellAt(row: SheetRow | SheetCell[], col: number): SheetCell {
  const cells = Array.isArray(row) ? row : row.cells;
  return cells[col - 1] ?? '';
}

/** A cell's text as the imports compare it. */
export const cellText = (v: SheetCell): string => String(v).trim();

/** 1 → A, 27 → AA: how Excel names a column. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Parse slots: at most `concurrentParses` run, `queuedParses` wait, the rest are told to come back later. */
let running = 0;
const waiting: (() => void)[] = [];

async function withParseSlot<T>(limits: WorkbookLimits, fn: () => Promise<T>): Promise<T> {
  if (running < limits.concurrentParses) running++;
  else {
    if (waiting.length >= limits.queuedParses) {
      throw workbookProblem('UPLOADS_BUSY', `正在处理的 Excel 文件较多，请 ${limits.retryAfterSeconds} 秒后重新上传。`, undefined, { retryAfter: limits.retryAfterSeconds });
    }
    // The slot is handed over by the parse that finishes, so `running` stays counted.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * The first sheet of an uploaded workbook, refused with a problem the user can act on when the file is not a
 * workbook, is too large or crafted, has no sheet, or has more than `maxRows` data rows.
 */
export async function readFirstSheet(file: Buffer, opts: { maxRows: number; tooManyRows: string; limits?: WorkbookLimits }): Promise<Sheet> {
  const limits = opts.limits ?? WORKBOOK_LIMITS;
  await inspectArchive(file, limits);
  const outcome = await withParseSlot(limits, () => parseInWorker({ file: new Uint8Array(file), maxRows: opts.maxRows }, limits));
  switch (outcome.kind) {
    case 'unreadable':
      throw workbookProblem('WORKBOOK_UNREADABLE', '无法读取该文件，请上传由“下载模板”得到的 .xlsx 文件。');
    case 'noSheet':
      throw workbookProblem('WORKBOOK_UNREADABLE', '文件中没有工作表。');
    case 'tooManyRows':
      throw workbookProblem('TOO_MANY_ROWS', opts.tooManyRows);
    case 'outOfMemory':
    case 'timeout':
      throw workbookProblem('WORKBOOK_TOO_COMPLEX', `文件内容过多或过于复杂，${outcome.kind === 'timeout' ? `${Math.round(limits.parseTimeoutMs / 1000)} 秒内` : ''}无法读取。请删除不需要的工作表、格式和数据，只保留模板中的内容后重新上传。`);
  }
  const first = outcome.rows[0]?.line === 1 ? outcome.rows[0] : undefined;
  const header = first?.cells ?? [];
  const headerName = (col: number) => cellText(cellAt(header, col));
  const badCells = (row: SheetRow) => row.cells.flatMap((v, i) => (typeof v === 'string' && hasUnstorableText(v) ? [i + 1] : []));
  if (first) {
    const bad = badCells(first);
    if (bad.length) {
      const errors = bad.map((col) => ({ field: `${columnName(col)}1`, message: `第1行 ${columnName(col)} 列${UNSTORABLE_TEXT_MESSAGE}` }));
      throw workbookProblem('WORKBOOK_UNSTORABLE_TEXT', `表头${errors.map((e) => e.field).join('、')}${UNSTORABLE_TEXT_MESSAGE}`, errors);
    }
  }
  const rows: SheetRow[] = [];
  const refused: RowError[] = [];
  for (const row of outcome.rows) {
    if (row === first) continue;
    const bad = badCells(row);
    if (!bad.length) {
      rows.push(row);
      continue;
    }
    // The whole row is left out: a row saved without one of its cells would be a different row.
    for (const col of bad) {
      const field = headerName(col) || `${columnName(col)}列`;
      refused.push({ line: row.line, field, message: `第${row.line}行“${field}”（${columnName(col)}${row.line}）${UNSTORABLE_TEXT_MESSAGE}` });
    }
  }
  return { header, rows, refused };
}
