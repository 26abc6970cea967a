/**
 * The spine every execution part uses: find a project the caller may see, move it through the domain's state
 * table, and write its timeline event — always inside the caller's transaction, with the audit event.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { hasPermission, projectTransition, type ProjectAction, type ProjectState } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { projectProblem } from './errors.js';
import { projectEvents, projects } from './schema.js';

export type ProjectRow = typeof projects.$inferSelect;

export async function findProject(db: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProjectRow> {
  const q = db.select().from(projects).where(eq(projects.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw projectProblem('PROJECT_NOT_FOUND');
  return row;
}

/** Bureau roles see every project; an organisation's users only their own (anything else is 404, never 403). */
export function canSeeProject(auth: AuthContext, project: Pick<ProjectRow, 'organisationId'>): boolean {
  if (hasPermission(auth.roles, 'organisation.readAll')) return true;
  return auth.user.organisationId !== null && auth.user.organisationId === project.organisationId;
}

/** The project if the caller may see it; 404 otherwise. */
export async function readableProject(db: Tx, auth: AuthContext, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProjectRow> {
  const row = await findProject(db, id, opts);
  if (!canSeeProject(auth, row)) throw projectProblem('PROJECT_NOT_FOUND');
  return row;
}

export interface ProjectEventInput {
  kind: string;
  /** One Chinese sentence a reader of the timeline understands on its own. */
  summary: string;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** One line of the project's timeline (项目大事记), in the caller's transaction. */
export async function recordProjectEvent(tx: Tx, actor: Actor, projectId: string, input: ProjectEventInput): Promise<string> {
  const id = randomUUID();
  await tx.insert(projectEvents).values({ id, projectId, at: input.at ?? new Date(), kind: input.kind, summary: input.summary, actorId: actor.id, detail: input.detail ?? {} });
  return id;
}

/** 409 PROJECT_STATE_REFUSED unless the project is in one of `states`. */
export function requireProjectState(project: ProjectRow, states: readonly ProjectState[], what: string): void {
  if (!states.includes(project.state as ProjectState)) {
    throw projectProblem('PROJECT_STATE_REFUSED', `项目当前状态不允许${what}。`, undefined, { state: project.state, requiredStates: states });
  }
}

/**
 * Moves the project by one action of the domain's state table, with its timeline event and audit event. The
 * caller locks the row (findProject … forUpdate) first so two actions cannot both pass the same state.
 */
export async function transitionProject(tx: Tx, actor: Actor, project: ProjectRow, action: ProjectAction, event: { summary: string; detail?: Record<string, unknown>; at?: Date }): Promise<ProjectRow> {
  const t = projectTransition(project.state as ProjectState, action);
  if (!t.ok) throw projectProblem('PROJECT_STATE_REFUSED', t.message, undefined, { state: project.state, action });
  const at = event.at ?? new Date();
  const [row] = await tx.update(projects).set({ state: t.to, stateChangedAt: at, updatedAt: at }).where(eq(projects.id, project.id)).returning();
  await recordProjectEvent(tx, actor, project.id, { kind: `state.${action}`, summary: event.summary, detail: { from: project.state, to: t.to, ...event.detail }, at });
  await recordAudit(tx, actor, { action: 'project.transition', entityType: 'project', entityId: project.id, changes: { state: { before: project.state, after: t.to } }, detail: { action, ...event.detail } });
  return row!;
}
