/** Reading project changes: the table of types, one project's requests (with the caller's actions), the officer's queue. */
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import {
  CHANGE_TYPE_TABLE, changeApproverText, changeDeadlineText, changeRequestDeadline, DEFAULT_POST_AWARD_SETTINGS, hasPermission, isProjectClosed,
  type ChangeAction, type ChangeApprover, type ChangeQueueItem, type ChangeStatus, type ChangeType, type ChangeTypeView, type ChangeView, type MovedDeadline, type PostAwardSettings, type ProjectChanges, type ProjectState,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { userSummaries } from '../accounts/service.js';
import { organisationNames } from '../organisations/service.js';
import { CHANGE_STATES, changeFacts, isUndertaker, type ChangeRow } from './change-context.js';
import { mayDecide } from './change-decide.js';
import { projectChanges } from './changes-schema.js';
import { readableProject, type ProjectRow } from './lifecycle.js';
import { projects } from './schema.js';

export function changeTypes(settings: PostAwardSettings, effectiveEnd: string | null): ChangeTypeView[] {
  return CHANGE_TYPE_TABLE.map((r) => ({
    type: r.type, label: r.label, approver: r.approver, approverText: changeApproverText(r), condition: r.condition, deadlineText: changeDeadlineText(r, settings), what: r.what,
    requestBy: effectiveEnd ? changeRequestDeadline(r.type, effectiveEnd, settings) : null,
  }));
}

/** The table with the default settings (the form's reference; a project's own settings come with its list). */
export const defaultChangeTypes = (): ChangeTypeView[] => changeTypes(DEFAULT_POST_AWARD_SETTINGS, null);

function actionsOf(auth: AuthContext, project: Pick<ProjectRow, 'organisationId' | 'state'>, row: ChangeRow): ChangeAction[] {
  if (row.status !== 'submitted') return [];
  const out: ChangeAction[] = [];
  if (mayDecide(auth, project, row.approver as ChangeApprover) && row.requestedBy !== auth.user.id) out.push('approve', 'reject');
  if (isUndertaker(auth, project)) out.push('withdraw');
  return out;
}

async function present(db: Tx, auth: AuthContext, rows: ChangeRow[], projectOf: (row: ChangeRow) => Pick<ProjectRow, 'organisationId' | 'state'>): Promise<ChangeView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requestedBy, r.decidedBy]).filter((x): x is string => x !== null))];
  const names = new Map((await userSummaries(db, ids)).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id, projectId: r.projectId, seq: r.seq, type: r.type as ChangeType, status: r.status as ChangeStatus, approver: r.approver as ChangeApprover,
    routeReasons: (r.routeReasons ?? []) as string[], payload: r.payload as ChangeView['payload'], reason: r.reason,
    requestedBy: names.get(r.requestedBy) ?? null, requestedAt: r.requestedAt.toISOString(), requestedOn: r.requestedOn,
    decisionReasons: r.decisionReasons, decidedBy: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null, decidedAt: r.decidedAt?.toISOString() ?? null,
    supplementVersionId: r.supplementVersionId, movedDeadlines: ((r.effects as { movedDeadlines?: MovedDeadline[] }).movedDeadlines ?? []),
    actions: actionsOf(auth, projectOf(r), r),
  }));
}

export async function presentOne(db: Tx, auth: AuthContext, projectId: string, row: ChangeRow): Promise<ChangeView> {
  const project = await readableProject(db, auth, projectId);
  return (await present(db, auth, [row], () => project))[0]!;
}

export async function readProjectChanges(db: Tx, auth: AuthContext, projectId: string): Promise<ProjectChanges> {
  const project = await readableProject(db, auth, projectId);
  const rows = await db.select().from(projectChanges).where(eq(projectChanges.projectId, project.id)).orderBy(desc(projectChanges.seq));
  const facts = await changeFacts(db, project);
  const effectiveEnd = project.effectiveEndDate ?? project.endDate;
  const state = project.state as ProjectState;
  const cannotRequest = !isUndertaker(auth, project) ? '只有本项目承担单位可以提出变更'
    : !facts.base ? '任务书签订生效后才能申请变更'
      : !CHANGE_STATES.includes(state) ? (isProjectClosed(state) ? '项目已结束，不能再变更' : '项目当前状态不能提出变更')
        : null;
  return {
    items: await present(db, auth, rows, () => project),
    types: changeTypes(facts.settings, effectiveEnd),
    startDate: project.startDate, endDate: project.endDate, effectiveEndDate: effectiveEnd,
    approvedExtensionMonths: facts.approvedExtensionMonths,
    settings: facts.settings,
    taskBook: facts.base,
    canRequest: cannotRequest === null,
    cannotRequest,
  };
}

export interface ChangeQueueQuery {
  page: number;
  pageSize: number;
  status?: ChangeStatus | undefined;
  type?: ChangeType | undefined;
  /** Project number or title text. */
  q?: string | undefined;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;

/** Every organisation's changes for the bureau, the caller's own organisation's otherwise; oldest pending first. */
export async function listChangeQueue(db: Db, auth: AuthContext, q: ChangeQueueQuery): Promise<{ items: ChangeQueueItem[]; total: number; page: number; pageSize: number }> {
  const scope: SQL | undefined = hasPermission(auth.roles, 'organisation.readAll') ? undefined : auth.user.organisationId ? eq(projects.organisationId, auth.user.organisationId) : sql`false`;
  const where = and(scope, q.status ? eq(projectChanges.status, q.status) : undefined, q.type ? eq(projectChanges.type, q.type) : undefined, q.q ? or(ilike(projects.projectNo, like(q.q)), ilike(projects.title, like(q.q))) : undefined);
  const [{ total }] = (await db.select({ total: count() }).from(projectChanges).innerJoin(projects, eq(projects.id, projectChanges.projectId)).where(where)) as [{ total: number }];
  const rows = await db.select({ change: projectChanges, project: projects }).from(projectChanges).innerJoin(projects, eq(projects.id, projectChanges.projectId)).where(where)
    .orderBy(asc(projectChanges.requestedAt), asc(projectChanges.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const byId = new Map(rows.map((r) => [r.project.id, r.project]));
  const orgs = new Map((await organisationNames(db, [...new Set(rows.map((r) => r.project.organisationId))])).map((o) => [o.id, o.name]));
  const views = await present(db, auth, rows.map((r) => r.change), (c) => byId.get(c.projectId)!);
  return {
    items: views.map((v) => { const p = byId.get(v.projectId)!; return { ...v, project: { id: p.id, projectNo: p.projectNo, title: p.title, organisationName: orgs.get(p.organisationId) ?? '' } }; }),
    total, page: q.page, pageSize: q.pageSize,
  };
}

