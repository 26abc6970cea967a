/** Plans and their indicator systems: listing, reading, series for charts, and the bureau's edits. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  expectedValue,
  aggregateYear,
  PROGRESS_STATUSES,
  VERDICTS,
  changedFields,
  periodLabel,
  periodEnd,
  periodKey,
  periodsBetween,
  decimalEquals,
  normalizeDecimal,
  type PlanSettingsPatch,
  type ReportState,
  type Verdict,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { monitoringProblem } from './errors.js';
import { monitoringIndicators, monitoringIndicatorUnits, monitoringPlans, monitoringReports, monitoringTasks, monitoringUnitMembers, monitoringUnits } from './schema.js';
import { unitsOfUser } from './reporting.js';
import { acceptedPoints, countBy, findIndicator, findPlan, indicatorUnits, indicatorView, planIndicators, stateLabel, tidyDecimal, todayShanghai, type IndicatorView, type PlanRow } from './service.js';

function planSummary(p: PlanRow, indicators: IndicatorView[], taskCount: number) {
  return {
    code: p.code,
    name: p.name,
    shortName: p.shortName,
    issuer: p.issuer,
    documentNo: p.documentNo,
    issuedOn: p.issuedOn,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    status: p.status as 'completed' | 'active',
    ruleIds: p.ruleIds,
    indicatorCount: indicators.length,
    coreCount: indicators.filter((i) => i.core).length,
    taskCount,
    statusCounts: countBy(PROGRESS_STATUSES, indicators.map((i) => i.status)),
    verdictCounts: countBy(VERDICTS, indicators.map((i) => i.verdict).filter((v): v is Verdict => v !== null)),
  };
}

async function taskCounts(tx: Tx, planIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (planIds.length === 0) return out;
  for (const t of await tx.select({ planId: monitoringTasks.planId }).from(monitoringTasks).where(inArray(monitoringTasks.planId, planIds))) out.set(t.planId, (out.get(t.planId) ?? 0) + 1);
  return out;
}

export async function listPlans(db: Db) {
  const plans = await db.select().from(monitoringPlans).orderBy(asc(monitoringPlans.periodStart), asc(monitoringPlans.code));
  const today = todayShanghai();
  const counts = await taskCounts(db, plans.map((p) => p.id));
  const out = [];
  for (const p of plans) out.push(planSummary(p, await planIndicators(db, p, today), counts.get(p.id) ?? 0));
  return out;
}

export async function readPlan(db: Db, code: string) {
  const plan = await findPlan(db, code);
  const indicators = await planIndicators(db, plan, todayShanghai());
  const counts = await taskCounts(db, [plan.id]);
  return {
    plan: { ...planSummary(plan, indicators, counts.get(plan.id) ?? 0), categories: plan.categories, tolerancePercent: normalizeDecimal(tidyDecimal(plan.tolerancePercent)!), dueDay: plan.dueDay, source: plan.source },
    indicators,
  };
}

/** Monthly points on the path from base to target, for the dashed line under the reported values. */
function pathPoints(view: IndicatorView): { date: string; expected: string }[] {
  const out: { date: string; expected: string }[] = [];
  const def = { ...view, responsibleUnits: view.responsibleUnits.map((u) => u.code) };
  // Month ends from the base year's December to the target year's, by the domain's period maths.
  for (const month of periodsBetween(periodKey('monthly', view.base.year, 12), periodKey('monthly', view.target.year, 12))) {
    const date = periodEnd(month);
    const e = expectedValue(def, date);
    if (e !== null) out.push({ date, expected: e });
  }
  return out;
}

/**
 * A reader who is neither the bureau nor the reporting unit sees accepted values only: a draft or a figure under
 * review is not yet a figure anyone may quote.
 */
