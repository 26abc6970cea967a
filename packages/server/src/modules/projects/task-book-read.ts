/**
 * A project's task book (任务书) as the project page shows it: every version with its content and signatures, the
 * mechanical check of the version being prepared or signed (against the application for the first version, the
 * version in force for a supplement), and what the caller may do with each version.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  checkTaskBook,
  hasPermission,
  isProjectClosed,
  requiredTaskBookParties,
  taskBookFromApplication,
  type ApplicationContent,
  type ProjectState,
  type TaskBookAllowedChanges,
  type TaskBookContent,
  type TaskBookOverview,
  type TaskBookParty,
  type TaskBookProblem,
  type TaskBookVersionView,
} from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { userSummaries } from '../accounts/service.js';
import { applicationsByIds } from '../applications/service.js';
import { organisationProfiles } from '../organisations/service.js';
import { findProgramme } from '../programmes/service.js';
import { projectProblem } from './errors.js';
import { readableProject, type ProjectRow } from './lifecycle.js';
import { taskBookSignatures, taskBookVersions } from './schema.js';
import { taskBookProblem } from './task-book-errors.js';
import { taskBookAllowances } from './task-book-schema.js';
import { taskBookInForce, taskBookVersionRows, type TaskBookVersionRow } from './task-book-store.js';

export type TaskBookSignatureRow = typeof taskBookSignatures.$inferSelect;

/** One version of the project, or 404 (a version of another project is not found either). */
export async function taskBookVersionOf(tx: Tx, projectId: string, versionId: string, opts: { forUpdate?: boolean } = {}): Promise<TaskBookVersionRow> {
  const q = tx.select().from(taskBookVersions).where(and(eq(taskBookVersions.id, versionId), eq(taskBookVersions.projectId, projectId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw taskBookProblem('TASK_BOOK_NOT_FOUND');
  return row;
}

export async function undertakerOfProject(tx: Tx, project: ProjectRow): Promise<{ name: string; creditCode: string }> {
  const [org] = await organisationProfiles(tx, [project.organisationId]);
  return { name: org?.name ?? '', creditCode: org?.creditCode ?? '' };
}

/** The content the application committed to, as a task book (the first version's baseline). */
export async function applicationBaseline(tx: Tx, project: ProjectRow): Promise<TaskBookContent> {
  const [app] = await applicationsByIds(tx, [project.applicationId]);
  const programme = await findProgramme(tx, project.programmeCode);
  return taskBookFromApplication({
    projectNo: project.projectNo,
    approvedAmountYuan: project.approvedAmountYuan,
    bureauName: programme.issuer,
    undertaker: await undertakerOfProject(tx, project),
    department: null,
    content: (app?.content ?? {}) as ApplicationContent,
  });
}

export interface TaskBookCheckResult {
  baseline: 'application' | 'inForce';
  allowed: TaskBookAllowedChanges | null;
  problems: TaskBookProblem[];
}

/**
 * The check of one version: a supplement against the version in force (with what its approved change allows),
 * anything else — the first version, or a supplement before anything was signed — against the application.
 */
export async function checkTaskBookVersion(tx: Tx, project: ProjectRow, row: TaskBookVersionRow): Promise<TaskBookCheckResult> {
  const inForce = row.kind === 'supplement' ? await taskBookInForce(tx, project.id) : null;
  const [allowance] = await tx.select().from(taskBookAllowances).where(eq(taskBookAllowances.versionId, row.id));
  const allowed: TaskBookAllowedChanges | null = allowance ? { indicators: allowance.indicators, content: allowance.content, period: allowance.period } : null;
  const baseline = inForce && inForce.id !== row.id ? (inForce.content as TaskBookContent) : await applicationBaseline(tx, project);
  const kind = inForce && inForce.id !== row.id ? 'inForce' : 'application';
  const problems = checkTaskBook({
    content: row.content as TaskBookContent,
    baseline,
    baselineKind: kind,
    project: { projectNo: project.projectNo, approvedAmountYuan: project.approvedAmountYuan, fiscalCityYuan: project.fiscalCityYuan, fiscalDistrictYuan: project.fiscalDistrictYuan, undertaker: await undertakerOfProject(tx, project) },
    ...(allowed ? { allowed } : {}),
  });
  return { baseline: kind, allowed, problems };
}

/** The parties the caller may sign for on a version being signed (the server checks again when they sign). */
/** Who acts: the session's roles and user (the demo and other use cases pass a user of their own). */
export interface TaskBookActorAuth {
  roles: AuthContext['roles'];
  user: { name: string; organisationId: string | null };
}

export function signableParties(auth: TaskBookActorAuth, project: ProjectRow, row: TaskBookVersionRow, signed: readonly string[]): TaskBookParty[] {
  if (row.status !== 'signing' || !taskBookStateAllows(project, row)) return [];
  const out: TaskBookParty[] = [];
  for (const party of requiredTaskBookParties(row.content as TaskBookContent)) {
    if (signed.includes(party)) continue;
    if (mayActFor(auth, project, party)) out.push(party);
  }
  return out;
}

/** 乙方: the project's own organisation (applicant / unit admin); 甲方 and, on its behalf, 丙方: the bureau's officer. */
export function mayActFor(auth: TaskBookActorAuth, project: ProjectRow, party: TaskBookParty): boolean {
  if (party === 'undertaker') return hasPermission(auth.roles, 'project.undertake') && auth.user.organisationId !== null && auth.user.organisationId === project.organisationId;
  return hasPermission(auth.roles, 'project.manage');
}

/** The first task book is frozen and signed while the project is approved; a supplement while it is still open. */
export function taskBookStateAllows(project: ProjectRow, row: Pick<TaskBookVersionRow, 'kind'>): boolean {
  const state = project.state as ProjectState;
  return row.kind === 'original' ? state === 'approved' : !isProjectClosed(state);
}

export function requireTaskBookState(project: ProjectRow, row: Pick<TaskBookVersionRow, 'kind'>, what: string): void {
  if (!taskBookStateAllows(project, row)) throw projectProblem('PROJECT_STATE_REFUSED', `项目当前状态不允许${what}。`, undefined, { state: project.state });
}

export async function readTaskBook(tx: Tx, auth: AuthContext, projectId: string): Promise<TaskBookOverview> {
  const project = await readableProject(tx, auth, projectId);
  const rows = await taskBookVersionRows(tx, project.id);
  const sigs = rows.length === 0 ? [] : await tx.select().from(taskBookSignatures).where(inArray(taskBookSignatures.versionId, rows.map((r) => r.id))).orderBy(asc(taskBookSignatures.signedAt));
  const names = new Map((await userSummaries(tx, [...new Set(sigs.map((s) => s.signedBy))])).map((u) => [u.id, u.name]));
  const manage = hasPermission(auth.roles, 'project.manage');
  const signing = rows.some((r) => r.status === 'signing');
  const versions: TaskBookVersionView[] = [];
  for (const r of rows) {
    const mine = sigs.filter((s) => s.versionId === r.id);
    const open = r.status === 'draft' || r.status === 'signing';
    const check = open ? await checkTaskBookVersion(tx, project, r) : null;
    versions.push({
      id: r.id,
      versionNo: r.versionNo,
      kind: r.kind as TaskBookVersionView['kind'],
      status: r.status as TaskBookVersionView['status'],
      contentHash: r.contentHash,
      changeId: r.changeId,
      createdAt: r.createdAt.toISOString(),
      frozenAt: r.frozenAt?.toISOString() ?? null,
      signedAt: r.signedAt?.toISOString() ?? null,
      content: r.content as TaskBookContent,
      requiredParties: requiredTaskBookParties(r.content as TaskBookContent),
      signatures: mine.map((s) => ({ party: s.party as TaskBookParty, signerName: s.signerName, signedAt: s.signedAt.toISOString(), contentHash: s.contentHash, recordedByName: s.party === 'department' ? (names.get(s.signedBy) ?? null) : null })),
      baseline: check?.baseline ?? null,
      allowed: check?.allowed ?? null,
      problems: check?.problems ?? [],
      actions: {
        edit: manage && r.status === 'draft' && taskBookStateAllows(project, r),
        freeze: manage && r.status === 'draft' && !signing && taskBookStateAllows(project, r) && check !== null && check.problems.length === 0,
        sign: signableParties(auth, project, r, mine.map((s) => s.party)),
      },
    });
  }
  const inForce = [...rows].reverse().find((r) => r.status === 'signed');
  return { versions, inForceId: inForce?.id ?? null };
}
