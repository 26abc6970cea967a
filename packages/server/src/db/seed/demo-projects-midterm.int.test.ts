import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { actorOf, signedProject } from '../../../test/project-fixtures.js';
import { recordProjectMovement } from '../../modules/projects/ledger.js';
import { findProject } from '../../modules/projects/lifecycle.js';
import { seedDemoExperts } from './demo-experts.js';
import { DEMO_PROJECT_STEPS, demoProjectsOfRound, type DemoProjects } from './demo-projects.js';
import { demoMidterm } from './demo-projects-midterm.js';
import { seedDemoReview } from './demo-review.js';

let t: TestApp;
let demo: DemoProjects;

/** The review demo up to approval; then the earlier parts' effects by shortcut (signed, a 60% first instalment); then this step. */
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoExperts(t.db);
  const steps = DEMO_PROJECT_STEPS.splice(0, DEMO_PROJECT_STEPS.length);
  const seeded = await seedDemoReview(t.db);
  DEMO_PROJECT_STEPS.push(...steps);
  demo = (await demoProjectsOfRound(t.db, seeded.approved!, new Date()))!;
  for (const id of demo.signed) await signedProject(t, id);
  const actor = await actorOf(t, 'officer');
  const p = await findProject(t.db, demo.byRole.terminated);
  await t.db.transaction(async (tx) => recordProjectMovement(tx, actor, await findProject(tx, p.id, { forUpdate: true }), { kind: 'disburse', amountYuan: Math.floor(p.approvedAmountYuan * 0.6), note: '首笔拨付（演示）' }));
  await demoMidterm(t.db, demo);
}, 400_000);
afterAll(() => t.close());

describe('demo step: mid-term and termination (演示)', () => {
  it('YZ-7: the midterm project has an open mid-term check', async () => {
    const [p] = await rawSql(t.db, `select state from projects where id = '${demo.byRole.midterm}'`);
    expect(p!.state).toBe('midterm');
    const checks = await rawSql(t.db, `select status, materials from midterm_checks where project_id = '${demo.byRole.midterm}'`);
    expect(checks).toEqual([{ status: 'open', materials: expect.stringContaining('演示') }]);
  });

  it('BL-10: the terminated project is terminated (演示), recovery ordered, and its freed money reallocated to a waiting candidate of the round', async () => {
    const [p] = await rawSql(t.db, `select state, project_no, approved_amount_yuan::bigint as amount from projects where id = '${demo.byRole.terminated}'`);
    expect(p!.state).toBe('terminated');
    const [term] = await rawSql(t.db, `select basis, released_yuan::bigint as released, owed_yuan::bigint as owed, net_paid_yuan::bigint as paid, spent_yuan::bigint as spent from project_terminations where project_id = '${demo.byRole.terminated}'`);
    expect(term!.basis).toContain('演示');
    expect(Number(term!.owed)).toBeGreaterThan(0);
    const [order] = await rawSql(t.db, `select status, amount_yuan::bigint as a, due_date from project_recoveries where project_id = '${demo.byRole.terminated}'`);
    expect(order).toMatchObject({ status: 'open' });
    const [realloc] = await rawSql(t.db, `select budget_yuan::bigint as budget, total_yuan::bigint as total, selected from project_reallocations where source_project_id = '${demo.byRole.terminated}'`);
    const selected = realloc!.selected as { applicationNo: string; projectNo: string; amountYuan: number; projectId: string }[];
    expect(selected.length).toBeGreaterThan(0);
    const [created] = await rawSql(t.db, `select round_id, title, state from projects where id = '${selected[0]!.projectId}'`);
    expect(created).toMatchObject({ round_id: demo.roundId, state: 'approved' });
    const [ledger] = await rawSql(t.db, `select coalesce(sum(amount_yuan) filter (where kind = 'budget'), 0)::bigint as b, coalesce(sum(amount_yuan) filter (where kind = 'commit'), 0)::bigint as c, coalesce(sum(amount_yuan) filter (where kind in ('return', 'repay')), 0)::bigint as r from budget_entries e join programmes g on g.id = e.programme_id where g.code = 'beilun-kct'`);
    console.info(`demo midterm: terminated ${String(p!.project_no)} (立项 ${String(p!.amount)} 元, 已拨付 ${String(term!.paid)}, 已支出 ${String(term!.spent)}): released ${String(term!.released)}, owed ${String(term!.owed)} by ${String(order!.due_date)}; reallocation budget ${String(realloc!.budget)}, funded ${selected.map((s) => `${s.applicationNo} → ${s.projectNo} (${s.amountYuan} 元) ${String(created!.title)}`).join('; ')}; ledger budget ${String(ledger!.b)} commit ${String(ledger!.c)} returned ${String(ledger!.r)}`);
  });
});
