/**
 * Monthly reporting (月度监测, P315-3) by the responsible units: each lead unit (牵头单位, P315-2) sees the
 * indicators and tasks it leads, enters values with a note and evidence, and submits; the bureau accepts or
 * returns. Every save, submission and review is kept as a revision, so a correction never erases the past.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { dueDate, filingMonthOf, isAwaitingUnit, isEvidenceEditable, isPastDue, reportActions, reportTransition, revisionAfter, saveEventFor, periodEnd, periodFiledIn, periodLabel, recentReportingMonths, reportingPeriodFor, tryParsePeriod, type Frequency, type ReportState } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { monitoringProblem } from './errors.js';
import {
  monitoringEvidence,
  monitoringIndicators,
  monitoringIndicatorUnits,
  monitoringPlans,
  monitoringReportRevisions,
  monitoringReports,
  monitoringTaskReports,
  monitoringTasks,
  monitoringTaskUnits,
  monitoringUnitMembers,
  monitoringUnits,
} from './schema.js';
import { acceptedPoints, indicatorUnits, indicatorView, stateLabel, tidyDecimal, todayShanghai, type PlanRow, type UnitRow } from './service.js';
import { taskViews } from './tasks.js';

/** Validates a reporting month ('2026-10') from a request; the period maths itself is the domain's. */
export function parseMonth(period: string): { year: number; month: number } {
  const p = tryParsePeriod(period);
  if (!p || p.frequency !== 'monthly') throw monitoringProblem('PERIOD_INVALID', '报送期次应为“年-月”，例如 2026-10。', [{ field: 'period', message: '格式应为 YYYY-MM' }]);
  return { year: p.year, month: p.index };
}

/** The latest month that has ended in Asia/Shanghai: the month a unit reports for today. */
export function currentReportingMonth(today: string): string {
  return reportingPeriodFor('monthly', today);
}

export async function unitsOfUser(tx: Tx, userId: string): Promise<UnitRow[]> {
  return tx
    .select({ id: monitoringUnits.id, code: monitoringUnits.code, name: monitoringUnits.name, kind: monitoringUnits.kind, createdAt: monitoringUnits.createdAt })
    .from(monitoringUnitMembers)
    .innerJoin(monitoringUnits, eq(monitoringUnits.id, monitoringUnitMembers.unitId))
    .where(eq(monitoringUnitMembers.userId, userId))
    .orderBy(asc(monitoringUnits.code));
}

export interface DueIndicator {
  row: typeof monitoringIndicators.$inferSelect;
  plan: PlanRow;
  key: string;
  leadUnit: UnitRow;
}

/**
 * What the given units must report in a month: indicators they lead, of plans still being monitored, whose
 * frequency files that month and whose period lies inside the plan's years.
 */
export async function dueIndicators(tx: Tx, units: UnitRow[], month: string): Promise<DueIndicator[]> {
  if (units.length === 0) return [];
  const byId = new Map(units.map((u) => [u.id, u]));
  const rows = await tx
    .select({ indicator: monitoringIndicators, plan: monitoringPlans, unitId: monitoringIndicatorUnits.unitId })
    .from(monitoringIndicatorUnits)
    .innerJoin(monitoringIndicators, eq(monitoringIndicators.id, monitoringIndicatorUnits.indicatorId))
    .innerJoin(monitoringPlans, eq(monitoringPlans.id, monitoringIndicators.planId))
    .where(and(eq(monitoringIndicatorUnits.position, 0), inArray(monitoringIndicatorUnits.unitId, [...byId.keys()]), eq(monitoringPlans.status, 'active')))
    .orderBy(asc(monitoringPlans.code), asc(monitoringIndicators.seq));
  const { year } = parseMonth(month);
  return rows.flatMap((r) => {
    const key = periodFiledIn(r.indicator.frequency as Frequency, month);
    if (!key || year < r.plan.periodStart || year > r.plan.periodEnd) return [];
    return [{ row: r.indicator, plan: r.plan, key, leadUnit: byId.get(r.unitId)! }];
  });
}

export interface DueTask {
  task: typeof monitoringTasks.$inferSelect;
  plan: PlanRow;
  leadUnit: UnitRow;
}

