/**
 * Reading plans: the indicator views every page and export shares, computed from the stored definitions and
 * the accepted reports (never stored, so a dashboard can never disagree with the reports behind it).
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import {
  aggregateYear,
  completionRate,
  DIRECTION_LABELS,
  expectedValue,
  FREQUENCY_LABELS,
  formatDecimal,
  formatIndicatorValue,
  isCountUnit,
  periodEnd,
  periodLabel,
  progressRate,
  progressStatus,
  PROGRESS_STATUS_LABELS,
  REPORT_STATE_LABELS,
  shanghaiDate,
  verdict,
  VERDICT_LABELS,
  type Aggregation,
  type Direction,
  type Frequency,
  type IndicatorDef,
  type ProgressStatus,
  type ReportState,
  type TargetKind,
  type Verdict,
} from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { monitoringProblem } from './errors.js';
import { monitoringIndicators, monitoringIndicatorUnits, monitoringPlans, monitoringReports, monitoringUnits } from './schema.js';

export type PlanRow = typeof monitoringPlans.$inferSelect;
export type IndicatorRow = typeof monitoringIndicators.$inferSelect;
export type UnitRow = typeof monitoringUnits.$inferSelect;

export interface UnitRef {
  code: string;
  name: string;
}

/** An indicator as every page and export shows it: its definition, its units by name, and where it stands. */
export interface IndicatorView extends Omit<IndicatorDef, 'responsibleUnits'> {
  id: string;
  planCode: string;
  directionLabel: string;
  frequencyLabel: string;
  responsibleUnits: UnitRef[];
  latest: { period: string; periodLabel: string; value: string; state: ReportState } | null;
  expected: string | null;
  status: ProgressStatus;
  statusLabel: string;
  verdict: Verdict | null;
  verdictLabel: string | null;
  completionRate: string | null;
  progressRate: string | null;
  gapPercent: string | null;
  /** The unit counts whole things (家, 个, 项, 人, 件 …): display values are rounded to whole units. */
  countUnit: boolean;
  /** Display strings from the domain (thousands separators; counts in whole units); null where the figure is. */
  display: { base: string | null; target: string | null; actual: string | null; latest: string | null; expected: string | null };
}

/** numeric columns come back with trailing zeros on some drivers; a value shown to people should not. */
export function tidyDecimal(v: string | null): string | null {
  if (v === null) return null;
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

export function toDef(row: IndicatorRow, unitCodes: string[]): IndicatorDef {
  return {
    code: row.code,
    category: row.category,
    seq: row.seq,
    name: row.name,
    unit: row.unit,
    direction: row.direction as Direction,
    core: row.core,
    targetKind: row.targetKind as TargetKind,
    aggregation: row.aggregation as Aggregation,
    base: { year: row.baseYear, value: tidyDecimal(row.baseValue) },
    target: { year: row.targetYear, value: tidyDecimal(row.targetValue) },
    actual: row.actualYear === null ? null : { year: row.actualYear, value: tidyDecimal(row.actualValue) },
    responsibleUnits: unitCodes,
    frequency: row.frequency as Frequency,
    dataSource: row.dataSource,
    definition: row.definition,
    ruleIds: row.ruleIds,
    note: row.note,
  };
}

export async function findPlan(tx: Tx, code: string): Promise<PlanRow> {
  const [p] = await tx.select().from(monitoringPlans).where(eq(monitoringPlans.code, code));
  if (!p) throw monitoringProblem('PLAN_NOT_FOUND', `规划“${code}”不存在。`);
  return p;
}

export async function findIndicator(tx: Tx, id: string): Promise<IndicatorRow> {
  const [row] = await tx.select().from(monitoringIndicators).where(eq(monitoringIndicators.id, id));
  if (!row) throw monitoringProblem('INDICATOR_NOT_FOUND');
  return row;
}

/** Responsible units per indicator, lead first. */
export async function indicatorUnits(tx: Tx, indicatorIds: string[]): Promise<Map<string, (UnitRef & { id: string })[]>> {
  const out = new Map<string, (UnitRef & { id: string })[]>();
  if (indicatorIds.length === 0) return out;
  const rows = await tx
    .select({ indicatorId: monitoringIndicatorUnits.indicatorId, id: monitoringUnits.id, code: monitoringUnits.code, name: monitoringUnits.name })
    .from(monitoringIndicatorUnits)
    .innerJoin(monitoringUnits, eq(monitoringUnits.id, monitoringIndicatorUnits.unitId))
    .where(inArray(monitoringIndicatorUnits.indicatorId, indicatorIds))
    .orderBy(asc(monitoringIndicatorUnits.position));
  for (const r of rows) {
    const list = out.get(r.indicatorId) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name });
    out.set(r.indicatorId, list);
  }
  return out;
}

