import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { approvedProjects, signedProject, type ApprovedProjects } from '../../../test/project-fixtures.js';
import type { DemoProjects } from './demo-projects.js';
import { demoFirstInstalments } from './demo-projects-funds.js';

let t: TestApp;
let p: ApprovedProjects;
beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 4, 1_000_000);
}, 240_000);
afterAll(async () => t?.close());

describe('demo step: disbursement (演示)', () => {
  it('pays the first instalment of every signed project through the use case, and leaves an unsigned one alone', async () => {
    const [unsigned, ...signed] = p.projectIds as [string, ...string[]];
    for (const id of signed) await signedProject(t, id);
    const demo = { roundId: p.roundId, byRole: {} as DemoProjects['byRole'], signed: [unsigned, ...signed], now: new Date() } satisfies DemoProjects;
    expect(await demoFirstInstalments(t.db, demo)).toBe(3);
    const rows = await rawSql(t.db, `select d.project_id, d.instalment_no, d.amount_yuan::bigint as amount, d.voucher_no, e.kind from disbursements d join budget_entries e on e.id = d.entry_id order by d.voucher_no`);
    expect(rows.map((r) => r.project_id).sort()).toEqual([...signed].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ instalment_no: 1, kind: 'disburse' });
      expect(Number(r.amount)).toBe(600_000);
      expect(String(r.voucher_no)).toMatch(/^演示-/);
    }
    expect(await rawSql(t.db, `select 1 from disbursements where project_id = '${unsigned}'`)).toHaveLength(0);
  });
});
