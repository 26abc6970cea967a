/**
 * Project changes in the execution demo (演示): the `changePending` project has an extension request waiting for the
 * bureau; the `executing` project has a budget adjustment between expense subjects, asked for by its unit admin and
 * so approved by the unit (报局备案), with its supplementary task book. Through the real use case; a project not
 * yet signed (no signing step before this one) is left alone.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Role } from '@kechuang/domain';
import type { Db } from '../client.js';
import { users } from '../../modules/accounts/schema.js';
import { CHANGE_STATES, changeFacts } from '../../modules/projects/change-context.js';
import { requestChange } from '../../modules/projects/change-request.js';
import { findProject } from '../../modules/projects/lifecycle.js';
import type { DemoProjects } from './demo-projects.js';

/** The first user of the project's organisation who may undertake it (a unit admin first). */
async function undertakerOf(db: Db, organisationId: string) {
  const [user] = await db.select().from(users).where(and(eq(users.organisationId, organisationId), sql`('applicant' = any(${users.roles}) or 'unitAdmin' = any(${users.roles}))`))
    .orderBy(sql`('unitAdmin' = any(${users.roles})) desc`, asc(users.username)).limit(1);
  if (!user) return null;
  const roles = user.roles as Role[];
  return { auth: { sessionId: 'seed', user, roles, mustChangePassword: false }, actor: { id: user.id, name: user.username, role: roles[0] ?? null, ip: null } };
}

/** The project if it is signed and running (the signing step ran before), else null. */
async function signedRunning(db: Db, id: string) {
  const project = await findProject(db, id);
  if (!CHANGE_STATES.includes(project.state as (typeof CHANGE_STATES)[number])) return null;
  const facts = await changeFacts(db, project);
  return facts.base ? { project, base: facts.base } : null;
}

export async function demoProjectChanges(db: Db, demo: DemoProjects): Promise<void> {
  const pending = await signedRunning(db, demo.byRole.changePending);
  if (pending) {
    const who = await undertakerOf(db, pending.project.organisationId);
    if (who) await requestChange(db, who.auth, who.actor, pending.project.id, { type: 'extension', payload: { months: 6 }, reason: '关键设备进口交付推迟，样件试制顺延，申请延期6个月（演示）' }, demo.now);
  }
  const executing = await signedRunning(db, demo.byRole.executing);
  if (executing) {
    const who = await undertakerOf(db, executing.project.organisationId);
    const from = executing.base.budget.find((l) => l.subject === 'equipment' && l.fiscalDistrictYuan >= 50_000) ?? executing.base.budget.find((l) => l.fiscalDistrictYuan >= 50_000);
    if (who && from) {
      const to = from.subject === 'materials' ? 'testing' : 'materials';
      await requestChange(db, who.auth, who.actor, executing.project.id, {
        type: 'budgetSubjects', payload: { transfers: [{ from: from.subject, to, source: 'fiscalDistrictYuan', amountYuan: 50_000 }] }, reason: '设备比选后采购价低于预算，结余5万元调入材料费（演示）',
      }, demo.now);
    }
  }
}
