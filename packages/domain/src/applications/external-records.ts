/**
 * External records for the 查重 archive (BL-9: a project must not duplicate a talent project or a higher-level
 * project): the Excel sheet's columns and the check of one row, so the server's import, the template and the tests
 * agree on one definition. Each bad cell gives its row, its column (letter and Chinese name) and why.
 */
import { z } from 'zod';
import { validateCreditCode } from '../organisations/credit-code.js';
import { DUPLICATE_SOURCE_LABELS, EXTERNAL_SOURCE_TYPES, type ArchivableText, type ExternalSourceType } from './duplicate-report.js';

/** The fixed leading columns; every further column with a heading is a text section titled by that heading. */
export const EXTERNAL_RECORD_COLUMNS = ['来源类型', '记录编号', '项目名称', '承担单位', '统一社会信用代码', '年度'] as const;
/** The text columns the template offers (more may be added after them). */
export const EXTERNAL_RECORD_TEXT_COLUMNS = ['项目摘要', '研究内容', '创新点'] as const;
export const EXTERNAL_RECORD_MAX_SECTION_CHARS = 20_000;

export const EXTERNAL_SOURCE_LABELS: Readonly<Record<ExternalSourceType, string>> = Object.fromEntries(EXTERNAL_SOURCE_TYPES.map((t) => [t, DUPLICATE_SOURCE_LABELS[t]!])) as Record<ExternalSourceType, string>;

export interface ExternalRecord extends ArchivableText {
  sourceType: ExternalSourceType;
  recordNo: string;
  title: string;
  organisationName: string;
  creditCode: string | null;
  year: number;
}

export interface ExternalRowError {
  line: number;
  /** Excel's column letter (A, B …) and the column's heading. */
  column: string;
  field: string;
  message: string;
}

/** 1 → A, 27 → AA. */
const letter = (col: number): string => {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** Header problems (the sheet is not the template): one message, nothing is imported. */
export function checkExternalHeader(header: readonly string[]): string | null {
  const wrong = EXTERNAL_RECORD_COLUMNS.findIndex((h, i) => (header[i] ?? '').trim() !== h);
  if (wrong >= 0) return `第1行${letter(wrong + 1)}列应为“${EXTERNAL_RECORD_COLUMNS[wrong]}”，实际为“${(header[wrong] ?? '').trim()}”。请使用“下载模板”得到的表格。`;
  if (!header.slice(EXTERNAL_RECORD_COLUMNS.length).some((h) => h.trim())) return '表格中没有正文列（如“项目摘要”“研究内容”“创新点”），没有可查重的内容。';
  return null;
}

/**
 * One data row (cells as text, column A first) → a record, or the errors of its cells. `currentYear` bounds the
 * year (a record cannot come from the future).
 */
export function parseExternalRecordRow(header: readonly string[], line: number, cells: readonly string[], currentYear: number): { record: ExternalRecord } | { errors: ExternalRowError[] } {
  const errors: ExternalRowError[] = [];
  const cell = (i: number) => (cells[i] ?? '').trim();
  const err = (i: number, message: string) => errors.push({ line, column: letter(i + 1), field: (header[i] ?? '').trim() || letter(i + 1), message: `第${line}行${letter(i + 1)}列“${(header[i] ?? '').trim()}”：${message}` });
  const label = cell(0);
  const sourceType = (Object.entries(EXTERNAL_SOURCE_LABELS).find(([, l]) => l === label)?.[0] ?? (EXTERNAL_SOURCE_TYPES as readonly string[]).find((t) => t === label)) as ExternalSourceType | undefined;
  if (!sourceType) err(0, label ? `“${label}”不是可导入的来源类型，应为${Object.values(EXTERNAL_SOURCE_LABELS).join('、')}之一` : '请填写来源类型');
  const recordNo = cell(1);
  if (!recordNo) err(1, '请填写记录编号');
  else if (recordNo.length > 64) err(1, '记录编号不超过64个字符');
  const title = cell(2);
  if (!title) err(2, '请填写项目名称');
  else if (title.length > 200) err(2, '项目名称不超过200个字');
  const organisationName = cell(3);
  if (!organisationName) err(3, '请填写承担单位');
  else if (organisationName.length > 200) err(3, '承担单位不超过200个字');
  let creditCode: string | null = null;
  if (cell(4)) {
    const v = validateCreditCode(cell(4));
    if (v.ok) creditCode = v.code;
    else err(4, v.message);
  }
  const yearText = cell(5);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 1980 || year > currentYear) err(5, `年度应为1980至${currentYear}之间的四位年份`);
  let text = '';
  const sections: ExternalRecord['sections'] = [];
  for (let i = EXTERNAL_RECORD_COLUMNS.length; i < Math.max(header.length, cells.length); i++) {
    const heading = (header[i] ?? '').trim();
    const value = cell(i);
    if (!value) continue;
    if (!heading) {
      err(i, '该列没有标题，无法作为正文导入');
      continue;
    }
    if (value.length > EXTERNAL_RECORD_MAX_SECTION_CHARS) {
      err(i, `正文不超过${EXTERNAL_RECORD_MAX_SECTION_CHARS}个字`);
      continue;
    }
    if (text) text += '\n\n';
    text += `${heading}\n`;
    const start = text.length;
    text += value;
    sections.push({ key: `col${i + 1}`, title: heading, start, end: text.length });
  }
  if (!sections.length && !errors.length) err(EXTERNAL_RECORD_COLUMNS.length, '正文各列均为空，没有可查重的内容');
  if (errors.length) return { errors };
  return { record: { sourceType: sourceType!, recordNo, title, organisationName, creditCode, year, text, sections } };
}

/** The title an archived external record shows in a 查重 report. */
export function externalRecordTitle(r: Pick<ExternalRecord, 'sourceType' | 'recordNo' | 'title' | 'organisationName' | 'year'>): string {
  return `${EXTERNAL_SOURCE_LABELS[r.sourceType]}：${r.title}（${r.organisationName}，${r.year}年，编号 ${r.recordNo}）`;
}

export const externalRecordResponse = z.object({
  docId: z.string(),
  sourceType: z.enum(EXTERNAL_SOURCE_TYPES),
  sourceLabel: z.string(),
  recordNo: z.string(),
  title: z.string(),
  organisationName: z.string(),
  creditCode: z.string().nullable(),
  year: z.number().int(),
  sections: z.array(z.object({ title: z.string(), chars: z.number().int() })),
  importedAt: z.string(),
});
export const externalRecordListResponse = z.object({ total: z.number().int(), items: z.array(externalRecordResponse) });
export const externalRecordImportResponse = z.object({
  saved: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string(), field: z.string(), message: z.string() })),
});
