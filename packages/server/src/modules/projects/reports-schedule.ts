/**
 * The progress reports of a project as stored: materialised from the domain's schedule (computed from the
 * EFFECTIVE end date, so an approved extension adds its reports at the next refresh) and moved through the
 * window's state table — by the scheduler (open, lock) or by people (submit, accept, return, reopen) — each
 * transition with its timeline event and audit event in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import {
  dueSystemEvents, PROJECT_REPORT_EVENT_LABELS, projectReportTransition, reportSchedule, reportWindowText, shanghaiDate,
  type ProjectReportEvent, type ProjectReportState, type ProjectState,
} from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/record.js';
import { recordProjectEvent, type ProjectRow } from './lifecycle.js';
import { reportProblem } from './reports-errors.js';
import { projectReports } from './reports-schema.js';
import { projectSettings } from './settings.js';

export type ProjectReportRow = typeof projectReports.$inferSelect;

/** The scheduler's actor in the audit trail. */
export const REPORT_SCHEDULER: Actor = { ...SYSTEM_ACTOR, name: 'system.projectReports' };

/** A project owes reports while it runs (signed, not yet closed); its last stretch is covered by acceptance. */
export const REPORTING_PROJECT_STATES: readonly ProjectState[] = ['executing', 'midterm', 'rectifying', 'accepting', 'acceptanceRectifying'];

export const todayOf = (now: Date): string => shanghaiDate(now);

export async function reportRows(db: Tx, projectId: string, opts: { forUpdate?: boolean } = {}): Promise<ProjectReportRow[]> {
  const q = db.select().from(projectReports).where(eq(projectReports.projectId, projectId)).orderBy(asc(projectReports.periodNo));
  return opts.forUpdate ? q.for('update') : q;
}

