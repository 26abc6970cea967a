import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDayOf, type DisbursementView, type ProgrammeYearProjects, type ProgrammeYearRecoveries, type ProjectDetail } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { actorOf, approvedProjects, signedProject, undertakerOf, type ApprovedProjects } from '../../../test/project-fixtures.js';
import { findProject, transitionProject } from './lifecycle.js';
import { orderRecovery } from './ledger.js';

let t: TestApp;
let p: ApprovedProjects;
let officer: TestClient;
const today = shanghaiDayOf(new Date());

beforeAll(async () => {
  t = await createTestApp();
  p = await approvedProjects(t, 4, 1_000_000);
  officer = p.officer;
}, 240_000);
afterAll(async () => t?.close());

const view = async (id: string, c = officer) => {
  const res = await c.get(`/api/projects/${id}/disbursements`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DisbursementView;
};
const pay = (id: string, instalmentNo: number, voucherNo: string) => officer.post(`/api/projects/${id}/disbursements`, { instalmentNo, voucherNo, paidDate: today });
const ledgerEntries = async (id: string) => rawSql(t.db, `select kind, amount_yuan from budget_entries where project_id = '${id}' order by created_at, id`);
const byProject = async () => {
  const res = await officer.get(`/api/programmes/${p.programmeCode}/budget/${p.year}/projects`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProgrammeYearProjects;
};

describe('disbursement (拨付)', () => {
  it('default schedule of a signed 100万 project: 60万 after signing, 40万 after a stage check; the first is paid as a ledger disburse in the same transaction, with its voucher', async () => {
    const id = p.projectIds[0]!;
    await signedProject(t, id);
    const before = await view(id);
    expect(before.edited).toBe(false);
    expect(before.instalments.map((x) => [x.amountYuan, x.condition, x.status])).toEqual([[600_000, 'signed', 'payable'], [400_000, 'stageCheck', 'waiting']]);
    expect(before.instalments[1]!.statusText).toBe('待中期检查合格（本项目须中期检查，阶段检查不能代替）');
    expect(before).toMatchObject({ fiscalYuan: 1_000_000, minFirstYuan: 600_000, midtermRequired: true, paidYuan: 0, openYuan: 1_000_000, canManage: true });

    const res = await pay(id, 1, 'PZ-2026-0001');
    expect(res.statusCode, res.body).toBe(201);
    const after = res.json() as DisbursementView;
    expect(after).toMatchObject({ edited: true, paidYuan: 600_000, openYuan: 400_000, disbursedYuan: 600_000, undisbursedYuan: 400_000 });
    expect(after.instalments[0]).toMatchObject({ status: 'paid', payment: { voucherNo: 'PZ-2026-0001', paidDate: today, amountYuan: 600_000 } });
    const [record] = await rawSql(t.db, `select entry_id from disbursements where project_id = '${id}'`);
    const [entry] = await rawSql(t.db, `select kind, amount_yuan, project_id from budget_entries where id = '${String(record!.entry_id)}'`);
    expect(entry).toMatchObject({ kind: 'disburse', project_id: id });
    expect(Number(entry!.amount_yuan)).toBe(600_000);
    const events = (await officer.get(`/api/projects/${id}/events`)).json() as { items: { kind: string; summary: string }[] };
    expect(events.items.find((e) => e.kind === 'ledger.disburse')?.summary).toContain('凭证 PZ-2026-0001');
  });

  it('the second instalment is refused before a passed stage check, saying why; a mid-term 合格 releases it; a voucher is used once', async () => {
    const id = p.projectIds[0]!;
    const entries = (await ledgerEntries(id)).length;
    const refused = await pay(id, 2, 'PZ-2026-0002');
    expect(refused.statusCode).toBe(409);
    expect(problem(refused)).toMatchObject({ code: 'DISBURSEMENT_REFUSED', detail: '第2期（40万，阶段检查合格后）不能拨付：待中期检查合格（本项目须中期检查，阶段检查不能代替）。' });
    expect(await ledgerEntries(id)).toHaveLength(entries);
    // A project at the mid-term threshold has its mid-term check as stage check: a separate record is refused.
    const check = await officer.post(`/api/projects/${id}/stage-checks`, { result: 'pass', basis: '测试', checkedDate: today });
    expect(problem(check).code).toBe('STAGE_CHECK_REFUSED');
    const actor = await actorOf(t, 'officer');
    await t.db.transaction(async (tx) => transitionProject(tx, actor, await findProject(tx, id, { forUpdate: true }), 'openMidterm', { summary: '测试：启动中期检查' }));
    await t.db.transaction(async (tx) => transitionProject(tx, actor, await findProject(tx, id, { forUpdate: true }), 'midtermPass', { summary: '测试：中期检查合格' }));
    expect(problem(await pay(id, 2, 'PZ-2026-0001'))).toMatchObject({ code: 'DISBURSEMENT_VOUCHER_TAKEN' });
    const ok = await pay(id, 2, 'PZ-2026-0002');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ paidYuan: 1_000_000, openYuan: 0, undisbursedYuan: 0 });
    expect(problem(await pay(id, 2, 'PZ-2026-0003')).code).toBe('DISBURSEMENT_REFUSED');
  });

  it('not before signing (state table); the schedule edit is checked with Chinese problems, and a valid edit is kept', async () => {
    const id = p.projectIds[1]!;
    const early = await pay(id, 1, 'PZ-EARLY');
    expect(early.statusCode).toBe(409);
    expect(problem(early)).toMatchObject({ code: 'PROJECT_STATE_REFUSED', detail: '项目当前为「已立项（待签任务书）」，任务书签订生效后才能拨付。' });
    const bad = await officer.put(`/api/projects/${id}/disbursement-schedule`, { instalments: [{ amountYuan: 500_000, condition: 'signed' }, { amountYuan: 400_000, condition: 'stageCheck' }], reason: '测试调整' });
    expect(bad.statusCode).toBe(422);
    expect(problem(bad).errors).toEqual([
      { field: 'instalments', message: '各期合计 90万，须等于财政经费 100万（少 10万）' },
      { field: 'instalments.0.amountYuan', message: '第1期不能低于财政经费的60%，即 60万' },
    ]);
    expect((await view(id)).edited).toBe(false);
    const good = await officer.put(`/api/projects/${id}/disbursement-schedule`, { instalments: [{ amountYuan: 600_000, condition: 'signed' }, { amountYuan: 200_000, condition: 'stageCheck' }, { amountYuan: 200_000, condition: 'stageCheck', note: '末期' }], reason: '分三期拨付（测试）' });
    expect(good.statusCode, good.body).toBe(200);
    expect((good.json() as DisbursementView).instalments.map((x) => x.amountYuan)).toEqual([600_000, 200_000, 200_000]);
  });

  it('below the mid-term threshold an officer-recorded 阶段检查 pass releases the next stage-check instalment, one pass per instalment', async () => {
    const id = p.projectIds[1]!;
    // This project's programme version raises the mid-term threshold to 200万 (a setting of the rule set).
    const [v] = await rawSql(t.db, `insert into programme_versions (id, programme_id, version, document_no, effective_from, parameters)
      select gen_random_uuid(), programme_id, 'funds-test', document_no, '2099-01-01', jsonb_set(parameters, '{postAward}', '{"midtermMandatoryFromYuan": 2000000}'::jsonb) from programme_versions
      where id = (select coalesce(p.rule_version_id, c.version_id) from projects p join calls c on c.id = p.call_id where p.id = '${id}') returning id`);
    await rawSql(t.db, `update projects set rule_version_id = '${String(v!.id)}' where id = '${id}'`);
    await signedProject(t, id);
    expect((await pay(id, 1, 'PZ-B-1')).statusCode).toBe(201);
    expect(problem(await pay(id, 2, 'PZ-B-2')).detail).toContain('待阶段检查合格（中期检查合格或阶段检查通过）');
    const fail = await officer.post(`/api/projects/${id}/stage-checks`, { result: 'fail', basis: '进度滞后（测试）', checkedDate: today });
    expect(fail.statusCode, fail.body).toBe(201);
    expect((fail.json() as DisbursementView).stageChecks[0]).toMatchObject({ result: 'fail', resultLabel: '不合格' });
    expect((await pay(id, 2, 'PZ-B-2')).statusCode).toBe(409);
    const future = await officer.post(`/api/projects/${id}/stage-checks`, { result: 'pass', basis: '测试', checkedDate: '2099-01-01' });
    expect(problem(future).errors).toEqual([{ field: 'checkedDate', message: expect.stringContaining('检查日期不能晚于今天') }]);
    expect((await officer.post(`/api/projects/${id}/stage-checks`, { result: 'pass', basis: '现场检查合格（测试）', checkedDate: today })).statusCode).toBe(201);
    expect((await pay(id, 2, 'PZ-B-2')).statusCode).toBe(201);
    expect(problem(await pay(id, 3, 'PZ-B-3')).detail).toContain('待第2次阶段检查合格（中期检查合格或阶段检查通过）；已合格 1 次');
  });

  it('the undertaker reads its own project\'s schedule but may not pay; another organisation gets 404', async () => {
    const id = p.projectIds[0]!;
    expect((await view(id, undertakerOf(p, 0))).canManage).toBe(false);
    expect((await undertakerOf(p, 0).post(`/api/projects/${id}/disbursements`, { instalmentNo: 1, voucherNo: 'X', paidDate: today })).statusCode).toBe(403);
    expect((await undertakerOf(p, 1).get(`/api/projects/${id}/disbursements`)).statusCode).toBe(404);
  });

  it('a blocking integrity record refuses the payment, naming the record; nothing is written', async () => {
    const id = p.projectIds[3]!;
    await signedProject(t, id);
    const [lead] = await rawSql(t.db, `select leader_id_number from projects where id = '${id}'`);
    await rawSql(t.db, `insert into integrity_records (id, subject_kind, subject_key, subject_name, behaviour, severity, decision_no, decision_date, ban_from, ban_until) values (gen_random_uuid(), 'person', '${String(lead!.leader_id_number)}', '测试负责人', '抄袭剽窃他人科研成果', 'serious', '仑科信〔2026〕9号', '2020-01-01', '2020-01-01', '2099-12-31')`);
    const res = await pay(id, 1, 'PZ-BLOCKED');
    expect(problem(res)).toMatchObject({ code: 'INTEGRITY_BLOCKED', detail: expect.stringContaining('仑科信〔2026〕9号') });
    expect(await ledgerEntries(id)).toHaveLength(1);
    expect(await rawSql(t.db, `select 1 from disbursements where project_id = '${id}'`)).toHaveLength(0);
  });

  it('never after termination: the recovery is listed with its due date and 逾期 flag, its arrival is recorded, and the programme-year ledger by project reconciles to the 元', async () => {
    const id = p.projectIds[2]!;
    await signedProject(t, id);
    expect((await pay(id, 1, 'PZ-C-1')).statusCode).toBe(201);
    const actor = await actorOf(t, 'officer');
    const order = await t.db.transaction(async (tx) => {
      const row = await transitionProject(tx, actor, await findProject(tx, id, { forUpdate: true }), 'terminate', { summary: '测试：终止' });
      return orderRecovery(tx, actor, row, { reason: 'terminate', owedYuan: 250_000, basis: '测试终止', now: new Date('2026-01-01T02:00:00Z') });
    });
    const stopped = await pay(id, 2, 'PZ-C-2');
    expect(problem(stopped)).toMatchObject({ code: 'PROJECT_STATE_REFUSED', detail: '项目已终止，停止拨付。' });
    const v = await view(id);
    expect(v.instalments[1]).toMatchObject({ status: 'stopped', statusText: '项目已终止，停止拨付' });
    expect(v.recoveries).toEqual([expect.objectContaining({ id: order.recoveryId, amountYuan: 250_000, dueDate: '2026-01-31', status: 'open', overdue: true, reasonLabel: '项目终止' })]);

    const listed = (await officer.get(`/api/programmes/${p.programmeCode}/budget/${p.year}/recoveries`)).json() as ProgrammeYearRecoveries;
    expect(listed).toMatchObject({ openYuan: 250_000, overdueCount: 1 });
    let rows = await byProject();
    expect(rows.items.find((r) => r.projectId === id)).toMatchObject({ committedYuan: 1_000_000, disbursedYuan: 600_000, releasedYuan: 400_000, repaidYuan: 0, undisbursedYuan: 0, netPaidYuan: 600_000, owedYuan: 250_000, overdue: true });

    const settled = await officer.post(`/api/projects/${id}/recoveries/${order.recoveryId}/settle`);
    expect(settled.statusCode, settled.body).toBe(200);
    expect((settled.json() as DisbursementView).recoveries[0]).toMatchObject({ status: 'settled', overdue: false });
    expect(problem(await officer.post(`/api/projects/${id}/recoveries/${order.recoveryId}/settle`)).code).toBe('PROJECT_STATE_REFUSED');
    expect(problem(await officer.post(`/api/projects/${p.projectIds[0]}/recoveries/${order.recoveryId}/settle`)).code).toBe('RECOVERY_NOT_FOUND');

    rows = await byProject();
    expect(rows.reconciliation.holds).toBe(true);
    expect(rows.reconciliation.lines.every((l) => l.differenceYuan === 0)).toBe(true);
    const ledger = (await officer.get(`/api/programmes/${p.programmeCode}/budget/${p.year}`)).json() as { committedYuan: number; disbursedYuan: number; returnedYuan: number; repaidYuan: number };
    expect(rows.totals.disbursedYuan + rows.unassigned.disbursedYuan).toBe(ledger.disbursedYuan);
    expect(rows.totals.committedYuan + rows.unassigned.committedYuan).toBe(ledger.committedYuan);
    expect(rows.totals.releasedYuan + rows.totals.repaidYuan + rows.unassigned.releasedYuan + rows.unassigned.repaidYuan).toBe(ledger.returnedYuan);
    // Each project's row equals its own detail (the project tab and the programme-year view agree).
    for (const r of rows.items.filter((x) => p.projectIds.includes(x.projectId))) {
      const d = (await officer.get(`/api/projects/${r.projectId}`)).json() as ProjectDetail;
      expect({ c: r.committedYuan, d: r.disbursedYuan, rel: r.releasedYuan, rep: r.repaidYuan }).toEqual({ c: d.ledger.committedYuan, d: d.ledger.disbursedYuan, rel: d.ledger.releasedYuan, rep: d.ledger.repaidYuan });
    }
    const xlsx = await officer.get(`/api/programmes/${p.programmeCode}/budget/${p.year}/projects/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    // The schedule of a terminated project is closed.
    expect(problem(await officer.put(`/api/projects/${id}/disbursement-schedule`, { instalments: [{ amountYuan: 1_000_000, condition: 'signed' }], reason: '测试' })).code).toBe('PROJECT_STATE_REFUSED');
  });

  it('a payment record is append-only (database trigger)', async () => {
    const [d] = await rawSql(t.db, `select id from disbursements limit 1`);
    await expect(rawSql(t.db, `update disbursements set amount_yuan = 1 where id = '${String(d!.id)}'`)).rejects.toThrow();
    await expect(rawSql(t.db, `delete from disbursements where id = '${String(d!.id)}'`)).rejects.toThrow();
  });
});