export async function indicatorSeries(db: Db, id: string, viewer: { unitIds: string[]; canManage: boolean }) {
  const row = await findIndicator(db, id);
  const [plan] = await db.select().from(monitoringPlans).where(eq(monitoringPlans.id, row.planId));
  const [units, points] = await Promise.all([indicatorUnits(db, [id]), acceptedPoints(db, [id])]);
  const pts = points.get(id) ?? [];
  const view = indicatorView(plan!, row, units.get(id) ?? [], pts, todayShanghai());
  const reports = await db.select().from(monitoringReports).where(eq(monitoringReports.indicatorId, id));
  const years = [...new Set(pts.map((p) => Number(p.at.slice(0, 4))))].sort();
  const visible = reports.filter((r) => viewer.unitIds.includes(r.unitId) || (viewer.canManage ? r.state !== 'draft' : r.acceptedValue !== null));
  const own = (r: (typeof reports)[number]) => viewer.unitIds.includes(r.unitId) || viewer.canManage;
  return {
    indicator: view,
    points: visible
      .map((r) => (own(r) ? r : { ...r, value: r.acceptedValue!, note: '', state: 'accepted', reviewComment: null }))
      .map((r) => ({ id: r.id, period: r.period, periodLabel: periodLabel(r.period), date: pts.find((p) => p.period === r.period)?.at ?? null, value: tidyDecimal(r.value)!, acceptedValue: tidyDecimal(r.acceptedValue), state: r.state as ReportState, stateLabel: stateLabel(r.state), revision: r.revision }))
      .sort((a, b) => a.period.localeCompare(b.period)),
    accepted: pts,
    path: view.base.value !== null && view.target.value !== null ? pathPoints(view) : [],
    yearly: years.map((year) => ({ year, value: aggregateYear(view.aggregation, pts, year) })),
  };
}

/** The series as the caller may see it: the caller's own units' reports in full, others' as the viewer rules say. */
export async function readIndicatorSeries(db: Db, caller: { userId: string; canManage: boolean }, id: string) {
  const unitIds = (await unitsOfUser(db, caller.userId)).map((u) => u.id);
  return indicatorSeries(db, id, { unitIds, canManage: caller.canManage });
}

export interface IndicatorPatch {
  base?: { year: number; value: string | null } | undefined;
  target?: { year: number; value: string | null } | undefined;
  responsibleUnits?: string[] | undefined;
  frequency?: string | undefined;
  dataSource?: string | undefined;
  definition?: string | undefined;
  direction?: string | undefined;
  core?: boolean | undefined;
  note?: string | undefined;
}

