/**
 * Demo step of mid-term checks and termination (演示, YZ-7 / BL-10): the `midterm` project has a mid-term check
 * open; the `terminated` project is terminated by a 演示 decision — its undisbursed commitment released, the
 * unspent part of what was paid ordered back — and the freed budget reallocated by re-running the funding plan
 * over the demo round's waiting, unfunded candidates. Through the real use cases, as the officer.
 */
import { eq } from 'drizzle-orm';
import { addDays, projectLedgerTotals, shanghaiDayOf } from '@kechuang/domain';
import type { Actor } from '../../modules/audit/record.js';
import { users } from '../../modules/accounts/schema.js';
import { projectMovements } from '../../modules/projects/ledger.js';
import { findProject } from '../../modules/projects/lifecycle.js';
import { openMidterm } from '../../modules/projects/midterm.js';
import { decideTermination } from '../../modules/projects/termination.js';
import type { Db } from '../client.js';
import type { DemoProjects } from './demo-projects.js';

async function officerActor(db: Db): Promise<Actor> {
  const [officer] = await db.select().from(users).where(eq(users.username, 'officer'));
  return { id: officer?.id ?? null, name: 'officer', role: 'officer', ip: null };
}

export async function demoMidterm(db: Db, demo: DemoProjects): Promise<void> {
  const actor = await officerActor(db);
  // Dated now, not at the approval instant: the earlier steps' movements carry the clock's time, and nothing may
  // be paid after a termination (projects invariant).
  const now = new Date();
  const midterm = await findProject(db, demo.byRole.midterm);
  // A check opens only on a running project (the task-book step signs it first).
  if (midterm.state === 'executing') {
    await openMidterm(db, actor, midterm.id, { dueDate: addDays(shanghaiDayOf(now), 30), materials: '中期进展报告、经费使用情况、阶段性成果佐证（演示）' }, now);
  }
  const terminated = await findProject(db, demo.byRole.terminated);
  if (terminated.state === 'terminated' || terminated.state === 'revoked') return;
  // The unit's final accounts (演示): 40% of what it was paid is spent, the rest is ordered back.
  const paid = projectLedgerTotals(await projectMovements(db, terminated.id)).netPaidYuan;
  await decideTermination(db, actor, terminated.id, 'terminate', {
    decisionNo: '仑科〔演示〕1号',
    basis: '演示：中期核查发现关键技术路线无法实现，项目组主要成员离职，经专家论证终止项目',
    spentYuan: Math.floor((paid * 4) / 10),
    reallocate: true,
  }, now);
}