export interface AcceptedPoint {
  period: string;
  value: string;
  at: string;
}

/** Accepted values per indicator, oldest period first. A correction under review keeps its accepted value here. */
export async function acceptedPoints(tx: Tx, indicatorIds: string[]): Promise<Map<string, AcceptedPoint[]>> {
  const out = new Map<string, AcceptedPoint[]>();
  if (indicatorIds.length === 0) return out;
  const rows = await tx
    .select({ indicatorId: monitoringReports.indicatorId, period: monitoringReports.period, value: monitoringReports.acceptedValue })
    .from(monitoringReports)
    .where(and(inArray(monitoringReports.indicatorId, indicatorIds), isNotNull(monitoringReports.acceptedValue)));
  for (const r of rows) {
    const list = out.get(r.indicatorId) ?? [];
    list.push({ period: r.period, value: tidyDecimal(r.value)!, at: periodEnd(r.period) });
    out.set(r.indicatorId, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.at === b.at ? a.period.localeCompare(b.period) : a.at.localeCompare(b.at)));
  return out;
}

/** The value that decides the verdict: the recorded actual of a completed plan, else the target year's figure. */
function targetYearValue(def: IndicatorDef, points: AcceptedPoint[]): string | null {
  if (def.actual && def.actual.year === def.target.year) return def.actual.value;
  return aggregateYear(def.aggregation, points, def.target.year);
}

interface Reading {
  latest: IndicatorView['latest'];
  expected: string | null;
  progress: { status: ProgressStatus; gapPercent: string | null } | null;
  completionRate: string | null;
  progressRate: string | null;
}

/**
 * Stocks and rates: the latest value against the path at that value's date. Flows (aggregation `sum`, e.g.
 * 技术交易额 reported per month, "科创甬江2035" 100 projects a year) are yearly totals in the plan: the year-to-date
 * total is read against the year's figure pro rata by days, the year's figure being the compound level for a
 * growth target and the target itself for a per-year target.
 */
function reading(plan: PlanRow, def: IndicatorDef, points: AcceptedPoint[], today: string): Reading {
  if (def.actual?.value != null) {
    const at = `${def.actual.year}-12-31`;
    const p = progressStatus(def, def.actual.value, at, plan.tolerancePercent);
    return {
      latest: { period: String(def.actual.year), periodLabel: `${def.actual.year}年实绩`, value: def.actual.value, state: 'accepted' },
      expected: expectedValue(def, at),
      progress: p,
      completionRate: completionRate(def, def.actual.value),
      progressRate: progressRate(def, def.actual.value),
    };
  }
  const last = points[points.length - 1];
  if (!last) return { latest: null, expected: def.aggregation === 'sum' ? null : expectedValue(def, plan.status === 'completed' ? `${def.target.year}-12-31` : today), progress: null, completionRate: null, progressRate: null };
  if (def.aggregation !== 'sum') {
    return {
      latest: { period: last.period, periodLabel: periodLabel(last.period), value: last.value, state: 'accepted' },
      // Beside the latest value, the path at that value's date: the two are compared, so they must be read together.
      expected: expectedValue(def, last.at),
      progress: progressStatus(def, last.value, last.at, plan.tolerancePercent),
      completionRate: completionRate(def, last.value),
      progressRate: progressRate(def, last.value),
    };
  }
  const year = Number(last.at.slice(0, 4));
  const ytd = aggregateYear('sum', points, year)!;
  const annual = def.targetKind === 'growth' ? expectedValue(def, `${year}-12-31`) : def.target.value;
  const yearly: IndicatorDef = { ...def, targetKind: 'level', base: { year: year - 1, value: '0' }, target: { year, value: annual } };
  return {
    latest: { period: String(year), periodLabel: `${year}年累计（至${periodLabel(last.period)}）`, value: ytd, state: 'accepted' },
    expected: annual === null ? null : expectedValue(yearly, last.at),
    progress: annual === null ? null : progressStatus(yearly, ytd, last.at, plan.tolerancePercent),
    completionRate: annual === null ? null : completionRate(yearly, ytd),
    progressRate: null,
  };
}

