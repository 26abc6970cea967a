/**
 * Reading plans: the indicator views every page and export shares, computed from the stored definitions and
 * the accepted reports (never stored, so a dashboard can never disagree with the reports behind it).
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import {
  completionRate,
  DIRECTION_LABELS,
  expectedValue,
  FREQUENCY_LABELS,
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

export interface IndicatorView {
  id: string;
  planCode: string;
  code: string;
  category: string | null;
  seq: number;
  name: string;
  unit: string;
  direction: Direction;
  directionLabel: string;
  core: boolean;
  targetKind: TargetKind;
  aggregation: Aggregation;
  frequency: Frequency;
  frequencyLabel: string;
  base: { year: number; value: string | null };
  target: { year: number; value: string | null };
  actual: { year: number; value: string | null } | null;
  responsibleUnits: UnitRef[];
  dataSource: string;
  definition: string;
  ruleIds: string[];
  note: string;
  latest: { period: string; periodLabel: string; value: string; state: ReportState } | null;
  expected: string | null;
  status: ProgressStatus;
  statusLabel: string;
  verdict: Verdict | null;
  verdictLabel: string | null;
  completionRate: string | null;
  progressRate: string | null;
  gapPercent: string | null;
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

/** The value that decides the verdict: the recorded actual of a completed plan, else the last accepted value in the target year. */
function targetYearValue(def: IndicatorDef, points: AcceptedPoint[]): string | null {
  if (def.actual && def.actual.year === def.target.year) return def.actual.value;
  const inYear = points.filter((p) => p.at.startsWith(`${def.target.year}-`));
  return inYear.length ? inYear[inYear.length - 1]!.value : null;
}

function previousYearValue(def: IndicatorDef, points: AcceptedPoint[]): string | null {
  const y = def.target.year - 1;
  const inYear = points.filter((p) => p.at.startsWith(`${y}-`));
  return inYear.length ? inYear[inYear.length - 1]!.value : def.base.year === y ? def.base.value : null;
}

export function indicatorView(plan: PlanRow, row: IndicatorRow, units: UnitRef[], points: AcceptedPoint[], today: string): IndicatorView {
  const def = toDef(row, units.map((u) => u.code));
  const last = points[points.length - 1];
  const latest = def.actual?.value != null
    ? { period: String(def.actual.year), periodLabel: `${def.actual.year}年实绩`, value: def.actual.value, state: 'accepted' as ReportState }
    : last
      ? { period: last.period, periodLabel: periodLabel(last.period), value: last.value, state: 'accepted' as ReportState }
      : null;
  const at = latest ? (def.actual?.value != null ? `${def.actual.year}-12-31` : last!.at) : today;
  const progress = latest ? progressStatus(def, latest.value, at, plan.tolerancePercent) : null;
  const targetDate = `${def.target.year}-12-31`;
  const judged = plan.status === 'completed' || today > targetDate;
  const v: Verdict | null = !judged ? null : verdict(def, targetYearValue(def, points), previousYearValue(def, points));
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
    expected: expectedValue(def, plan.status === 'completed' ? targetDate : today),
    status,
    statusLabel: PROGRESS_STATUS_LABELS[status],
    verdict: v,
    verdictLabel: v ? VERDICT_LABELS[v] : null,
    completionRate: latest ? completionRate(def, latest.value) : null,
    progressRate: latest ? progressRate(def, latest.value) : null,
    gapPercent: progress?.gapPercent ?? null,
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
