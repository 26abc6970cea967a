/**
 * The expert pool's Excel import (专家导入): the sheet's columns and the check of one row, so the server's import,
 * its template and the tests share one definition. A bad cell gives its line, column letter, heading and why; the
 * row is then checked as a whole by the same schema the officer's form uses.
 */
import { expertProfileSchema, type ExpertProfile, type TaxonomyField } from './experts.js';

export const EXPERT_IMPORT_COLUMNS = ['姓名', '身份证号码', '职称', '工作单位', '统一社会信用代码', '所在地区', '评审领域', '关键词', '创新联合体', '手机', '邮箱'] as const;
/** Which profile member each column fills, for mapping a schema issue back to its cell. */
const COLUMN_KEYS = ['name', 'idNumber', 'title', 'organisationName', 'organisationCreditCode', 'region', 'fields', 'keywords', 'consortia', 'phone', 'email'] as const;

export interface ExpertImportRowError {
  line: number;
  /** Excel's column letter (A, B …), '' when the problem is the whole row. */
  column: string;
  field: string;
  message: string;
}

const letter = (col: number): string => {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** Splits a list cell on the separators people type: 、，,；; and line breaks. */
export function splitListCell(text: string): string[] {
  return text
    .split(/[、，,；;\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Header problems (not the template): one message, nothing is imported. */
export function checkExpertImportHeader(header: readonly string[]): string | null {
  const wrong = EXPERT_IMPORT_COLUMNS.findIndex((h, i) => (header[i] ?? '').trim() !== h);
  if (wrong < 0) return null;
  return `第1行${letter(wrong + 1)}列应为“${EXPERT_IMPORT_COLUMNS[wrong]}”，实际为“${(header[wrong] ?? '').trim()}”。请使用“下载模板”得到的表格。`;
}

/**
 * One data row (cells as text, column A first) → a profile, or its errors. The 评审领域 cell takes field codes or
 * names of the taxonomy (装备 or equipment); an unknown one is an error naming the choices.
 */
export function parseExpertImportRow(line: number, cells: readonly string[], taxonomy: readonly TaxonomyField[]): { profile: ExpertProfile } | { errors: ExpertImportRowError[] } {
  const errors: ExpertImportRowError[] = [];
  const cell = (i: number) => (cells[i] ?? '').trim();
  const err = (i: number, message: string) => {
    if (errors.some((e) => e.column === letter(i + 1))) return;
    errors.push({ line, column: letter(i + 1), field: EXPERT_IMPORT_COLUMNS[i]!, message: `第${line}行${letter(i + 1)}列“${EXPERT_IMPORT_COLUMNS[i]}”：${message}` });
  };
  const fieldIndex = COLUMN_KEYS.indexOf('fields');
  const fields: string[] = [];
  for (const term of splitListCell(cell(fieldIndex))) {
    const hit = taxonomy.find((f) => f.code === term || f.name === term);
    if (hit) fields.push(hit.code);
    else err(fieldIndex, `“${term}”不是现行计划中的领域，可填：${taxonomy.map((f) => `${f.name}（${f.code}）`).join('、')}`);
  }
  const input = {
    name: cell(0),
    idNumber: cell(1),
    title: cell(2),
    organisationName: cell(3),
    organisationCreditCode: cell(4),
    region: cell(5),
    fields,
    keywords: splitListCell(cell(7)),
    consortia: splitListCell(cell(8)),
    phone: cell(9),
    email: cell(10),
  };
  const parsed = expertProfileSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      const i = COLUMN_KEYS.indexOf(key as (typeof COLUMN_KEYS)[number]);
      if (i === fieldIndex && errors.some((e) => e.column === letter(fieldIndex + 1))) continue;
      err(i >= 0 ? i : 0, issue.message);
    }
  }
  if (errors.length || !parsed.success) return { errors: errors.sort((a, b) => (a.column.length - b.column.length) || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)) };
  return { profile: parsed.data };
}
