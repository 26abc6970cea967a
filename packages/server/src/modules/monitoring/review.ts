/** The bureau's side of monthly monitoring: review queue, accept / return, lateness, reminders, history. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { dueDate, isAwaitingUnit, isLate, isLateAt, isPastDue, periodEnd, periodFiledIn, periodLabel, ratioPercent, reportActions, reportTransition, shanghaiToday, type Frequency, type ReportState } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { monitoringProblem } from './errors.js';
import {
  monitoringEvidence,
  monitoringIndicators,
  monitoringIndicatorUnits,
  monitoringPlans,
  monitoringReminders,
  monitoringReportRevisions,
  monitoringReports,
  monitoringTaskReports,
  monitoringTasks,
  monitoringTaskUnits,
  monitoringUnits,
} from './schema.js';
import { assertCanSeeReport, currentReportingMonth, parseMonth } from './reporting.js';
import { findPlan, stateLabel, tidyDecimal, todayShanghai } from './service.js';

export interface ReviewFilter {
  plan?: string | undefined;
  period?: string | undefined;
  state?: string | undefined;
  unit?: string | undefined;
  sort?: 'period' | 'submittedAt' | 'unit' | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function reviewQueue(db: Db, f: ReviewFilter, now = new Date()) {
  const where: SQL[] = [];
  if (f.plan) where.push(eq(monitoringPlans.code, f.plan));
  if (f.period) where.push(eq(monitoringReports.period, f.period));
  if (f.state) where.push(eq(monitoringReports.state, f.state));
  // Drafts are the unit's own working copy until submitted.
  else where.push(inArray(monitoringReports.state, ['submitted', 'accepted', 'returned']));
  if (f.unit) where.push(eq(monitoringUnits.code, f.unit));
  const base = db
    .select({ report: monitoringReports, indicator: monitoringIndicators, planCode: monitoringPlans.code, dueDay: monitoringPlans.dueDay, unitCode: monitoringUnits.code, unitName: monitoringUnits.name })
    .from(monitoringReports)
    .innerJoin(monitoringIndicators, eq(monitoringIndicators.id, monitoringReports.indicatorId))
    .innerJoin(monitoringPlans, eq(monitoringPlans.id, monitoringIndicators.planId))
    .innerJoin(monitoringUnits, eq(monitoringUnits.id, monitoringReports.unitId))
    .where(and(...where));
  const [totalRow] = await db
    .select({ n: count() })
    .from(monitoringReports)
    .innerJoin(monitoringIndicators, eq(monitoringIndicators.id, monitoringReports.indicatorId))
    .innerJoin(monitoringPlans, eq(monitoringPlans.id, monitoringIndicators.planId))
    .innerJoin(monitoringUnits, eq(monitoringUnits.id, monitoringReports.unitId))
    .where(and(...where));
  const dir = f.order === 'asc' ? asc : desc;
  const primary = f.sort === 'period' ? dir(monitoringReports.period) : f.sort === 'unit' ? dir(monitoringUnits.code) : dir(monitoringReports.submittedAt);
  // The report id last, so equal keys never trade places between pages.
  const rows = await base.orderBy(primary, desc(monitoringReports.submittedAt), asc(monitoringIndicators.seq), asc(monitoringReports.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const ids = rows.map((r) => r.report.id);
  const indicatorIds = [...new Set(rows.map((r) => r.indicator.id))];
  const [evidence, previous] = await Promise.all([
    ids.length ? db.select({ id: monitoringEvidence.id, reportId: monitoringEvidence.reportId, filename: monitoringEvidence.filename }).from(monitoringEvidence).where(inArray(monitoringEvidence.reportId, ids)).orderBy(asc(monitoringEvidence.uploadedAt)) : Promise.resolve([]),
    indicatorIds.length ? db.select({ indicatorId: monitoringReports.indicatorId, period: monitoringReports.period, value: monitoringReports.acceptedValue }).from(monitoringReports).where(inArray(monitoringReports.indicatorId, indicatorIds)) : Promise.resolve([]),
  ]);
  return {
    total: totalRow?.n ?? 0,
    items: rows.map(({ report: r, indicator: i, planCode, dueDay, unitCode, unitName }) => {
      const prev = previous.filter((p) => p.indicatorId === i.id && p.period < r.period && p.value !== null).sort((a, b) => b.period.localeCompare(a.period))[0];
      return {
        id: r.id,
        period: r.period,
        periodLabel: periodLabel(r.period),
        indicator: { id: i.id, code: i.code, name: i.name, unit: i.unit, planCode },
        unit: { code: unitCode, name: unitName },
        value: tidyDecimal(r.value)!,
        acceptedValue: tidyDecimal(r.acceptedValue),
        note: r.note,
        state: r.state as ReportState,
        stateLabel: stateLabel(r.state),
        submittedAt: r.submittedAt?.toISOString() ?? null,
        reviewComment: r.reviewComment,
        evidenceCount: evidence.filter((e) => e.reportId === r.id).length,
        evidence: evidence.filter((e) => e.reportId === r.id).map(({ id, filename }) => ({ id, filename })),
        previousValue: prev ? tidyDecimal(prev.value) : null,
        previousPeriod: prev?.period ?? null,
        revision: r.revision,
        dueDate: dueDate(r.period, dueDay),
        // Late (逾期): submitted after the due day, or still not submitted after it (Asia/Shanghai days).
        overdue: isLateAt(r.period, dueDay, r.state === 'returned' ? null : r.submittedAt, now),
        actions: reportActions(r.state as ReportState, 'bureau'),
      };
    }),
  };
}

async function logRevision(tx: Tx, actor: Actor, r: { reportId: string; kind: 'indicator' | 'task'; revision: number; action: string; value: string | null; note: string; state: string }) {
  await tx.insert(monitoringReportRevisions).values({ id: randomUUID(), ...r, byId: actor.id, byName: actor.name });
}

export async function reviewReport(db: Db, actor: Actor, id: string, decision: 'accept' | 'return', comment: string | null) {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(monitoringReports).where(eq(monitoringReports.id, id)).for('update');
    if (!r) throw monitoringProblem('REPORT_NOT_FOUND');
    const t = reportTransition(r.state as ReportState, decision);
    if (!t.ok) throw monitoringProblem('REPORT_TRANSITION_REFUSED', `${t.reason}。`);
    const now = new Date();
    const state = t.to;
    await tx
      .update(monitoringReports)
      .set({ state, reviewedBy: actor.id, reviewedAt: now, reviewComment: comment, updatedAt: now, ...(decision === 'accept' ? { acceptedValue: r.value, acceptedAt: now } : {}) })
      .where(eq(monitoringReports.id, id));
    await logRevision(tx, actor, { reportId: id, kind: 'indicator', revision: r.revision, action: decision, value: tidyDecimal(r.value), note: comment ?? '', state });
    await recordAudit(tx, actor, {
      action: `monitoring.report.${decision}`,
      entityType: 'monitoring_report',
      entityId: id,
      changes: { state: { before: r.state, after: state }, ...(decision === 'accept' ? { acceptedValue: { before: tidyDecimal(r.acceptedValue), after: tidyDecimal(r.value) } } : {}) },
      detail: comment ? { comment } : null,
    });
    return { id, state, stateLabel: stateLabel(state) };
  });
}

export async function reviewTaskReport(db: Db, actor: Actor, id: string, decision: 'accept' | 'return', comment: string | null) {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(monitoringTaskReports).where(eq(monitoringTaskReports.id, id)).for('update');
    if (!r) throw monitoringProblem('REPORT_NOT_FOUND');
    const t = reportTransition(r.state as ReportState, decision);
    if (!t.ok) throw monitoringProblem('REPORT_TRANSITION_REFUSED', `${t.reason.replace('报送', '进展')}。`);
    const now = new Date();
    const state = t.to;
    await tx.update(monitoringTaskReports).set({ state, reviewedBy: actor.id, reviewedAt: now, reviewComment: comment, updatedAt: now }).where(eq(monitoringTaskReports.id, id));
    // A task reported 100% and accepted is complete from the end of that month.
    if (decision === 'accept' && r.percent === 100) {
      const end = periodEnd(r.period);
      await tx.update(monitoringTasks).set({ completedOn: end }).where(eq(monitoringTasks.id, r.taskId));
    }
    await logRevision(tx, actor, { reportId: id, kind: 'task', revision: r.revision, action: decision, value: String(r.percent), note: comment ?? '', state });
    await recordAudit(tx, actor, { action: `monitoring.taskReport.${decision}`, entityType: 'monitoring_task_report', entityId: id, changes: { state: { before: r.state, after: state } }, detail: comment ? { comment } : null });
    return { id, state, stateLabel: stateLabel(state) };
  });
}

export async function taskReviewQueue(db: Db, f: ReviewFilter, now = new Date()) {
  const where: SQL[] = [];
  if (f.plan) where.push(eq(monitoringPlans.code, f.plan));
  if (f.period) where.push(eq(monitoringTaskReports.period, f.period));
  if (f.state) where.push(eq(monitoringTaskReports.state, f.state));
  else where.push(inArray(monitoringTaskReports.state, ['submitted', 'accepted', 'returned']));
  if (f.unit) where.push(eq(monitoringUnits.code, f.unit));
  const rows = await db
    .select({ report: monitoringTaskReports, task: monitoringTasks, planCode: monitoringPlans.code, dueDay: monitoringPlans.dueDay, unitCode: monitoringUnits.code, unitName: monitoringUnits.name })
    .from(monitoringTaskReports)
    .innerJoin(monitoringTasks, eq(monitoringTasks.id, monitoringTaskReports.taskId))
    .innerJoin(monitoringPlans, eq(monitoringPlans.id, monitoringTasks.planId))
    .innerJoin(monitoringUnits, eq(monitoringUnits.id, monitoringTaskReports.unitId))
    .where(and(...where))
    .orderBy(desc(monitoringTaskReports.submittedAt))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(monitoringTaskReports)
    .innerJoin(monitoringTasks, eq(monitoringTasks.id, monitoringTaskReports.taskId))
    .innerJoin(monitoringPlans, eq(monitoringPlans.id, monitoringTasks.planId))
    .innerJoin(monitoringUnits, eq(monitoringUnits.id, monitoringTaskReports.unitId))
    .where(and(...where));
  return {
    total: total?.n ?? 0,
    items: rows.map(({ report: r, task, planCode, dueDay, unitCode, unitName }) => ({
      id: r.id,
      period: r.period,
      periodLabel: periodLabel(r.period),
      task: { id: task.id, code: task.code, seq: task.seq, title: task.title, planCode },
      unit: { code: unitCode, name: unitName },
      percent: r.percent,
      progress: r.progress,
      note: r.note,
      state: r.state as ReportState,
      stateLabel: stateLabel(r.state),
      submittedAt: r.submittedAt?.toISOString() ?? null,
      reviewComment: r.reviewComment,
      dueDate: dueDate(r.period, dueDay),
      overdue: isLateAt(r.period, dueDay, r.state === 'returned' ? null : r.submittedAt, now),
      actions: reportActions(r.state as ReportState, 'bureau'),
    })),
  };
}

/** Every revision of an indicator report, for the bureau or a member of the unit that filed it (others: not found). */
export async function reportHistory(tx: Tx, viewer: { userId: string; canManage: boolean }, reportId: string) {
  const [report] = await tx.select({ unitId: monitoringReports.unitId }).from(monitoringReports).where(eq(monitoringReports.id, reportId));
  if (!report) throw monitoringProblem('REPORT_NOT_FOUND');
  await assertCanSeeReport(tx, viewer.userId, viewer.canManage, report.unitId);
  const rows = await tx.select().from(monitoringReportRevisions).where(eq(monitoringReportRevisions.reportId, reportId)).orderBy(asc(monitoringReportRevisions.at));
  return rows.map((r) => ({ revision: r.revision, action: r.action, value: r.value, note: r.note, state: r.state as ReportState, stateLabel: stateLabel(r.state), at: r.at.toISOString(), by: r.byName }));
}