export async function findReport(db: Tx, projectId: string, reportId: string, opts: { forUpdate?: boolean } = {}): Promise<ProjectReportRow> {
  const q = db.select().from(projectReports).where(and(eq(projectReports.id, reportId), eq(projectReports.projectId, projectId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw reportProblem('PROJECT_REPORT_NOT_FOUND');
  return row;
}

const periodName = (r: Pick<ProjectReportRow, 'periodNo' | 'periodStart' | 'periodEnd'>) => `第${r.periodNo}年度进展报告（${r.periodStart} 至 ${r.periodEnd}）`;

export interface ReportTransitionInput {
  /** Columns set with the state (content, dates, decision …). */
  set?: Partial<Omit<ProjectReportRow, 'id' | 'projectId' | 'state'>>;
  /** The rest of the timeline sentence after the report's name and the event. */
  summary?: string;
  detail?: Record<string, unknown>;
}

/**
 * Moves one report by one event of the domain's state table, with its timeline and audit events. The caller
 * holds the row (findReport … forUpdate) so two actions cannot both pass the same state.
 */
export async function transitionReport(tx: Tx, actor: Actor, row: ProjectReportRow, event: ProjectReportEvent, input: ReportTransitionInput = {}, now = new Date()): Promise<ProjectReportRow> {
  const t = projectReportTransition(row.state as ProjectReportState, event);
  if (!t.ok) throw reportProblem('PROJECT_REPORT_STATE_REFUSED', t.message, undefined, { state: row.state, event });
  const [next] = await tx.update(projectReports).set({ ...input.set, state: t.to, stateChangedAt: now, updatedAt: now }).where(eq(projectReports.id, row.id)).returning();
  const detail = { reportId: row.id, periodNo: row.periodNo, from: row.state, to: t.to, ...input.detail };
  await recordProjectEvent(tx, actor, row.projectId, { kind: `report.${event}`, summary: `${periodName(row)}${PROJECT_REPORT_EVENT_LABELS[event]}${input.summary ? `：${input.summary}` : ''}`, detail, at: now });
  await recordAudit(tx, actor, { action: `project.report.${event}`, entityType: 'projectReport', entityId: row.id, changes: { state: { before: row.state, after: t.to } }, detail: { projectId: row.projectId, ...detail } });
  return next!;
}

/**
 * Brings a project's reports up to date with its schedule and the calendar, in the caller's transaction: adds
 * the periods not yet stored (never twice: unique per project and period), moves the dates of reports whose
 * window has not opened yet to the schedule's (start date or settings changed), then applies the scheduler's due
 * events (open on the first day, lock the day after the window closed) as the system actor. Writes nothing when
 * nothing changed. A project that does not run (not signed yet, or closed) keeps its reports as they are.
 */
export async function refreshProjectReports(tx: Tx, project: ProjectRow, now = new Date()): Promise<ProjectReportRow[]> {
  if (!REPORTING_PROJECT_STATES.includes(project.state as ProjectState) || !project.startDate || !project.effectiveEndDate) return reportRows(tx, project.id);
  const settings = await projectSettings(tx, project);
  const schedule = reportSchedule(project.startDate, project.effectiveEndDate, settings);
  let rows = await reportRows(tx, project.id, { forUpdate: true });
  const stored = new Map(rows.map((r) => [r.periodNo, r]));
  const missing = schedule.filter((p) => !stored.has(p.periodNo));
  if (missing.length > 0) {
    const inserted = await tx.insert(projectReports).values(missing.map((p) => ({ id: randomUUID(), projectId: project.id, ...p, closesOn: p.dueDate, createdAt: now, updatedAt: now, stateChangedAt: now }))).onConflictDoNothing().returning();
    if (inserted.length > 0) {
      const periods = inserted.map((r) => ({ periodNo: r.periodNo, periodEnd: r.periodEnd, opensOn: r.opensOn, dueDate: r.dueDate }));
      await recordProjectEvent(tx, REPORT_SCHEDULER, project.id, {
        kind: 'report.scheduled',
        summary: `按执行期（${project.startDate} 至 ${project.effectiveEndDate}）排定年度进展报告：${inserted.map((r) => `第${r.periodNo}年度填报窗口 ${reportWindowText({ opensOn: r.opensOn, closesOn: r.closesOn })}`).join('；')}`,
        detail: { periods, effectiveEndDate: project.effectiveEndDate },
        at: now,
      });
      await recordAudit(tx, REPORT_SCHEDULER, { action: 'project.report.schedule', entityType: 'project', entityId: project.id, detail: { periods, effectiveEndDate: project.effectiveEndDate, annualReportAboveMonths: settings.annualReportAboveMonths, reportDueDays: settings.reportDueDays } });
    }
    rows = await reportRows(tx, project.id, { forUpdate: true });
  }
  const byPeriod = new Map(schedule.map((p) => [p.periodNo, p]));
  // A year the schedule no longer has is cancelled while it has not opened (never deleted); it comes back if the schedule does.
  for (const [i, r] of rows.entries()) {
    const wanted = byPeriod.has(r.periodNo);
    if (!wanted && r.state === 'notOpen') rows[i] = await transitionReport(tx, REPORT_SCHEDULER, r, 'cancel', { summary: `执行期现为 ${project.startDate} 至 ${project.effectiveEndDate}`, detail: { effectiveEndDate: project.effectiveEndDate } }, now);
    if (wanted && r.state === 'cancelled') rows[i] = await transitionReport(tx, REPORT_SCHEDULER, r, 'restore', { summary: `执行期现为 ${project.startDate} 至 ${project.effectiveEndDate}`, detail: { effectiveEndDate: project.effectiveEndDate } }, now);
  }
  for (const [i, r] of rows.entries()) {
    const p = byPeriod.get(r.periodNo);
    if (p && r.state === 'notOpen' && (p.periodStart !== r.periodStart || p.periodEnd !== r.periodEnd || p.opensOn !== r.opensOn || p.dueDate !== r.dueDate || p.dueDate !== r.closesOn)) {
      const [moved] = await tx.update(projectReports).set({ periodStart: p.periodStart, periodEnd: p.periodEnd, opensOn: p.opensOn, dueDate: p.dueDate, closesOn: p.dueDate, updatedAt: now }).where(eq(projectReports.id, r.id)).returning();
      await recordAudit(tx, REPORT_SCHEDULER, { action: 'project.report.schedule', entityType: 'projectReport', entityId: r.id, changes: { dueDate: { before: r.dueDate, after: p.dueDate }, opensOn: { before: r.opensOn, after: p.opensOn } }, detail: { projectId: project.id, periodNo: r.periodNo } });
      rows[i] = moved!;
    }
  }
  const today = todayOf(now);
  for (const [i, r] of rows.entries()) {
    let cur = r;
    for (const event of dueSystemEvents(cur.state as ProjectReportState, cur, today)) {
      const summary = event === 'open' ? `填报窗口 ${reportWindowText(cur)}` : `填报窗口已于 ${cur.closesOn} 关闭，未提交；须经办人重新开放`;
      cur = await transitionReport(tx, REPORT_SCHEDULER, cur, event, { summary, detail: { today, opensOn: cur.opensOn, closesOn: cur.closesOn, dueDate: cur.dueDate } }, now);
    }
    rows[i] = cur;
  }
  return rows;
}