export async function dueTasks(tx: Tx, units: UnitRow[], month: string): Promise<DueTask[]> {
  if (units.length === 0) return [];
  const byId = new Map(units.map((u) => [u.id, u]));
  const rows = await tx
    .select({ task: monitoringTasks, plan: monitoringPlans, unitId: monitoringTaskUnits.unitId })
    .from(monitoringTaskUnits)
    .innerJoin(monitoringTasks, eq(monitoringTasks.id, monitoringTaskUnits.taskId))
    .innerJoin(monitoringPlans, eq(monitoringPlans.id, monitoringTasks.planId))
    .where(and(eq(monitoringTaskUnits.position, 0), inArray(monitoringTaskUnits.unitId, [...byId.keys()]), eq(monitoringPlans.status, 'active')))
    .orderBy(asc(monitoringPlans.code), asc(monitoringTasks.sortOrder));
  const { year } = parseMonth(month);
  // A completed task files nothing more (the lateness count follows the same rule).
  return rows.filter((r) => year >= r.plan.periodStart && year <= r.plan.periodEnd && !r.task.completedOn).map((r) => ({ task: r.task, plan: r.plan, leadUnit: byId.get(r.unitId)! }));
}

function assertEnded(key: string, today: string): void {
  if (periodEnd(key) >= today) throw monitoringProblem('PERIOD_NOT_DUE', `${periodLabel(key)}尚未结束，结束后才能报送。`, [{ field: 'period', message: '期次尚未结束' }]);
}

async function logRevision(tx: Tx, actor: Actor, r: { reportId: string; kind: 'indicator' | 'task'; revision: number; action: string; value: string | null; note: string; state: string }) {
  await tx.insert(monitoringReportRevisions).values({ id: randomUUID(), ...r, byId: actor.id, byName: actor.name });
}

const outstandingState = (state: string | null | undefined): boolean => isAwaitingUnit((state ?? null) as ReportState | null);

/**
 * A report as its responsible unit sees it, with what the unit may do next (from the workflow table) and, per
 * evidence file, whether it may still be removed, so the web never re-derives either.
 */
export function presentReport(r: typeof monitoringReports.$inferSelect, evidence: { id: string; filename: string; size: number }[]) {
  const state = r.state as ReportState;
  const canDelete = isEvidenceEditable(state);
  return {
    id: r.id,
    period: r.period,
    value: tidyDecimal(r.value)!,
    acceptedValue: tidyDecimal(r.acceptedValue),
    note: r.note,
    state,
    stateLabel: stateLabel(r.state),
    evidence: evidence.map((e) => ({ ...e, canDelete })),
    reviewComment: r.reviewComment,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    revision: r.revision,
    actions: reportActions(state, 'unit'),
    canAddEvidence: canDelete,
  };
}

function presentTaskReport(r: typeof monitoringTaskReports.$inferSelect) {
  const state = r.state as ReportState;
  return { id: r.id, period: r.period, percent: r.percent, progress: r.progress, note: r.note, state, stateLabel: stateLabel(r.state), reviewComment: r.reviewComment, submittedAt: r.submittedAt?.toISOString() ?? null, revision: r.revision, actions: reportActions(state, 'unit') };
}

