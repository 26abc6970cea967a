/**
 * What a change is judged against (项目变更): the task book it builds on, the project's settings and approved
 * extensions, the category's longest period (NB-2), the organisation behind a new credit code. Shared by the
 * request, the decision and the project's change list, so all three judge by the same facts.
 */
import { and, asc, eq } from 'drizzle-orm';
import { formatShanghai, hasPermission, PAYABLE_PROJECT_STATES, type Change, type ChangeContext, type PostAwardSettings, type ProjectState, type RuleSetParameters, type TaskBookContent } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { findOrganisationByCreditCode } from '../organisations/service.js';
import { callRuleVersion, ruleVersionParameters } from '../programmes/call-queries.js';
import { projectChanges } from './changes-schema.js';
import { changeProblem } from './changes-errors.js';
import type { ProjectRow } from './lifecycle.js';
import { projectSettings } from './settings.js';
import { latestTaskBook, taskBookInForce } from './task-book-store.js';

export type ChangeRow = typeof projectChanges.$inferSelect;

/** A change may be requested and decided while the project runs: signed, not yet closed (nor before signing). */
export const CHANGE_STATES: readonly ProjectState[] = PAYABLE_PROJECT_STATES;

export const shanghaiDay = (at: Date): string => formatShanghai(at).slice(0, 10);

/** The caller acts for the project's undertaking unit (applicant or unit admin of its organisation). */
export function isUndertaker(auth: AuthContext, project: Pick<ProjectRow, 'organisationId'>): boolean {
  return hasPermission(auth.roles, 'project.undertake') && auth.user.organisationId !== null && auth.user.organisationId === project.organisationId;
}

/** Months of every approved extension of the project, in the order approved. */
export async function approvedExtensionMonths(db: Tx, projectId: string): Promise<number[]> {
  const rows = await db.select({ payload: projectChanges.payload }).from(projectChanges)
    .where(and(eq(projectChanges.projectId, projectId), eq(projectChanges.type, 'extension'), eq(projectChanges.status, 'approved'))).orderBy(asc(projectChanges.seq));
  return rows.map((r) => (r.payload as { months: number }).months);
}

async function maxDurationMonths(db: Tx, project: ProjectRow): Promise<number | null> {
  const parameters = (project.ruleVersionId ? await ruleVersionParameters(db, project.ruleVersionId) : (await callRuleVersion(db, project.callId))?.parameters) as Partial<RuleSetParameters> | null;
  return parameters?.categories?.find((c) => c.code === project.categoryCode)?.maxDurationMonths ?? null;
}

export interface ChangeFacts {
  base: TaskBookContent | null;
  settings: PostAwardSettings;
  approvedExtensionMonths: number[];
  maxDurationMonths: number | null;
}

export async function changeFacts(db: Tx, project: ProjectRow): Promise<ChangeFacts> {
  // A new change builds on the latest version once one is in force: a supplement still being signed already
  // carries an earlier approved change, and the next one must not drop it.
  const inForce = await taskBookInForce(db, project.id);
  const latest = inForce ? await latestTaskBook(db, project.id) : null;
  return {
    base: (latest?.content as TaskBookContent | undefined) ?? null,
    settings: await projectSettings(db, project),
    approvedExtensionMonths: await approvedExtensionMonths(db, project.id),
    maxDurationMonths: await maxDurationMonths(db, project),
  };
}

/** The context `validateChange` judges by; a new unit is resolved by its credit code (and named from the registry). */
export async function changeContext(db: Tx, project: ProjectRow, facts: ChangeFacts, change: Change, today: string, atDecision: boolean): Promise<{ ctx: ChangeContext; change: Change; organisationId: string | null }> {
  if (!facts.base) throw changeProblem('CHANGE_NO_TASK_BOOK', '任务书签订生效后才能申请变更。');
  let organisationId: string | null = null;
  let registeredUnit: ChangeContext['registeredUnit'];
  if (change.type === 'undertaker') {
    const org = await findOrganisationByCreditCode(db, change.payload.creditCode);
    registeredUnit = org ? { name: org.name, creditCode: org.creditCode } : null;
    organisationId = org?.id ?? null;
    if (org) change = { type: 'undertaker', payload: { creditCode: org.creditCode, name: org.name } };
  }
  const effectiveEnd = project.effectiveEndDate ?? project.endDate ?? facts.base.endDate;
  return {
    ctx: { base: facts.base, settings: facts.settings, today, effectiveEnd, approvedExtensionMonths: facts.approvedExtensionMonths, registeredUnit, maxDurationMonths: facts.maxDurationMonths, startDate: project.startDate, atDecision },
    change,
    organisationId,
  };
}

export async function findChange(db: Tx, projectId: string, changeId: string, opts: { forUpdate?: boolean } = {}): Promise<ChangeRow> {
  const q = db.select().from(projectChanges).where(and(eq(projectChanges.id, changeId), eq(projectChanges.projectId, projectId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw changeProblem('CHANGE_NOT_FOUND');
  return row;
}

export const changeOf = (row: Pick<ChangeRow, 'type' | 'payload'>): Change => ({ type: row.type, payload: row.payload } as Change);
