/** One project as `GET /api/projects/:id` (API contract) shows it, and its timeline. */
import { asc, eq } from 'drizzle-orm';
import { actionsFrom, type ProjectDetail, type ProjectEvent, type ProjectState } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { userSummaries } from '../accounts/service.js';
import { organisationProfiles } from '../organisations/service.js';
import { fieldNamesOf, findProgramme } from '../programmes/service.js';
import { projectLedger } from './ledger.js';
import { readableProject } from './lifecycle.js';
import { projectEvents } from './schema.js';
import { present } from './service.js';
import { taskBookSummaries } from './task-book-store.js';

export async function readProjectDetail(db: Tx, auth: AuthContext, id: string): Promise<ProjectDetail> {
  const row = await readableProject(db, auth, id);
  const [view] = await present(db, [row]);
  const [org] = await organisationProfiles(db, [row.organisationId]);
  const ledger = await projectLedger(db, row.id);
  return {
    ...view!,
    organisation: { id: row.organisationId, name: org?.name ?? '', creditCode: org?.creditCode ?? '' },
    fieldName: row.fieldCode ? ((await fieldNamesOf(db, (await findProgramme(db, row.programmeCode)).id)).get(row.fieldCode) ?? row.fieldCode) : null,
    fiscalCityYuan: row.fiscalCityYuan,
    fiscalDistrictYuan: row.fiscalDistrictYuan,
    department: row.department,
    lumpSum: row.lumpSum,
    stateChangedAt: row.stateChangedAt.toISOString(),
    actions: actionsFrom(row.state as ProjectState),
    taskBookVersions: await taskBookSummaries(db, row.id),
    ledger,
  };
}

export async function readProjectEvents(db: Tx, auth: AuthContext, id: string): Promise<{ items: ProjectEvent[] }> {
  const row = await readableProject(db, auth, id);
  const events = await db.select().from(projectEvents).where(eq(projectEvents.projectId, row.id)).orderBy(asc(projectEvents.at), asc(projectEvents.id));
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => x !== null))];
  const names = new Map((await userSummaries(db, actorIds)).map((u) => [u.id, u.name]));
  return {
    items: events.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, summary: e.summary, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, detail: (e.detail ?? {}) as Record<string, unknown> })),
  };
}
