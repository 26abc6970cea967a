/**
 * What people do with a progress report: the undertaker (承担单位, own organisation only) saves and submits inside
 * the window; the officer (经办人) accepts, returns with reasons and a new closing date, or reopens a locked one
 * with a reason and a new closing date. One transaction each, with the timeline and audit events.
 */
import { eq } from 'drizzle-orm';
import {
  hasPermission, reportLateDays, reportProblems, windowRefusal, type PlannedNotification, type ProjectReportState, type ReportDraft, type ReportReopenBody, type ReportReturnBody, type TaskBookContent,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { queueNotifications } from '../notifications/outbox.js';
import { projectProblem } from './errors.js';
import { projectLedger } from './ledger.js';
import { readableProject, type ProjectRow } from './lifecycle.js';
import { reportProblem } from './reports-errors.js';
import { projectReports } from './reports-schema.js';
import { findReport, refreshProjectReports, todayOf, transitionReport, type ProjectReportRow } from './reports-schedule.js';
import { taskBookInForce } from './task-book-store.js';

/** The project, if the caller undertakes it: its own organisation's, with project.undertake (404 otherwise, never 403). */
async function undertakenProject(tx: Tx, auth: AuthContext, projectId: string): Promise<ProjectRow> {
  const project = await readableProject(tx, auth, projectId, { forUpdate: true });
  if (!hasPermission(auth.roles, 'project.undertake') || auth.user.organisationId !== project.organisationId) throw projectProblem('PROJECT_NOT_FOUND');
  return project;
}

/** The report, up to date with the calendar (a window past its date is locked first), locked for this transaction. */
async function currentReport(tx: Tx, project: ProjectRow, reportId: string, now: Date): Promise<ProjectReportRow> {
  await refreshProjectReports(tx, project, now);
  return findReport(tx, project.id, reportId, { forUpdate: true });
}

function assertWritable(row: ProjectReportRow, now: Date): void {
  const why = windowRefusal(row.state as ProjectReportState, row, todayOf(now));
  if (why) throw reportProblem('PROJECT_REPORT_WINDOW_CLOSED', why, undefined, { state: row.state, opensOn: row.opensOn, closesOn: row.closesOn });
}

export async function saveReportDraft(db: Db, auth: AuthContext, actor: Actor, projectId: string, reportId: string, content: ReportDraft, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const project = await undertakenProject(tx, auth, projectId);
    const row = await currentReport(tx, project, reportId, now);
    assertWritable(row, now);
    await tx.update(projectReports).set({ content, updatedAt: now }).where(eq(projectReports.id, row.id));
    await recordAudit(tx, actor, { action: 'project.report.save', entityType: 'projectReport', entityId: row.id, detail: { projectId, periodNo: row.periodNo } });
  });
}

export async function submitReport(db: Db, auth: AuthContext, actor: Actor, projectId: string, reportId: string, content: ReportDraft | undefined, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const project = await undertakenProject(tx, auth, projectId);
    const row = await currentReport(tx, project, reportId, now);
    assertWritable(row, now);
    const taskBook = await taskBookInForce(tx, project.id);
    if (!taskBook) throw reportProblem('PROJECT_REPORT_NO_TASK_BOOK', '项目没有已签订生效的任务书，无法对照指标提交报告。');
    const draft = content ?? row.content;
    const ledger = await projectLedger(tx, project.id);
    const problems = reportProblems(draft, taskBook.content as TaskBookContent, ledger);
    if (problems.length > 0) {
      // The draft is kept even when it cannot be submitted yet.
      if (content) await tx.update(projectReports).set({ content, updatedAt: now }).where(eq(projectReports.id, row.id));
      throw reportProblem('PROJECT_REPORT_INCOMPLETE', `报告有${problems.length}处须补充或更正：${problems.slice(0, 3).map((p) => p.message).join('；')}${problems.length > 3 ? '……' : ''}`, problems.map((p) => ({ field: `content.${p.field}`, message: p.message })));
    }
    const today = todayOf(now);
    const late = reportLateDays(row.dueDate, today, today);
    await transitionReport(tx, actor, row, 'submit', {
      set: { content: draft as ReportDraft, taskBookVersionId: taskBook.id, submittedAt: now, submittedBy: actor.id, firstSubmittedOn: row.firstSubmittedOn ?? today },
      summary: late > 0 ? `逾期${late}天提交（截止日 ${row.dueDate}）` : `按期提交（截止日 ${row.dueDate}）`,
      detail: { taskBookVersionNo: taskBook.versionNo, lateDays: late },
    }, now);
  });
}

const notifyUndertaker = (project: ProjectRow, row: ProjectReportRow, templateKey: 'project.reportReturned' | 'project.reportReopened', closesOn: string): PlannedNotification[] =>
  (['inApp', 'sms'] as const).map((channel) => ({
    recipient: { organisationId: project.organisationId, role: 'applicant' as const },
    channel,
    templateKey,
    payload: { projectId: project.id, projectNo: project.projectNo, title: project.title, periodNo: row.periodNo, dueDate: closesOn },
  }));

function assertClosingDate(closesOn: string, now: Date): void {
  const today = todayOf(now);
  if (closesOn < today) throw reportProblem('PROJECT_REPORT_CLOSING_DATE_INVALID', `新的截止日期 ${closesOn} 早于今天（${today}）。`, [{ field: 'closesOn', message: `新的截止日期不能早于今天（${today}）` }]);
}

export async function acceptReport(db: Db, auth: AuthContext, actor: Actor, projectId: string, reportId: string, note: string | undefined, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    const row = await currentReport(tx, project, reportId, now);
    await transitionReport(tx, actor, row, 'accept', { set: { decisionNote: note || null, decidedBy: actor.id, decidedAt: now }, summary: note || undefined, detail: { note: note ?? null } }, now);
  });
}

export async function returnReport(db: Db, auth: AuthContext, actor: Actor, projectId: string, reportId: string, body: ReportReturnBody, now = new Date()): Promise<{ notified: number }> {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    const row = await currentReport(tx, project, reportId, now);
    assertClosingDate(body.closesOn, now);
    const note = body.reasons.map((r, i) => `${i + 1}. ${r}`).join('\n');
    await transitionReport(tx, actor, row, 'return', {
      set: { decisionNote: note, decidedBy: actor.id, decidedAt: now, closesOn: body.closesOn },
      summary: `${body.reasons.length}条理由，须于${body.closesOn}前重新提交`,
      detail: { reasons: body.reasons, closesOn: body.closesOn },
    }, now);
    return { notified: await queueNotifications(tx, notifyUndertaker(project, row, 'project.reportReturned', body.closesOn), now) };
  });
}

export async function reopenReport(db: Db, auth: AuthContext, actor: Actor, projectId: string, reportId: string, body: ReportReopenBody, now = new Date()): Promise<{ notified: number }> {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    const row = await currentReport(tx, project, reportId, now);
    assertClosingDate(body.closesOn, now);
    await transitionReport(tx, actor, row, 'reopen', {
      set: { decisionNote: body.reason, decidedBy: actor.id, decidedAt: now, closesOn: body.closesOn },
      summary: `理由：${body.reason}；新的截止日期 ${body.closesOn}`,
      detail: { reason: body.reason, closesOn: body.closesOn, previousClosesOn: row.closesOn },
    }, now);
    return { notified: await queueNotifications(tx, notifyUndertaker(project, row, 'project.reportReopened', body.closesOn), now) };
  });
}