/** The responsible unit's reporting sheet for one month; due dates and overdue verdicts are the domain's, in Asia/Shanghai. */
export async function reportingSheet(db: Db, userId: string, requested: string | undefined, today = todayShanghai()) {
  const month = requested ?? currentReportingMonth(today);
  parseMonth(month);
  const units = await unitsOfUser(db, userId);
  const due = await dueIndicators(db, units, month);
  const ids = due.map((d) => d.row.id);
  const [unitMap, points, reports] = await Promise.all([
    indicatorUnits(db, ids),
    acceptedPoints(db, ids),
    ids.length ? db.select().from(monitoringReports).where(inArray(monitoringReports.indicatorId, ids)) : Promise.resolve([]),
  ]);
  const reportIds = reports.map((r) => r.id);
  const evidence = reportIds.length ? await db.select({ id: monitoringEvidence.id, reportId: monitoringEvidence.reportId, filename: monitoringEvidence.filename, size: monitoringEvidence.size }).from(monitoringEvidence).where(inArray(monitoringEvidence.reportId, reportIds)).orderBy(asc(monitoringEvidence.uploadedAt)) : [];
  const indicators = due.map((d) => {
    const report = reports.find((r) => r.indicatorId === d.row.id && r.period === d.key) ?? null;
    const pts = points.get(d.row.id) ?? [];
    const previous = [...pts].reverse().find((p) => p.period < d.key) ?? null;
    return {
      period: d.key,
      periodLabel: periodLabel(d.key),
      dueDate: dueDate(d.key, d.plan.dueDay),
      overdue: outstandingState(report?.state) && isPastDue(d.key, d.plan.dueDay, today),
      indicator: indicatorView(d.plan, d.row, unitMap.get(d.row.id) ?? [], pts, today),
      previous,
      report: report ? presentReport(report, evidence.filter((e) => e.reportId === report.id).map(({ id, filename, size }) => ({ id, filename, size }))) : null,
    };
  });
  const tasksDue = await dueTasks(db, units, month);
  const views = await taskViews(db, tasksDue.map((t) => t.task.id), today);
  const taskReports = tasksDue.length ? await db.select().from(monitoringTaskReports).where(and(inArray(monitoringTaskReports.taskId, tasksDue.map((t) => t.task.id)), eq(monitoringTaskReports.period, month))) : [];
  const tasks = tasksDue.map((t) => {
    const r = taskReports.find((x) => x.taskId === t.task.id) ?? null;
    return {
      task: views.get(t.task.id)!,
      dueDate: dueDate(month, t.plan.dueDay),
      overdue: outstandingState(r?.state) && isPastDue(month, t.plan.dueDay, today),
      report: r ? presentTaskReport(r) : null,
    };
  });
  const dueDay = due[0]?.plan.dueDay ?? tasksDue[0]?.plan.dueDay ?? 10;
  const monthDue = dueDate(month, dueDay);
  const overdue = indicators.some((i) => i.overdue) || tasks.some((t) => t.overdue);
  return {
    period: month,
    periodLabel: periodLabel(month),
    due: monthDue,
    dueDate: monthDue,
    late: overdue,
    overdue,
    today,
    units: units.map((u) => ({ code: u.code, name: u.name })),
    indicators,
    tasks,
    periods: recentReportingMonths(today, 12).map((p) => ({ period: p, periodLabel: periodLabel(p), due: dueDate(p, dueDay), dueDate: dueDate(p, dueDay), overdue: isPastDue(p, dueDay, today) })),
  };
}

/** The units the caller reports for, by code and name. */
export async function myUnits(db: Db, userId: string) {
  return (await unitsOfUser(db, userId)).map((u) => ({ code: u.code, name: u.name }));
}

/** One value saved as a draft (or a correction) in its own transaction, as the reporting page sends it. */
export async function saveReportValue(db: Db, actor: Actor & { id: string }, indicatorId: string, key: string, input: { value: string; note?: string | undefined }) {
  const row = await db.transaction((tx) => saveIndicatorValue(tx, actor, indicatorId, key, { value: input.value, note: input.note ?? '' }));
  return { id: row.id, period: row.period, value: tidyDecimal(row.value)!, note: row.note, state: row.state as ReportState, revision: row.revision };
}

/** One task's progress saved as a draft in its own transaction. */
export async function saveTaskProgressReport(db: Db, actor: Actor & { id: string }, taskId: string, month: string, input: { percent: number; progress: string; note?: string | undefined }) {
  return db.transaction((tx) => saveTaskProgress(tx, actor, taskId, month, { percent: input.percent, progress: input.progress, note: input.note ?? '' }));
}

/** Finds what a unit reports for this indicator in the given period key, or 404s as if it did not exist. */
async function responsibleFor(tx: Tx, userId: string, indicatorId: string, key: string): Promise<DueIndicator> {
  const units = await unitsOfUser(tx, userId);
  const month = monthOfKey(key);
  const due = (await dueIndicators(tx, units, month)).find((d) => d.row.id === indicatorId && d.key === key);
  if (!due) throw monitoringProblem('NOT_RESPONSIBLE', '本单位不是该指标的牵头单位，或该指标在此期次无需报送。');
  return due;
}

