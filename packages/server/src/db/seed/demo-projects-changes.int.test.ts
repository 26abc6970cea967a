import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { approvedProjects, signedProject, type ApprovedProjects } from '../../../test/project-fixtures.js';
import { demoProjectsOfRound, type DemoProjects } from './demo-projects.js';
import { demoProjectChanges } from './demo-projects-changes.js';

let t: TestApp;
let p: ApprovedProjects;
let demo: DemoProjects;

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 7);
  demo = (await demoProjectsOfRound(t.db, p.roundId, new Date()))!;
}, 240_000);
afterAll(async () => t?.close());

describe('demo step: project changes (演示)', () => {
  it('leaves unsigned projects alone (the signing step has not run)', async () => {
    await demoProjectChanges(t.db, demo);
    expect(await rawSql(t.db, `select id from project_changes`)).toEqual([]);
  });

  it('changePending has a pending extension; executing an approved budget adjustment between subjects with its supplement', async () => {
    for (const id of demo.signed) await signedProject(t, id);
    await demoProjectChanges(t.db, demo);
    const rows = await rawSql(t.db, `select project_id, type, status, reason, supplement_version_id from project_changes order by project_id`);
    const pending = rows.find((r) => r.project_id === demo.byRole.changePending)!;
    expect(pending).toMatchObject({ type: 'extension', status: 'submitted' });
    expect(String(pending.reason)).toContain('演示');
    const executing = rows.find((r) => r.project_id === demo.byRole.executing)!;
    expect(executing).toMatchObject({ type: 'budgetSubjects', status: 'approved' });
    expect(executing.supplement_version_id).toBeTruthy();
    expect(rows).toHaveLength(2);
  });
});
