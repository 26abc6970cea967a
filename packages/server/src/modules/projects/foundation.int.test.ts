import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDetail } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { actorOf, approvedProjects, signedProject, undertakerOf, type ApprovedProjects } from '../../../test/project-fixtures.js';
import { assertNoIntegrityBlock } from './integrity-check.js';
import { findProject, transitionProject } from './lifecycle.js';
import { orderRecovery, recordProjectMovement, settleRecovery } from './ledger.js';

let t: TestApp;
let p: ApprovedProjects;
let officer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 4);
  officer = p.officer;
}, 240_000);
afterAll(async () => t?.close());

const detail = async (c: TestClient, id: string) => {
  const res = await c.get(`/api/projects/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectDetail;
};

describe('project foundation', () => {
  it('GET /api/projects/:id (API contract): state, task-book versions and ledger movements; the first task book drafted from the application (NB-7 split exact)', async () => {
    const d = await detail(officer, p.projectIds[0]!);
    expect(d.state).toBe('approved');
    expect(d.taskBookVersions).toHaveLength(1);
    expect(d.taskBookVersions[0]).toMatchObject({ versionNo: 1, kind: 'original', status: 'draft' });
    expect(d.taskBookVersions[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.ledger.movements.map((m) => m.kind)).toEqual(['commit']);
    expect(d.ledger).toMatchObject({ committedYuan: 1_000_000, undisbursedYuan: 1_000_000, disbursedYuan: 0 });
    expect(d.fiscalCityYuan + d.fiscalDistrictYuan).toBe(d.approvedAmountYuan);
    expect(d.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.effectiveEndDate).toBe(d.endDate);
    expect(d.actions).toContain('sign');
    const events = (await officer.get(`/api/projects/${p.projectIds[0]}/events`)).json() as { items: { kind: string; summary: string }[] };
    expect(events.items.map((e) => e.kind)).toContain('taskBook.created');
  });

  it('an organisation reads only its own projects: another organisation gets 404', async () => {
    expect((await undertakerOf(p, 0).get(`/api/projects/${p.projectIds[0]}`)).statusCode).toBe(200);
    const other = await undertakerOf(p, 1).get(`/api/projects/${p.projectIds[0]}`);
    expect(other.statusCode).toBe(404);
    expect(problem(other).code).toBe('PROJECT_NOT_FOUND');
  });

  it('moves only along the state table, with a timeline event; a refused action says the states it needs in Chinese', async () => {
    const actor = await actorOf(t, 'officer');
    await expect(t.db.transaction(async (tx) => transitionProject(tx, actor, await findProject(tx, p.projectIds[1]!, { forUpdate: true }), 'applyAcceptance', { summary: 'x' }))).rejects.toMatchObject({ code: 'PROJECT_STATE_REFUSED' });
    const row = await t.db.transaction(async (tx) => transitionProject(tx, actor, await findProject(tx, p.projectIds[1]!, { forUpdate: true }), 'sign', { summary: '测试签订' }));
    expect(row.state).toBe('executing');
  });

  it('BL-4: money moves only within the project commitment; recovery releases the rest and orders repayment; the ledger reconciles to the 元', async () => {
    const id = p.projectIds[2]!;
    await signedProject(t, id);
    const actor = await actorOf(t, 'officer');
    await t.db.transaction(async (tx) => recordProjectMovement(tx, actor, await findProject(tx, id, { forUpdate: true }), { kind: 'disburse', amountYuan: 600_000, note: '首笔拨付' }));
    await expect(t.db.transaction(async (tx) => recordProjectMovement(tx, actor, await findProject(tx, id, { forUpdate: true }), { kind: 'disburse', amountYuan: 400_001, note: '超额' }))).rejects.toMatchObject({ code: 'PROJECT_LEDGER_REFUSED' });
    const order = await t.db.transaction(async (tx) => orderRecovery(tx, actor, await findProject(tx, id, { forUpdate: true }), { reason: 'terminate', owedYuan: 250_000, basis: '测试终止' }));
    expect(order).toMatchObject({ releasedYuan: 400_000, owedYuan: 250_000 });
    await t.db.transaction(async (tx) => settleRecovery(tx, actor, await findProject(tx, id), order.recoveryId!));
    const d = await detail(officer, id);
    expect(d.ledger).toMatchObject({ committedYuan: 1_000_000, disbursedYuan: 600_000, releasedYuan: 400_000, repaidYuan: 250_000, undisbursedYuan: 0, netPaidYuan: 350_000 });
    const ledger = (await officer.get(`/api/programmes/${p.programmeCode}/budget/${p.year}`)).json() as { entries: { reference: string; kind: string; amountYuan: number }[] };
    const mine = ledger.entries.filter((e) => e.reference === `project:${d.projectNo}`);
    expect(mine.reduce((s, e) => s + (e.kind === 'commit' ? e.amountYuan : 0), 0)).toBe(d.ledger.committedYuan);
    expect(mine.filter((e) => e.kind !== 'commit').map((e) => e.amountYuan)).toEqual([600_000, 400_000, 250_000]);
  });

  it('a task book that left the draft cannot have its content changed, and no version is ever deleted (database trigger)', async () => {
    const [v] = await rawSql(t.db, `select id from task_book_versions where project_id = '${p.projectIds[2]}' and status = 'signed'`);
    await expect(rawSql(t.db, `update task_book_versions set content = '{}'::jsonb where id = '${String(v!.id)}'`)).rejects.toThrow();
    await expect(rawSql(t.db, `delete from task_book_versions where id = '${String(v!.id)}'`)).rejects.toThrow();
  });

  it('an integrity record in force blocks by ID number or credit code and says which record; an overturned appeal does not', async () => {
    const [lead] = await rawSql(t.db, `select leader_id_number from projects where id = '${p.projectIds[3]}'`);
    const key = String(lead!.leader_id_number);
    await rawSql(t.db, `insert into integrity_records (id, subject_kind, subject_key, subject_name, behaviour, severity, decision_no, decision_date, ban_from, ban_until) values (gen_random_uuid(), 'person', '${key}', '测试负责人', '抄袭剽窃他人科研成果', 'serious', '仑科信〔2026〕1号', '2026-01-01', '2026-01-01', '2028-12-31')`);
    await expect(t.db.transaction((tx) => assertNoIntegrityBlock(tx, 'disburse', [{ kind: 'person', key }], new Date('2026-06-01T00:00:00Z')))).rejects.toMatchObject({ code: 'INTEGRITY_BLOCKED' });
    await expect(t.db.transaction((tx) => assertNoIntegrityBlock(tx, 'disburse', [{ kind: 'person', key }], new Date('2029-01-02T00:00:00Z')))).resolves.toBeUndefined();
    await rawSql(t.db, `update integrity_records set appeal_status = 'overturned' where subject_key = '${key}'`);
    await expect(t.db.transaction((tx) => assertNoIntegrityBlock(tx, 'disburse', [{ kind: 'person', key }], new Date('2026-06-01T00:00:00Z')))).resolves.toBeUndefined();
  });
});
