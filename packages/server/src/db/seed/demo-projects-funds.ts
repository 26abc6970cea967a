/**
 * Demo step of disbursement (拨付, 演示): the first instalment of every signed demo project is paid through the
 * real use case, so executing projects show a payment and terminated or failed ones have money to recover.
 * A project not (yet) in a payable state is left alone, so the step is harmless where signing has not run.
 */
import { eq } from 'drizzle-orm';
import { formatWan, PAYABLE_PROJECT_STATES, shanghaiDayOf, type ProjectState } from '@kechuang/domain';
import { users } from '../../modules/accounts/schema.js';
import type { Actor } from '../../modules/audit/record.js';
import { payInstalment, scheduleOf } from '../../modules/projects/disbursement.js';
import { findProject } from '../../modules/projects/lifecycle.js';
import type { AuthContext } from '../../http/auth.js';
import type { Db } from '../client.js';
import type { DemoProjects } from './demo-projects.js';

export async function demoFirstInstalments(db: Db, demo: DemoProjects): Promise<number> {
  const [officer] = await db.select().from(users).where(eq(users.username, 'officer'));
  if (!officer) return 0;
  const actor: Actor = { id: officer.id, name: 'officer', role: 'officer', ip: null };
  const auth = { sessionId: 'demo-seed', user: officer, roles: officer.roles, mustChangePassword: false } as AuthContext;
  let paid = 0;
  for (const id of demo.signed) {
    await db.transaction(async (tx) => {
      const project = await findProject(tx, id);
      if (!PAYABLE_PROJECT_STATES.includes(project.state as ProjectState)) return;
      const schedule = await scheduleOf(tx, project);
      await payInstalment(tx, auth, actor, id, { instalmentNo: 1, voucherNo: `演示-${project.projectNo}-1`, paidDate: shanghaiDayOf(demo.now), note: `演示：首笔拨付 ${formatWan(schedule.instalments[0]!.amountYuan)}` }, demo.now);
      paid += 1;
    });
  }
  return paid;
}
