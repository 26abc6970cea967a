/**
 * Shared reads and checks of acceptance (验收): the project's application, who may act for the undertaker, the
 * indicators of the task book in force, the project as the conflict rules see it, and the materials.
 */
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { hasPermission, type ConflictApplication, type TaskBookContent } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { organisationProfiles } from '../organisations/service.js';
import { acceptanceProblem } from './acceptance-errors.js';
import { acceptanceApplications, acceptanceMaterials, acceptancePanels } from './acceptance-schema.js';
import type { ProjectRow } from './lifecycle.js';
import { latestTaskBook, taskBookInForce } from './task-book-store.js';

export type AcceptanceApplicationRow = typeof acceptanceApplications.$inferSelect;
export type AcceptancePanelRow = typeof acceptancePanels.$inferSelect;
export type AcceptanceMaterialRow = typeof acceptanceMaterials.$inferSelect;

/** The project's open application (a returned early one is history, see `returnedApplicationsOf`). */
export async function applicationOf(db: Tx, projectId: string, opts: { forUpdate?: boolean } = {}): Promise<AcceptanceApplicationRow | null> {
  const q = db.select().from(acceptanceApplications).where(and(eq(acceptanceApplications.projectId, projectId), isNull(acceptanceApplications.returnedAt)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** Early applications the bureau returned (退回), oldest first. */
export async function returnedApplicationsOf(db: Tx, projectId: string): Promise<AcceptanceApplicationRow[]> {
  return db.select().from(acceptanceApplications).where(and(eq(acceptanceApplications.projectId, projectId), isNotNull(acceptanceApplications.returnedAt))).orderBy(asc(acceptanceApplications.appliedAt));
}

export async function requireApplication(db: Tx, projectId: string, opts: { forUpdate?: boolean } = {}): Promise<AcceptanceApplicationRow> {
  const row = await applicationOf(db, projectId, opts);
  if (!row) throw acceptanceProblem('ACCEPTANCE_NOT_FOUND');
  return row;
}

export async function panelOf(db: Tx, applicationId: string, opts: { forUpdate?: boolean } = {}): Promise<AcceptancePanelRow | null> {
  const q = db.select().from(acceptancePanels).where(eq(acceptancePanels.applicationId, applicationId));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The undertaker acting for its own project: `project.undertake` and the project's organisation. */
export function isUndertaker(auth: AuthContext, project: Pick<ProjectRow, 'organisationId'>): boolean {
  return hasPermission(auth.roles, 'project.undertake') && auth.user.organisationId !== null && auth.user.organisationId === project.organisationId;
}

export function requireUndertaker(auth: AuthContext, project: Pick<ProjectRow, 'organisationId'>): void {
  if (!isUndertaker(auth, project)) throw acceptanceProblem('ACCEPTANCE_STATE', '只有项目承担单位可以办理验收申请。');
}

/** The task book the project is verified against: the signed version in force (the latest draft before signing, in tests of unsigned projects). */
export async function taskBookContent(db: Tx, projectId: string): Promise<TaskBookContent | null> {
  const row = (await taskBookInForce(db, projectId)) ?? (await latestTaskBook(db, projectId));
  return row ? (row.content as TaskBookContent) : null;
}

export async function indicatorsOf(db: Tx, projectId: string): Promise<(TaskBookContent['indicators'][number] & { index: number })[]> {
  const c = await taskBookContent(db, projectId);
  return (c?.indicators ?? []).map((i, index) => ({ ...i, index }));
}

/** The project as the conflict rules (review/conflicts.ts) see it: its organisation, partners by credit code, and leader. */
export async function conflictProject(db: Tx, project: ProjectRow): Promise<ConflictApplication> {
  const [org] = await organisationProfiles(db, [project.organisationId]);
  const c = await taskBookContent(db, project.id);
  return {
    id: project.id,
    fieldCode: project.fieldCode,
    keywords: [],
    organisation: { creditCode: org?.creditCode ?? c?.parties.undertaker.creditCode ?? '', name: org?.name ?? '', region: org?.region ?? '' },
    partners: (c?.partners ?? []).map((p) => ({ creditCode: p.creditCode, name: p.name })),
    personIds: project.leaderIdNumber ? [project.leaderIdNumber] : [],
    leaderName: project.leaderName,
  };
}

export async function materialsOf(db: Tx, projectId: string): Promise<Omit<AcceptanceMaterialRow, 'content'>[]> {
  return db
    .select({ id: acceptanceMaterials.id, projectId: acceptanceMaterials.projectId, kind: acceptanceMaterials.kind, cycle: acceptanceMaterials.cycle, fileName: acceptanceMaterials.fileName, size: acceptanceMaterials.size, contentType: acceptanceMaterials.contentType, sha256: acceptanceMaterials.sha256, uploadedAt: acceptanceMaterials.uploadedAt, uploadedBy: acceptanceMaterials.uploadedBy })
    .from(acceptanceMaterials)
    .where(eq(acceptanceMaterials.projectId, projectId))
    .orderBy(asc(acceptanceMaterials.uploadedAt), asc(acceptanceMaterials.id));
}

export async function materialFile(db: Tx, projectId: string, materialId: string): Promise<AcceptanceMaterialRow> {
  const [row] = await db.select().from(acceptanceMaterials).where(and(eq(acceptanceMaterials.projectId, projectId), eq(acceptanceMaterials.id, materialId)));
  if (!row) throw acceptanceProblem('ACCEPTANCE_NOT_FOUND', '验收材料不存在。');
  return row;
}
