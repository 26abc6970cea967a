/** Reading progress reports: a project's schedule with states, one report with its form, and the officer's list across projects. */
import { and, asc, count, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  addDays, AWAITING_UNDERTAKER_STATES, hasPermission, PROJECT_REPORT_STATES, REPORT_WINDOW_OPENS_DAYS_BEFORE, reportDraftSchema, reportLateDays, reportSchedule, reportTemplate, windowRefusal,
  type ProjectReportDetail, type ProjectReportDueFilter, type ProjectReportEvent, type ProjectReportListItem, type ProjectReportSchedule, type ProjectReportState, type ProjectReportView, type TaskBookContent,
} from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { organisationNames } from '../organisations/service.js';
import { projectLedger } from './ledger.js';
import { readableProject, type ProjectRow } from './lifecycle.js';
import { projectReports } from './reports-schema.js';
import { findReport, refreshProjectReports, todayOf, type ProjectReportRow } from './reports-schedule.js';
import { projects } from './schema.js';
import { projectSettings } from './settings.js';
import { latestTaskBook, taskBookInForce } from './task-book-store.js';

export function presentReport(r: ProjectReportRow, today: string): ProjectReportView {
  const state = r.state as ProjectReportState;
  return {
    id: r.id,
    projectId: r.projectId,
    periodNo: r.periodNo,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    opensOn: r.opensOn,
    dueDate: r.dueDate,
    closesOn: r.closesOn,
    state,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    lateDays: r.firstSubmittedOn ? reportLateDays(r.dueDate, r.firstSubmittedOn, today) : state === 'notOpen' || state === 'cancelled' ? 0 : reportLateDays(r.dueDate, null, today),
    decisionNote: r.decisionNote,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    remindedAt: r.remindedAt?.toISOString() ?? null,
  };
}

const undertakes = (auth: AuthContext, project: ProjectRow) => hasPermission(auth.roles, 'project.undertake') && auth.user.organisationId === project.organisationId;
const manages = (auth: AuthContext) => hasPermission(auth.roles, 'project.manage');

/** The project's schedule, brought up to date first (materialised and opened/locked as the calendar says). */
export async function readProjectReports(db: Db, auth: AuthContext, projectId: string, now = new Date()): Promise<ProjectReportSchedule> {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId);
    const rows = await refreshProjectReports(tx, project, now);
    const settings = await projectSettings(tx, project);
    const today = todayOf(now);
    return {
      required: rows.length > 0 || (project.startDate !== null && project.effectiveEndDate !== null && reportSchedule(project.startDate, project.effectiveEndDate, settings).length > 0),
      annualReportAboveMonths: settings.annualReportAboveMonths,
      reportDueDays: settings.reportDueDays,
      windowOpensDaysBefore: REPORT_WINDOW_OPENS_DAYS_BEFORE,
      effectiveEndDate: project.effectiveEndDate,
      items: rows.map((r) => presentReport(r, today)),
      canUndertake: undertakes(auth, project),
      canManage: manages(auth),
    };
  });
}

/** The actions the caller may take on the report now (the server checks again on each). */
function actionsOf(auth: AuthContext, project: ProjectRow, r: ProjectReportRow, refusal: string | null): ProjectReportEvent[] {
  const out: ProjectReportEvent[] = [];
  if (undertakes(auth, project) && refusal === null) out.push('submit');
  if (manages(auth)) {
    if (r.state === 'submitted') out.push('accept', 'return');
    if (r.state === 'locked') out.push('reopen');
  }
  return out;
}