/** Per lead unit: what it owes for the month, what it has submitted, and whether it is late. */
export async function lateness(db: Db, planCode: string, requested: string | undefined, today = todayShanghai()) {
  const month = requested ?? currentReportingMonth(today);
  parseMonth(month);
  const plan = await findPlan(db, planCode);
  const due = dueDate(month, plan.dueDay);
  const pastDue = isPastDue(month, plan.dueDay, today);
  const { year } = parseMonth(month);
  const inPlan = year >= plan.periodStart && year <= plan.periodEnd && plan.status === 'active';
  const [indicatorLinks, taskLinks, units, reports, taskReports, reminders] = await Promise.all([
    db
      .select({ indicatorId: monitoringIndicators.id, frequency: monitoringIndicators.frequency, unitId: monitoringIndicatorUnits.unitId })
      .from(monitoringIndicatorUnits)
      .innerJoin(monitoringIndicators, eq(monitoringIndicators.id, monitoringIndicatorUnits.indicatorId))
      .where(and(eq(monitoringIndicators.planId, plan.id), eq(monitoringIndicatorUnits.position, 0))),
    db
      .select({ taskId: monitoringTasks.id, unitId: monitoringTaskUnits.unitId, completedOn: monitoringTasks.completedOn })
      .from(monitoringTaskUnits)
      .innerJoin(monitoringTasks, eq(monitoringTasks.id, monitoringTaskUnits.taskId))
      .where(and(eq(monitoringTasks.planId, plan.id), eq(monitoringTaskUnits.position, 0))),
    db.select().from(monitoringUnits),
    db
      .select({ indicatorId: monitoringReports.indicatorId, period: monitoringReports.period, state: monitoringReports.state, submittedAt: monitoringReports.submittedAt, acceptedValue: monitoringReports.acceptedValue })
      .from(monitoringReports)
      .innerJoin(monitoringIndicators, eq(monitoringIndicators.id, monitoringReports.indicatorId))
      .where(and(eq(monitoringIndicators.planId, plan.id), inArray(monitoringReports.period, keysOfMonth(month)))),
    db.select({ taskId: monitoringTaskReports.taskId, state: monitoringTaskReports.state, submittedAt: monitoringTaskReports.submittedAt }).from(monitoringTaskReports).where(eq(monitoringTaskReports.period, month)),
    db.select().from(monitoringReminders).where(and(eq(monitoringReminders.planId, plan.id), eq(monitoringReminders.period, month))).orderBy(desc(monitoringReminders.sentAt)),
  ]);
  const byUnit = new Map<string, { expected: number; submitted: number; accepted: number; lateSubmissions: number }>();
  const bump = (unitId: string, state: string | null, submittedAt: Date | null, hasAccepted = false) => {
    const e = byUnit.get(unitId) ?? { expected: 0, submitted: 0, accepted: 0, lateSubmissions: 0 };
    e.expected++;
    // A correction being drafted or reviewed does not undo a value the bureau has already accepted.
    if (!isAwaitingUnit(state as ReportState | null) || hasAccepted) e.submitted++;
    if (state === 'accepted' || hasAccepted) e.accepted++;
    if (submittedAt && isLate(month, plan.dueDay, shanghaiToday(submittedAt), today)) e.lateSubmissions++;
    byUnit.set(unitId, e);
  };
  if (inPlan) {
    for (const l of indicatorLinks) {
      const key = periodFiledIn(l.frequency as Frequency, month);
      if (!key) continue;
      const r = reports.find((x) => x.indicatorId === l.indicatorId && x.period === key);
      bump(l.unitId, r?.state ?? null, r?.submittedAt ?? null, r?.acceptedValue != null);
    }
    for (const l of taskLinks) {
      // Completed tasks file nothing more, as the reporting sheet has it.
      if (l.completedOn) continue;
      const r = taskReports.find((x) => x.taskId === l.taskId);
      bump(l.unitId, r?.state ?? null, r?.submittedAt ?? null);
    }
  }
  const items = [...byUnit.entries()].map(([unitId, e]) => {
    const unit = units.find((u) => u.id === unitId)!;
    const missing = e.expected - e.submitted;
    return {
      unit: { code: unit.code, name: unit.name },
      ...e,
      missing,
      completeness: e.expected ? ratioPercent(e.submitted, e.expected) : '100.00',
      late: (pastDue && missing > 0) || e.lateSubmissions > 0,
      dueDate: due,
      overdue: (pastDue && missing > 0) || e.lateSubmissions > 0,
      lastReminderAt: reminders.find((r) => r.unitId === unitId)?.sentAt.toISOString() ?? null,
    };
  });
  items.sort((a, b) => Number(b.late) - Number(a.late) || b.missing - a.missing || a.unit.code.localeCompare(b.unit.code));
  return { plan: plan.code, period: month, periodLabel: periodLabel(month), due, dueDate: due, overdue: pastDue, items };
}