export async function patchIndicator(db: Db, actor: Actor, id: string, patch: IndicatorPatch) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(monitoringIndicators).where(eq(monitoringIndicators.id, id)).for('update');
    if (!row) throw monitoringProblem('INDICATOR_NOT_FOUND');
    const next = {
      baseYear: patch.base?.year ?? row.baseYear,
      baseValue: patch.base ? patch.base.value : row.baseValue,
      targetYear: patch.target?.year ?? row.targetYear,
      targetValue: patch.target ? patch.target.value : row.targetValue,
      frequency: patch.frequency ?? row.frequency,
      dataSource: patch.dataSource ?? row.dataSource,
      definition: patch.definition ?? row.definition,
      direction: patch.direction ?? row.direction,
      core: patch.core ?? row.core,
      note: patch.note ?? row.note,
    };
    if (next.baseYear >= next.targetYear) throw monitoringProblem('INDICATOR_INVALID', '基数年份须早于目标年份。', [{ field: 'base.year', message: '基数年份须早于目标年份' }]);
    const before = { ...row, baseValue: tidyDecimal(row.baseValue), targetValue: tidyDecimal(row.targetValue) };
    const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.keys(next).map((k) => [k, o[k]]));
    const changes: Record<string, { before?: unknown; after?: unknown }> = changedFields(pick(before as unknown as Record<string, unknown>), pick(next as unknown as Record<string, unknown>));
    if (patch.responsibleUnits) {
      const units = await tx.select().from(monitoringUnits).where(inArray(monitoringUnits.code, patch.responsibleUnits));
      const byCode = new Map(units.map((u) => [u.code, u]));
      const missing = patch.responsibleUnits.filter((c) => !byCode.has(c));
      if (missing.length) throw monitoringProblem('UNIT_NOT_FOUND', `责任单位不存在：${missing.join('、')}`, [{ field: 'responsibleUnits', message: '责任单位不存在' }]);
      const old = (await indicatorUnits(tx, [id])).get(id) ?? [];
      const oldCodes = old.map((u) => u.code);
      if (oldCodes.join() !== patch.responsibleUnits.join()) {
        await tx.delete(monitoringIndicatorUnits).where(eq(monitoringIndicatorUnits.indicatorId, id));
        await tx.insert(monitoringIndicatorUnits).values(patch.responsibleUnits.map((c, position) => ({ indicatorId: id, unitId: byCode.get(c)!.id, position })));
        changes.responsibleUnits = { before: oldCodes, after: patch.responsibleUnits };
        // Reports still open move with the duty, so the new lead can finish them and the old one no longer edits them.
        const lead = byCode.get(patch.responsibleUnits[0]!)!;
        if (oldCodes[0] !== lead.code) {
          const moved = await tx
            .update(monitoringReports)
            .set({ unitId: lead.id, updatedAt: new Date() })
            .where(and(eq(monitoringReports.indicatorId, id), inArray(monitoringReports.state, ['draft', 'returned', 'submitted'])))
            .returning({ id: monitoringReports.id });
          if (moved.length) changes.openReportsMoved = { before: oldCodes[0] ?? null, after: `${lead.code}（${moved.length}项）` };
        }
      }
    }
    if (Object.keys(changes).length === 0) return;
    await tx.update(monitoringIndicators).set({ ...next, updatedAt: new Date() }).where(eq(monitoringIndicators.id, id));
    await recordAudit(tx, actor, { action: 'monitoring.indicator.update', entityType: 'monitoring_indicator', entityId: id, changes });
  });
  const row = await findIndicator(db, id);
  const [plan] = await db.select().from(monitoringPlans).where(eq(monitoringPlans.id, row.planId));
  const [units, points] = await Promise.all([indicatorUnits(db, [id]), acceptedPoints(db, [id])]);
  return indicatorView(plan!, row, units.get(id) ?? [], points.get(id) ?? [], todayShanghai());
}

/** The bureau's monitoring settings; the band arrives already rounded to two places by the domain schema. */
export async function patchPlan(db: Db, actor: Actor, code: string, patch: PlanSettingsPatch) {
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, code);
    const before = normalizeDecimal(tidyDecimal(plan.tolerancePercent)!);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (patch.tolerancePercent !== undefined && !decimalEquals(before, patch.tolerancePercent)) changes.tolerancePercent = { before, after: patch.tolerancePercent };
    if (patch.dueDay !== undefined && plan.dueDay !== patch.dueDay) changes.dueDay = { before: plan.dueDay, after: patch.dueDay };
    if (Object.keys(changes).length) {
      await tx.update(monitoringPlans).set({ ...(patch.tolerancePercent !== undefined ? { tolerancePercent: patch.tolerancePercent } : {}), ...(patch.dueDay !== undefined ? { dueDay: patch.dueDay } : {}), updatedAt: new Date() }).where(eq(monitoringPlans.id, plan.id));
      await recordAudit(tx, actor, { action: 'monitoring.plan.update', entityType: 'monitoring_plan', entityId: plan.id, changes });
    }
    return { code, tolerancePercent: patch.tolerancePercent ?? before, dueDay: patch.dueDay ?? plan.dueDay };
  });
}

export async function listUnits(db: Db) {
  const units = await db.select().from(monitoringUnits).orderBy(asc(monitoringUnits.code));
  const members = await db.select({ unitId: monitoringUnitMembers.unitId }).from(monitoringUnitMembers);
  const count = new Map<string, number>();
  for (const m of members) count.set(m.unitId, (count.get(m.unitId) ?? 0) + 1);
  return units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, memberCount: count.get(u.id) ?? 0 }));
}
