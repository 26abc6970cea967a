/**
 * Row-level checks of a department's Excel upload (P315-3): every bad row is reported with its line number and
 * Chinese message, and every good row is returned, so a bad row never costs the others.
 */
import { decimalFromNumber, parseDecimalInput } from './decimal.js';
import { NOTE_MAX } from './schemas.js';
import type { DecimalString, IndicatorDef } from './types.js';

export interface ReportRowInput {
  /** The spreadsheet's own line number, as the user sees it. */
  line: number;
  indicatorCode: string;
  value: unknown;
  note: unknown;
}

export interface ValidReportRow {
  line: number;
  indicatorCode: string;
  value: DecimalString;
  note: string;
}

export interface ReportRowError {
  line: number;
  field: 'indicatorCode' | 'value' | 'note';
  message: string;
}

export interface ReportRowsResult {
  valid: ValidReportRow[];
  errors: ReportRowError[];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return '';
}

function readValue(v: unknown, unit: string): { ok: true; value: DecimalString } | { ok: false; message: string } {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return { ok: false, message: '数值为空' };
  if (typeof v === 'number') {
    // A numeric cell: Excel's float (56.150000000000006) read to 6 places.
    try {
      return { ok: true, value: decimalFromNumber(v) };
    } catch (e) {
      return { ok: false, message: e instanceof RangeError ? e.message : '不是有效的数字' };
    }
  }
  if (typeof v === 'bigint') return { ok: true, value: v.toString() };
  if (typeof v !== 'string') return { ok: false, message: '不是有效的数字' };
  // A '%' is tolerated on indicators whose unit is '%' (people type "56.15%" in such a column).
  const r = parseDecimalInput(v, { percent: unit === '%' });
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message };
}

/**
 * Checks uploaded rows against the indicators the department may report (`allowed`, by code).
 * Errors: unknown or empty code, empty value, not a number, a code appearing on more than one line (every such
 * line is refused: the file does not say which of its values is meant), note longer than 500 characters.
 * A row with any error is left out of `valid`; all its errors are listed, in line order.
 */
export function validateReportRows(rows: readonly ReportRowInput[], allowed: ReadonlyMap<string, Pick<IndicatorDef, 'code' | 'name' | 'unit'>>): ReportRowsResult {
  const valid: ValidReportRow[] = [];
  const errors: ReportRowError[] = [];
  const linesByCode = new Map<string, number[]>();
  for (const r of rows) {
    const code = cellText(r.indicatorCode).trim();
    if (code) linesByCode.set(code, [...(linesByCode.get(code) ?? []), r.line]);
  }
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  for (const r of sorted) {
    const rowErrors: ReportRowError[] = [];
    const at = `第${r.line}行`;
    const code = cellText(r.indicatorCode).trim();
    const ind = allowed.get(code);
    if (!code) rowErrors.push({ line: r.line, field: 'indicatorCode', message: `${at}：指标代码为空` });
    else if (!ind) rowErrors.push({ line: r.line, field: 'indicatorCode', message: `${at}：指标代码“${code}”不存在或不属于本单位填报的指标` });
    else {
      const others = (linesByCode.get(code) ?? []).filter((l) => l !== r.line);
      if (others.length > 0) rowErrors.push({ line: r.line, field: 'indicatorCode', message: `${at}：指标代码“${code}”在文件中重复（另见第${others.join('、')}行），请只保留一行` });
    }
    const value = readValue(r.value, ind?.unit ?? '');
    if (!value.ok) rowErrors.push({ line: r.line, field: 'value', message: `${at}：${ind ? `“${ind.name}”的` : ''}${value.message === '数值为空' ? '数值为空' : value.message}` });
    const note = cellText(r.note).trim();
    if ([...note].length > NOTE_MAX) rowErrors.push({ line: r.line, field: 'note', message: `${at}：说明不超过${NOTE_MAX}个字（现为${[...note].length}个字）` });
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (value.ok) valid.push({ line: r.line, indicatorCode: code, value: value.value, note });
  }
  return { valid, errors };
}