export async function readProjectReport(db: Db, auth: AuthContext, projectId: string, reportId: string, now = new Date()): Promise<ProjectReportDetail> {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId);
    await refreshProjectReports(tx, project, now);
    const r = await findReport(tx, project.id, reportId);
    const today = todayOf(now);
    const taskBook = (await taskBookInForce(tx, project.id)) ?? (await latestTaskBook(tx, project.id));
    const tb = taskBook ? (taskBook.content as TaskBookContent) : null;
    const stored = r.content as Record<string, unknown>;
    const parsed = reportDraftSchema.safeParse(stored);
    const content = Object.keys(stored).length === 0 || !parsed.success ? (tb ? reportTemplate(tb, r.periodEnd) : reportDraftSchema.parse({})) : parsed.data;
    const refusal = windowRefusal(r.state as ProjectReportState, r, today);
    return {
      ...presentReport(r, today),
      content,
      taskBook: taskBook && tb ? { versionNo: taskBook.versionNo, status: taskBook.status, indicators: tb.indicators.map((i) => ({ name: i.name, unit: i.unit, currentValue: i.currentValue, targetValue: i.targetValue, core: i.core })) } : null,
      netPaidYuan: (await projectLedger(tx, project.id)).netPaidYuan,
      windowRefusal: refusal,
      actions: actionsOf(auth, project, r, refusal),
    };
  });
}

export interface ReportListQuery {
  page: number;
  pageSize: number;
  state?: ProjectReportState | undefined;
  due: ProjectReportDueFilter;
  q?: string | undefined;
  sort: string;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
const WAITING = AWAITING_UNDERTAKER_STATES.filter((s) => s !== 'locked');

/** The 待办 filters: overdue = locked, or past due and still awaited; review = submitted; soon = due within 30 days and awaited. */
function dueWhere(due: ProjectReportDueFilter, today: string): SQL | undefined {
  switch (due) {
    case 'overdue':
      return or(eq(projectReports.state, 'locked'), and(inArray(projectReports.state, [...WAITING]), lt(projectReports.dueDate, today)));
    case 'review':
      return eq(projectReports.state, 'submitted');
    case 'soon':
      return and(inArray(projectReports.state, [...WAITING]), sql`${projectReports.dueDate} between ${today} and ${addDays(today, 30)}`);
    case 'all':
      return undefined;
  }
}

/** Reports across projects for the bureau: the overdue ones and those awaiting review first of all. */
export async function listProjectReports(db: Db, auth: AuthContext, q: ReportListQuery, now = new Date()): Promise<{ items: ProjectReportListItem[]; total: number; page: number; pageSize: number }> {
  const today = todayOf(now);
  const where = and(
    hasPermission(auth.roles, 'organisation.readAll') ? undefined : auth.user.organisationId ? eq(projects.organisationId, auth.user.organisationId) : sql`false`,
    q.state && (PROJECT_REPORT_STATES as readonly string[]).includes(q.state) ? eq(projectReports.state, q.state) : undefined,
    dueWhere(q.due, today),
    q.q ? or(ilike(projects.projectNo, like(q.q)), ilike(projects.title, like(q.q))) : undefined,
  );
  const descending = q.sort.startsWith('-');
  const key = q.sort.replace(/^-/, '');
  const column = key === 'projectNo' ? projects.projectNo : key === 'submittedAt' ? projectReports.submittedAt : projectReports.dueDate;
  const [{ total }] = (await db.select({ total: count() }).from(projectReports).innerJoin(projects, eq(projects.id, projectReports.projectId)).where(where)) as [{ total: number }];
  const rows = await db
    .select({ r: projectReports, projectNo: projects.projectNo, title: projects.title, organisationId: projects.organisationId })
    .from(projectReports)
    .innerJoin(projects, eq(projects.id, projectReports.projectId))
    .where(where)
    .orderBy(descending ? desc(column) : asc(column), asc(projects.projectNo), asc(projectReports.periodNo))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const names = new Map((await organisationNames(db, [...new Set(rows.map((x) => x.organisationId))])).map((o) => [o.id, o.name]));
  return {
    items: rows.map((x) => ({ ...presentReport(x.r, today), projectNo: x.projectNo, projectTitle: x.title, organisationName: names.get(x.organisationId) ?? '' })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
