import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp } from '../../../test/helpers.js';
import { seedDemoApplications } from './demo-applications.js';
import { seedDemoExperts } from './demo-experts.js';
import { DEMO_BANNED_LEADER_ID } from './demo-projects-integrity.js';
import { demoProjectsOfRound } from './demo-projects.js';
import { seedDemoReview } from './demo-review.js';

let t: TestApp;
let roundId: string;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoExperts(t.db);
  await seedDemoApplications(t.db);
  roundId = (await seedDemoReview(t.db)).approved!;
}, 400_000);
afterAll(() => t.close());

describe('demo step: integrity and performance (演示)', () => {
  it('one 演示 integrity record blocks demo-a\'s draft: its submission is refused naming the record', async () => {
    const records = await rawSql(t.db, `select subject_name, subject_key, decision_no from integrity_records`);
    expect(records).toEqual([{ subject_name: '孙演示', subject_key: DEMO_BANNED_LEADER_ID, decision_no: '仑科信〔演示〕1号' }]);
    const [draft] = await rawSql(t.db, `select a.id from applications a join users u on u.organisation_id = a.organisation_id where u.username = 'demo-a' and a.state = 'draft' and a.content->'team'->'leader'->>'idNumber' = '${DEMO_BANNED_LEADER_ID}'`);
    expect(draft).toBeTruthy();
    const demoA = t.client();
    await demoA.login('demo-a');
    const res = await demoA.post(`/api/applications/${String(draft!.id)}/submit`);
    expect(problem(res)).toMatchObject({ code: 'INTEGRITY_BLOCKED', checkpoint: 'submit' });
    expect(problem(res).detail).toContain('个人「孙演示」因「申报材料弄虚作假」（较重，仑科信〔演示〕1号）');
  });

  it('the demo project that passed acceptance is evaluated (绩效评价, 演示), through the use case', async () => {
    const demo = (await demoProjectsOfRound(t.db, roundId, new Date()))!;
    const rows = await rawSql(t.db, `select project_id, grade, comment from performance_evaluations`);
    expect(rows).toEqual([{ project_id: demo.byRole.accepted, grade: 'excellent', comment: '任务书指标全部完成，经费使用规范（演示）' }]);
  });
});
