/**
 * 镇乡（街道）科技创新能力评价 (P315-7): the bureau keeps an indicator set with weights and each town's values;
 * scores and ranks are computed on every read by the domain (never stored, so they cannot drift from the values).
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { desc, eq } from 'drizzle-orm';
import { evaluateTowns, parseDecimalInput, type TownIndicator, type TownInput } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { monitoringProblem } from './errors.js';
import { cellAt, cellText, readFirstSheet } from '../../http/workbook.js';
import { townEvaluations } from './schema.js';

export interface TownEvaluationInput {
  title: string;
  year: number;
  indicators: TownIndicator[];
  towns: TownInput[];
}

function scored(input: { indicators: TownIndicator[]; towns: TownInput[] }) {
  const result = evaluateTowns(input);
  if (!result.ok) throw monitoringProblem('INDICATOR_INVALID', result.errors.join('；'), result.errors.map((message) => ({ field: 'indicators', message })));
  return result.towns;
}

function present(row: typeof townEvaluations.$inferSelect) {
  const indicators = row.indicators as TownIndicator[];
  const towns = row.towns as TownInput[];
  return { id: row.id, title: row.title, year: row.year, indicators, towns, updatedAt: row.updatedAt.toISOString(), result: towns.length ? scored({ indicators, towns }) : [] };
}

export async function listTownEvaluations(db: Db) {
  const rows = await db.select().from(townEvaluations).orderBy(desc(townEvaluations.year), desc(townEvaluations.createdAt));
  return rows.map((r) => {
    const p = present(r);
    return { id: p.id, title: p.title, year: p.year, indicatorCount: p.indicators.length, townCount: p.towns.length, top: p.result.filter((t) => t.rank === 1).map((t) => t.name), updatedAt: p.updatedAt };
  });
}

export async function readTownEvaluation(db: Db, id: string) {
  const [row] = await db.select().from(townEvaluations).where(eq(townEvaluations.id, id));
  if (!row) throw monitoringProblem('REPORT_NOT_FOUND', '评价不存在。');
  return present(row);
}

export async function saveTownEvaluation(db: Db, actor: Actor, id: string | null, input: TownEvaluationInput) {
  // Refuse a set that cannot be scored before anything is written.
  if (input.towns.length) scored(input);
  else if (input.indicators.reduce((s, i) => s + i.weight, 0) !== 100) throw monitoringProblem('INDICATOR_INVALID', '指标权重之和须为100。', [{ field: 'indicators', message: '指标权重之和须为100' }]);
  return db.transaction(async (tx) => {
    if (id) {
      const [old] = await tx.select().from(townEvaluations).where(eq(townEvaluations.id, id)).for('update');
      if (!old) throw monitoringProblem('REPORT_NOT_FOUND', '评价不存在。');
      await tx.update(townEvaluations).set({ ...input, updatedAt: new Date() }).where(eq(townEvaluations.id, id));
      await recordAudit(tx, actor, { action: 'monitoring.townEvaluation.update', entityType: 'town_evaluation', entityId: id, changes: { indicators: { before: old.indicators, after: input.indicators }, towns: { before: old.towns, after: input.towns } } });
      return { id };
    }
    const newId = randomUUID();
    await tx.insert(townEvaluations).values({ id: newId, ...input, createdBy: actor.id });
    await recordAudit(tx, actor, { action: 'monitoring.townEvaluation.create', entityType: 'town_evaluation', entityId: newId, changes: { title: { after: input.title }, year: { after: input.year }, indicators: { after: input.indicators } } });
    return { id: newId };
  });
}

export async function townTemplate(db: Db, id: string): Promise<Buffer> {
  const e = await readTownEvaluation(db, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('镇街数据', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.columns = [{ header: '镇街代码', key: 'code', width: 14 }, { header: '镇街名称', key: 'name', width: 20 }, ...e.indicators.map((i) => ({ header: i.name, key: i.code, width: 18 }))];
  ws.getRow(1).font = { bold: true };
  for (const t of e.towns) ws.addRow([t.code, t.name, ...e.indicators.map((i) => t.values[i.code] ?? '')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Replaces the towns' values from an uploaded sheet; bad cells come back by line and the saved values stay as they were. */
export async function importTownValues(db: Db, actor: Actor, id: string, file: Buffer) {
  const e = await readTownEvaluation(db, id);
  const sheet = await readFirstSheet(file, { maxRows: 2000, tooManyRows: '一次最多导入 2000 个镇街。' });
  const header = sheet.header.map(cellText);
  const columns = e.indicators.map((i) => ({ i, col: header.indexOf(i.name) + 1 }));
  const absent = columns.filter((c) => c.col === 0).map((c) => c.i.name);
  if (header[0] !== '镇街代码' || header[1] !== '镇街名称' || absent.length) throw monitoringProblem('WORKBOOK_UNREADABLE', `表头应为“镇街代码、镇街名称”及各指标名称${absent.length ? `，缺少：${absent.join('、')}` : ''}。`);
  const errors: { line: number; field: string; message: string }[] = [...sheet.refused];
  const towns: TownInput[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of sheet.rows) {
    const code = cellText(cellAt(cells, 1));
    const name = cellText(cellAt(cells, 2));
    if (!code && !name) continue;
    if (!code || !name) {
      errors.push({ line, field: !code ? '镇街代码' : '镇街名称', message: `第${line}行：镇街代码和名称都必须填写` });
      continue;
    }
    if (seen.has(code)) {
      errors.push({ line, field: '镇街代码', message: `第${line}行：镇街代码“${code}”重复` });
      continue;
    }
    const values: Record<string, string | null> = {};
    let ok = true;
    for (const { i, col } of columns) {
      const raw = cellText(cellAt(cells, col));
      if (raw === '' || raw === '-' || raw === '—') {
        values[i.code] = null;
        continue;
      }
      const p = parseDecimalInput(raw);
      if (!p.ok) {
        ok = false;
        errors.push({ line, field: i.name, message: `第${line}行“${i.name}”：${p.message}` });
      } else values[i.code] = p.value;
    }
    if (!ok) continue;
    seen.add(code);
    towns.push({ code, name, values });
  }
  if (towns.length === 0) return { saved: 0, errors: errors.length ? errors : [{ line: 0, field: '文件', message: '文件中没有镇街数据' }] };
  // Good rows replace or add their town; a town whose row was refused keeps the values already saved.
  const merged = [...e.towns.map((t) => towns.find((n) => n.code === t.code) ?? t), ...towns.filter((n) => !e.towns.some((t) => t.code === n.code))];
  await saveTownEvaluation(db, actor, id, { title: e.title, year: e.year, indicators: e.indicators, towns: merged });
  return { saved: towns.length, errors };
}