/** The reporting month in which a report key is filed: a quarter in its last month, a year in December. */
export function monthOfKey(key: string): string {
  if (!tryParsePeriod(key)) throw monitoringProblem('PERIOD_INVALID', '报送期次应为“2026-10”“2026-Q3”或“2026”。', [{ field: 'period', message: '期次格式有误' }]);
  return filingMonthOf(key);
}

/** Saves one value as a draft: creates it, edits a draft or a returned report, or opens a correction of an accepted one. */
export async function saveIndicatorValue(tx: Tx, actor: Actor & { id: string }, indicatorId: string, key: string, input: { value: string; note: string }, today = todayShanghai(), resolved?: DueIndicator) {
  const due = resolved ?? (await responsibleFor(tx, actor.id, indicatorId, key));
  assertEnded(key, today);
  // Insert-or-nothing first, so two first saves at once meet on the row lock instead of the unique index.
  const id = randomUUID();
  const created = await tx
    .insert(monitoringReports)
    .values({ id, indicatorId, period: key, unitId: due.leadUnit.id, value: input.value, note: input.note, state: 'draft', revision: 1 })
    .onConflictDoNothing({ target: [monitoringReports.indicatorId, monitoringReports.period] })
    .returning();
  if (created.length) {
    await logRevision(tx, actor, { reportId: id, kind: 'indicator', revision: 1, action: 'save', value: input.value, note: input.note, state: 'draft' });
    await recordAudit(tx, actor, { action: 'monitoring.report.save', entityType: 'monitoring_report', entityId: id, changes: { value: { after: input.value }, note: { after: input.note } }, detail: { indicator: due.row.code, period: key, unit: due.leadUnit.code } });
    return created[0]!;
  }
  const [existing] = await tx.select().from(monitoringReports).where(and(eq(monitoringReports.indicatorId, indicatorId), eq(monitoringReports.period, key))).for('update');
  if (!existing) throw monitoringProblem('REPORT_NOT_FOUND');
  // Saving what is already there changes nothing: above all it must not reopen an accepted value as a correction.
  if (tidyDecimal(existing.value) === tidyDecimal(input.value) && existing.note === input.note) return existing;
  const event = saveEventFor(existing.state as ReportState);
  const t = reportTransition(existing.state as ReportState, event);
  if (!t.ok) throw monitoringProblem('REPORT_LOCKED', `${t.reason}。`);
  const revision = revisionAfter(event, existing.revision);
  const [row] = await tx.update(monitoringReports).set({ value: input.value, note: input.note, state: t.to, revision, unitId: due.leadUnit.id, updatedAt: new Date() }).where(eq(monitoringReports.id, existing.id)).returning();
  await logRevision(tx, actor, { reportId: existing.id, kind: 'indicator', revision, action: event, value: input.value, note: input.note, state: t.to });
  await recordAudit(tx, actor, {
    action: `monitoring.report.${event}`,
    entityType: 'monitoring_report',
    entityId: existing.id,
    changes: { value: { before: tidyDecimal(existing.value), after: input.value }, note: { before: existing.note, after: input.note }, state: { before: existing.state, after: t.to } },
    detail: { indicator: due.row.code, period: key, revision },
  });
  return row!;
}

