import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptanceView } from '@kechuang/domain';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { readAcceptance } from '../../modules/projects/acceptance-read.js';
import { authOf } from './demo-applications.js';
import { seedDemoExperts } from './demo-experts.js';
import { demoProjectsOfRound, type DemoProjects } from './demo-projects.js';
import { seedDemoReview } from './demo-review.js';

let t: TestApp;
let demo: DemoProjects;
const view = async (id: string): Promise<AcceptanceView> => readAcceptance(t.db, (await authOf(t.db, 'officer')).auth, id);

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoExperts(t.db);
  // The demo review approves its batch and runs every project step in order: the task book signs, the funds step
  // pays the first instalment, … and the acceptance step brings `accepted` and `failed` to their outcomes.
  const { approved } = await seedDemoReview(t.db);
  demo = (await demoProjectsOfRound(t.db, approved!, new Date()))!;
}, 400_000);
afterAll(async () => t?.close());

describe('demo acceptance (演示)', () => {
  it('the accepted project: early application with its reason and materials, a panel drawn from the demo experts, every verification submitted, 通过', async () => {
    const v = await view(demo.byRole.accepted);
    expect(v.state).toBe('accepted');
    expect(v.application).toMatchObject({ timing: 'early', outcome: 'pass' });
    expect(v.application!.earlyReason).toContain('演示');
    expect(v.materials.length).toBeGreaterThanOrEqual(5);
    expect(v.panel!.status).toBe('drawn');
    expect(v.panel!.members).toHaveLength(v.settings.panelSize);
    expect(v.panel!.members.every((m) => m.submitted)).toBe(true);
    const logins = await rawSql(t.db, `select u.username from acceptance_panel_members m join users u on u.id = m.expert_user_id where m.project_id = '${demo.byRole.accepted}'`);
    expect(logins).toHaveLength(v.settings.panelSize);
    for (const l of logins) expect(String(l.username)).toMatch(/^(demo-expert-\d\d|expert)$/);
    expect(v.decisions.map((d) => d.decision)).toEqual(['pass']);
  });

  it('the failed project: verifications mostly 未达到, 不通过 with recovery of what was paid ordered', async () => {
    const v = await view(demo.byRole.failed);
    expect(v.state).toBe('failed');
    expect(v.rule!.result).toBe('fail');
    expect(v.decisions.map((d) => d.decision)).toEqual(['fail']);
    expect(v.panel!.members.every((m) => m.submitted)).toBe(true);
    const [rec] = await rawSql(t.db, `select reason, amount_yuan from project_recoveries where project_id = '${demo.byRole.failed}'`);
    expect(rec).toMatchObject({ reason: 'acceptanceFail' });
    const [paid] = await rawSql(t.db, `select coalesce(sum(amount_yuan), 0)::bigint as n from budget_entries where project_id = '${demo.byRole.failed}' and kind = 'disburse'`);
    expect(Number(rec!.amount_yuan)).toBe(Number(paid!.n));
    expect(Number(paid!.n)).toBeGreaterThan(0);
    expect(v.ledger.undisbursedYuan).toBe(0);
  });

  it('free text is labelled 演示, and the timeline shows each step', async () => {
    const apps = await rawSql(t.db, `select summary, early_reason from acceptance_applications`);
    for (const a of apps) expect(`${String(a.summary)}${String(a.early_reason)}`).toMatch(/演示.*演示/);
    const events = await rawSql(t.db, `select kind from project_events where project_id = '${demo.byRole.accepted}' order by at`);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['state.applyAcceptance', 'state.acceptPass']));
  });
});