export async function remind(db: Db, actor: Actor, planCode: string, month: string, unitCodes: string[]) {
  const report = await lateness(db, planCode, month);
  const plan = await findPlan(db, planCode);
  return db.transaction(async (tx) => {
    let reminded = 0;
    for (const code of new Set(unitCodes)) {
      const item = report.items.find((i) => i.unit.code === code);
      if (!item) throw monitoringProblem('UNIT_NOT_FOUND', `责任单位“${code}”在${report.periodLabel}没有需报送的内容。`);
      if (item.missing === 0) continue;
      const [unit] = await tx.select().from(monitoringUnits).where(eq(monitoringUnits.code, code));
      const id = randomUUID();
      await tx.insert(monitoringReminders).values({ id, planId: plan.id, unitId: unit!.id, period: month, missing: item.missing, sentBy: actor.id, sentByName: actor.name });
      await recordAudit(tx, actor, { action: 'monitoring.remind', entityType: 'monitoring_unit', entityId: unit!.id, detail: { plan: planCode, period: month, missing: item.missing } });
      reminded++;
    }
    return { reminded };
  });
}

/** Reminders addressed to the given units that still have something missing, newest first, for their to-do list. */
export async function openReminders(db: Db, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({ r: monitoringReminders, planCode: monitoringPlans.code, planName: monitoringPlans.shortName, unitCode: monitoringUnits.code, unitName: monitoringUnits.name })
    .from(monitoringReminders)
    .innerJoin(monitoringPlans, eq(monitoringPlans.id, monitoringReminders.planId))
    .innerJoin(monitoringUnits, eq(monitoringUnits.id, monitoringReminders.unitId))
    .where(inArray(monitoringReminders.unitId, unitIds))
    .orderBy(desc(monitoringReminders.sentAt))
    .limit(500);
  // One entry per plan, period and unit (the newest reminder), then one lateness computation per plan and period.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.planCode}/${row.r.period}/${row.r.unitId}`;
    if (!latest.has(key)) latest.set(key, row);
  }
  const cache = new Map<string, Awaited<ReturnType<typeof lateness>>>();
  const out = [];
  for (const { r, planCode, planName, unitCode, unitName } of [...latest.values()].slice(0, 12)) {
    const key = `${planCode}/${r.period}`;
    if (!cache.has(key)) cache.set(key, await lateness(db, planCode, r.period));
    const l = cache.get(key)!;
    const item = l.items.find((i) => i.unit.code === unitCode);
    if (item && item.missing > 0) out.push({ planCode, planName, period: r.period, periodLabel: l.periodLabel, unitName, missing: item.missing, due: l.due, sentAt: r.sentAt });
  }
  return out;
}

/** Every report key a month can file: the month itself, the quarter it ends, the year it ends. */
function keysOfMonth(month: string): string[] {
  return (['monthly', 'quarterly', 'annual'] as Frequency[]).map((f) => periodFiledIn(f, month)).filter((k): k is string => k !== null);
}