export async function saveTaskProgress(tx: Tx, actor: Actor & { id: string }, taskId: string, month: string, input: { percent: number; progress: string; note: string }, today = todayShanghai()) {
  const units = await unitsOfUser(tx, actor.id);
  const due = (await dueTasks(tx, units, month)).find((t) => t.task.id === taskId);
  if (!due) throw monitoringProblem('NOT_RESPONSIBLE', '本单位不是该任务的牵头单位，或该任务已完成。');
  assertEnded(month, today);
  await tx
    .insert(monitoringTaskReports)
    .values({ id: randomUUID(), taskId, period: month, unitId: due.leadUnit.id, ...input, state: 'draft', revision: 0 })
    .onConflictDoNothing({ target: [monitoringTaskReports.taskId, monitoringTaskReports.period] });
  const [row0] = await tx.select().from(monitoringTaskReports).where(and(eq(monitoringTaskReports.taskId, taskId), eq(monitoringTaskReports.period, month))).for('update');
  // Revision 0 marks the row this call just reserved; it becomes revision 1 below.
  const existing = row0 && row0.revision > 0 ? row0 : undefined;
  if (existing && existing.percent === input.percent && existing.progress === input.progress && existing.note === input.note) return presentTaskReport(existing);
  // A reserved row has no state yet: its first save creates the draft, as the workflow table's "(none) → draft".
  const event = existing ? saveEventFor(existing.state as ReportState) : 'save';
  const t = existing ? reportTransition(existing.state as ReportState, event) : ({ ok: true, to: 'draft' } as const);
  if (!t.ok) throw monitoringProblem('REPORT_LOCKED', `${t.reason.replace('报送', '进展')}。`);
  const id = row0!.id;
  const revision = existing ? revisionAfter(event, existing.revision) : 1;
  const [row] = await tx.update(monitoringTaskReports).set({ ...input, state: t.to, revision, updatedAt: new Date() }).where(eq(monitoringTaskReports.id, id)).returning();
  await logRevision(tx, actor, { reportId: id, kind: 'task', revision, action: 'save', value: String(input.percent), note: input.progress, state: t.to });
  await recordAudit(tx, actor, {
    action: 'monitoring.taskReport.save',
    entityType: 'monitoring_task_report',
    entityId: id,
    changes: { percent: { before: existing?.percent ?? null, after: input.percent }, progress: { before: existing?.progress ?? null, after: input.progress } },
    detail: { task: due.task.code, period: month },
  });
  return presentTaskReport(row!);
}

/** Submits every draft or returned report of the caller's units for the month, in one transaction. */
export async function submitMonth(db: Db, actor: Actor & { id: string }, month: string) {
  parseMonth(month);
  return db.transaction(async (tx) => {
    const units = await unitsOfUser(tx, actor.id);
    const due = await dueIndicators(tx, units, month);
    const now = new Date();
    let submitted = 0;
    for (const d of due) {
      const [r] = await tx.select().from(monitoringReports).where(and(eq(monitoringReports.indicatorId, d.row.id), eq(monitoringReports.period, d.key))).for('update');
      const t = r ? reportTransition(r.state as ReportState, 'submit') : null;
      if (!r || !t?.ok) continue;
      await tx.update(monitoringReports).set({ state: t.to, submittedBy: actor.id, submittedAt: now, updatedAt: now }).where(eq(monitoringReports.id, r.id));
      await logRevision(tx, actor, { reportId: r.id, kind: 'indicator', revision: r.revision, action: 'submit', value: tidyDecimal(r.value), note: r.note, state: t.to });
      await recordAudit(tx, actor, { action: 'monitoring.report.submit', entityType: 'monitoring_report', entityId: r.id, changes: { state: { before: r.state, after: t.to } }, detail: { indicator: d.row.code, period: d.key } });
      submitted++;
    }
    const tasks = await dueTasks(tx, units, month);
    for (const t of tasks) {
      const [r] = await tx.select().from(monitoringTaskReports).where(and(eq(monitoringTaskReports.taskId, t.task.id), eq(monitoringTaskReports.period, month))).for('update');
      const tr = r ? reportTransition(r.state as ReportState, 'submit') : null;
      if (!r || !tr?.ok) continue;
      await tx.update(monitoringTaskReports).set({ state: tr.to, submittedBy: actor.id, submittedAt: now, updatedAt: now }).where(eq(monitoringTaskReports.id, r.id));
      await logRevision(tx, actor, { reportId: r.id, kind: 'task', revision: r.revision, action: 'submit', value: String(r.percent), note: r.progress, state: tr.to });
      await recordAudit(tx, actor, { action: 'monitoring.taskReport.submit', entityType: 'monitoring_task_report', entityId: r.id, changes: { state: { before: r.state, after: tr.to } }, detail: { task: t.task.code, period: month } });
      submitted++;
    }
    if (submitted === 0) throw monitoringProblem('NOTHING_TO_SUBMIT', `${periodLabel(month)}没有待提交的草稿或退回修改的内容。`);
    return { submitted };
  });
}

/** Who may read a report: the bureau, or a member of the unit that filed it. */
export async function assertCanSeeReport(tx: Tx, userId: string, canManage: boolean, unitId: string): Promise<void> {
  if (canManage) return;
  const units = await unitsOfUser(tx, userId);
  if (!units.some((u) => u.id === unitId)) throw monitoringProblem('REPORT_NOT_FOUND');
}

