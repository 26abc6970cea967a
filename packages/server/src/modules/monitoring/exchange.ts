/**
 * Excel exchange for monthly reporting: a unit downloads its template, fills it offline and uploads it. Every
 * row is checked on its own; valid rows are saved as drafts in one transaction, bad rows come back with their
 * line numbers and nothing already saved is lost.
 */
import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { periodLabel, reportTransition, saveEventFor, validateReportRows, type IndicatorDef, type ReportState } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { Actor } from '../audit/record.js';
import { AppError } from '../../http/problem.js';
import { cellAt, cellText, readFirstSheet } from '../../http/workbook.js';
import { monitoringProblem } from './errors.js';
import { monitoringReports } from './schema.js';
import { dueIndicators, saveIndicatorValue, unitsOfUser, parseMonth } from './reporting.js';
import { acceptedPoints, indicatorUnits, tidyDecimal, toDef } from './service.js';

const REPORT_ROWS_MAX = 1000;
const COLUMN_OF: Record<string, string> = { indicatorCode: '指标编码', value: '本期值', note: '说明' };

export const TEMPLATE_HEADERS = ['指标编码', '指标名称', '单位', '目标值', '上期值', '本期值', '说明'] as const;

export async function reportingTemplate(db: Db, userId: string, month: string): Promise<{ filename: string; buffer: Buffer }> {
  parseMonth(month);
  const units = await unitsOfUser(db, userId);
  const due = await dueIndicators(db, units, month);
  const ids = due.map((d) => d.row.id);
  const [points, reports] = await Promise.all([acceptedPoints(db, ids), ids.length ? db.select().from(monitoringReports).where(inArray(monitoringReports.indicatorId, ids)) : Promise.resolve([])]);
  const wb = new ExcelJS.Workbook();
  wb.creator = '科创';
  const ws = wb.addWorksheet('月度填报', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_HEADERS.map((header, i) => ({ header, key: String(i), width: [14, 44, 10, 12, 12, 14, 40][i], style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  for (const d of due) {
    const prev = [...(points.get(d.row.id) ?? [])].reverse().find((p) => p.period < d.key);
    const current = reports.find((r) => r.indicatorId === d.row.id && r.period === d.key);
    ws.addRow([d.row.code, `${d.row.name}（${periodLabel(d.key)}）`, d.row.unit, tidyDecimal(d.row.targetValue) ?? '', prev?.value ?? '', current ? tidyDecimal(current.value) : '', current?.note ?? '']);
  }
  // Only the value and note columns are meant to be typed into; the rest is reference.
  for (let r = 2; r <= due.length + 1; r++) {
    for (const c of [6, 7]) ws.getCell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7E6' } };
  }
  const info = wb.addWorksheet('说明');
  info.addRow(['报送期次', month]);
  info.addRow(['责任单位', units.map((u) => u.name).join('、')]);
  info.addRow(['填写说明', '只填写“本期值”和“说明”两列；数值不带单位与千分位；不需要报送的指标可整行删除。']);
  info.getColumn(2).width = 60;
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `月度填报模板-${units[0]?.name ?? '本单位'}-${month}.xlsx`, buffer };
}

export async function uploadReports(db: Db, actor: Actor & { id: string }, month: string, file: Buffer) {
  parseMonth(month);
  // A unit reports a few dozen indicators a month; a sheet far longer than that is a wrong file, not a report.
  const sheet = await readFirstSheet(file, { maxRows: REPORT_ROWS_MAX, tooManyRows: `模板最多 ${REPORT_ROWS_MAX} 行，请使用“下载模板”得到的文件。` });
  const header = sheet.header.map(cellText);
  const col = (name: string) => header.indexOf(name) + 1;
  const missingHeaders = ['指标编码', '本期值'].filter((h) => col(h) === 0);
  if (missingHeaders.length) throw monitoringProblem('WORKBOOK_UNREADABLE', `第1行缺少列：${missingHeaders.join('、')}。请使用“下载模板”得到的文件。`);
  const rows: { line: number; indicatorCode: string; value: unknown; note: unknown }[] = [];
  for (const row of sheet.rows) {
    const code = cellText(cellAt(row, col('指标编码')));
    const value = cellAt(row, col('本期值'));
    const note = col('说明') ? cellAt(row, col('说明')) : '';
    if (!code && value === '') continue;
    // Numbers go through as numbers: the domain rounds a float's tail (0.1 + 0.2) instead of refusing it.
    rows.push({ line: row.line, indicatorCode: code, value, note });
  }

  const units = await unitsOfUser(db, actor.id);
  const due = await dueIndicators(db, units, month);
  const unitLinks = await indicatorUnits(db, due.map((d) => d.row.id));
  const allowed = new Map<string, IndicatorDef>(due.map((d) => [d.row.code, toDef(d.row, (unitLinks.get(d.row.id) ?? []).map((u) => u.code))]));
  const checked = validateReportRows(rows, allowed);
  const valid = checked.valid;
  // Name the column as the sheet does, not as the code does.
  const errors = checked.errors.map((e) => ({ ...e, field: COLUMN_OF[e.field] ?? e.field }));
  const outcome = await db.transaction(async (tx) => {
    let saved = 0;
    let unchanged = 0;
    const rowErrors: { line: number; field: string; message: string }[] = [];
    for (const r of valid) {
      const d = due.find((x) => x.row.code === r.indicatorCode)!;
      const [existing] = await tx.select({ state: monitoringReports.state, value: monitoringReports.value, note: monitoringReports.note }).from(monitoringReports).where(and(eq(monitoringReports.indicatorId, d.row.id), eq(monitoringReports.period, d.key)));
      // A re-uploaded template carries the values already there; those rows are not changes.
      if (existing && tidyDecimal(existing.value) === r.value && existing.note === r.note) {
        unchanged++;
        continue;
      }
      if (existing && !reportTransition(existing.state as ReportState, saveEventFor(existing.state as ReportState)).ok) {
        rowErrors.push({ line: r.line, field: '本期值', message: `第${r.line}行：${d.row.name}已提交待审核，不能通过导入修改` });
        continue;
      }
      try {
        await saveIndicatorValue(tx, actor, d.row.id, d.key, { value: r.value, note: r.note }, undefined, d);
        saved++;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        rowErrors.push({ line: r.line, field: '本期值', message: `第${r.line}行：${e.detail}` });
      }
    }
    return { saved, unchanged, rowErrors };
  });
  return { saved: outcome.saved, unchanged: outcome.unchanged, errors: [...sheet.refused, ...errors, ...outcome.rowErrors].sort((a, b) => a.line - b.line) };
}