export function indicatorView(plan: PlanRow, row: IndicatorRow, units: UnitRef[], points: AcceptedPoint[], today: string): IndicatorView {
  const def = toDef(row, units.map((u) => u.code));
  const r = reading(plan, def, points, today);
  const targetDate = `${def.target.year}-12-31`;
  const judged = plan.status === 'completed' || today > targetDate;
  const v: Verdict | null = !judged ? null : verdict(def, targetYearValue(def, points));
  const progress = r.progress;
  const latest = r.latest;
  const status: ProgressStatus = progress?.status ?? 'unknown';
  return {
    id: row.id,
    planCode: plan.code,
    code: def.code,
    category: def.category,
    seq: def.seq,
    name: def.name,
    unit: def.unit,
    direction: def.direction,
    directionLabel: DIRECTION_LABELS[def.direction],
    core: def.core,
    targetKind: def.targetKind,
    aggregation: def.aggregation,
    frequency: def.frequency,
    frequencyLabel: FREQUENCY_LABELS[def.frequency],
    base: def.base,
    target: def.target,
    actual: def.actual,
    responsibleUnits: units.map(({ code, name }) => ({ code, name })),
    dataSource: def.dataSource,
    definition: def.definition,
    ruleIds: def.ruleIds,
    note: def.note,
    latest,
    expected: r.expected,
    status,
    statusLabel: PROGRESS_STATUS_LABELS[status],
    verdict: v,
    verdictLabel: v ? VERDICT_LABELS[v] : null,
    completionRate: r.completionRate,
    progressRate: r.progressRate,
    gapPercent: progress?.gapPercent ?? null,
    countUnit: isCountUnit(def.unit),
    display: {
      base: formatIndicatorValue(def.base.value, def.unit),
      // A growth target is a rate in percent, whatever the indicator counts.
      target: def.targetKind === 'growth' ? (def.target.value === null ? null : formatDecimal(def.target.value)) : formatIndicatorValue(def.target.value, def.unit),
      actual: formatIndicatorValue(def.actual?.value ?? null, def.unit),
      latest: formatIndicatorValue(latest?.value ?? null, def.unit),
      expected: formatIndicatorValue(r.expected, def.unit),
    },
  };
}

export const stateLabel = (s: string): string => REPORT_STATE_LABELS[s as ReportState] ?? s;

export function todayShanghai(now = new Date()): string {
  return shanghaiDate(now);
}

/** Every indicator of a plan as its view, in source order. */
export async function planIndicators(tx: Tx, plan: PlanRow, today: string): Promise<IndicatorView[]> {
  const rows = await tx.select().from(monitoringIndicators).where(eq(monitoringIndicators.planId, plan.id)).orderBy(asc(monitoringIndicators.seq), asc(monitoringIndicators.code));
  const ids = rows.map((r) => r.id);
  const [units, points] = await Promise.all([indicatorUnits(tx, ids), acceptedPoints(tx, ids)]);
  return rows.map((r) => indicatorView(plan, r, units.get(r.id) ?? [], points.get(r.id) ?? [], today));
}

export function countBy<K extends string>(keys: readonly K[], values: K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v]++;
  return out;
}
