import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { approvedProjects, type ApprovedProjects } from '../../../test/project-fixtures.js';
import { demoProjectsOfRound, type DemoProjects } from './demo-projects.js';
import { demoTaskBooks } from './demo-projects-task-book.js';

let t: TestApp;
let p: ApprovedProjects;
let demo: DemoProjects;

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 7);
  demo = (await demoProjectsOfRound(t.db, p.roundId, new Date()))!;
}, 300_000);
afterAll(async () => t?.close());

describe('demo step: task books (演示)', () => {
  it('signs (乙方 then 甲方) every project that runs, through the real use cases; the one awaiting signature is frozen with no signature yet', async () => {
    await demoTaskBooks(t.db, demo);
    const rows = await rawSql(t.db, `select p.id, p.state, v.status, (select string_agg(s.party, ',' order by s.signed_at) from task_book_signatures s where s.version_id = v.id) as parties
      from projects p join task_book_versions v on v.project_id = p.id where p.round_id = '${p.roundId}'`);
    for (const r of rows) {
      if (r.id === demo.byRole.awaitingSignature) expect(r).toMatchObject({ state: 'approved', status: 'signing', parties: null });
      else expect(r).toMatchObject({ state: 'executing', status: 'signed', parties: 'undertaker,bureau' });
    }
    // Run again (a restart re-running the steps) it changes nothing.
    await demoTaskBooks(t.db, demo);
    expect(await rawSql(t.db, `select count(*)::int as n from task_book_signatures s join task_book_versions v on v.id = s.version_id join projects p on p.id = v.project_id where p.round_id = '${p.roundId}'`)).toEqual([{ n: 12 }]);
  });
});
