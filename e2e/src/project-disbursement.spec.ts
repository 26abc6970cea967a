/**
 * 拨付: the officer pays the first instalment of a signed demo project on its 资金 tab, sees the second refused
 * before a stage check with the reason, and finds the programme-year ledger by project reconciled to the 元 on
 * 预算台账, with its Excel export. At 1280×720 without sideways scrolling.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoBrowserErrors, openBrowser, shot, signIn, type Browser } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

let server: OwnServer;
let b: Browser;
let project: { id: string; projectNo: string; programmeCode: string; year: number };

const one = async (db: PGlite, q: string) => ((await db.query<Record<string, unknown>>(q)).rows[0] ?? {}) as Record<string, unknown>;

beforeAll(async () => {
  server = await ownServer();
  await server.stop();
  const db = await PGlite.create(server.dataDir);
  try {
    // The demo project still awaiting signature, signed as the task-book part would leave it (all parties, executing):
    // the demo has already paid the first instalment of every other signed project.
    const p = await one(db, `select p.id, p.project_no, p.programme_code, p.budget_year from projects p where p.state = 'approved' and not exists (select 1 from disbursements d where d.project_id = p.id) order by p.project_no limit 1`);
    expect(p.id, 'a demo project awaiting signature').toBeTruthy();
    project = { id: String(p.id), projectNo: String(p.project_no), programmeCode: String(p.programme_code), year: Number(p.budget_year) };
    const v = await one(db, `select id, content_hash from task_book_versions where project_id = '${project.id}' order by version_no desc limit 1`);
    const officer = await one(db, `select id from users where username = 'officer'`);
    const undertaker = await one(db, `select u.id from users u join projects p on p.organisation_id = u.organisation_id where p.id = '${project.id}' limit 1`);
    await db.exec(`update task_book_versions set status = 'signing', frozen_at = now() where id = '${String(v.id)}' and status = 'draft'`);
    for (const [party, who] of [['bureau', officer.id], ['undertaker', undertaker.id ?? officer.id]] as const) {
      await db.exec(`insert into task_book_signatures (version_id, party, signed_by, signer_name, signed_at, content_hash) values ('${String(v.id)}', '${party}', '${String(who)}', '演示签署人', now(), '${String(v.content_hash)}') on conflict do nothing`);
    }
    await db.exec(`update task_book_versions set status = 'signed', signed_at = now() where id = '${String(v.id)}'`);
    await db.exec(`update projects set state = 'executing', state_changed_at = now() where id = '${project.id}'`);
    await db.exec(`insert into project_events (id, project_id, at, kind, summary, detail) values (gen_random_uuid(), '${project.id}', now(), 'e2e.shortcut', '演示：任务书已签订（端到端测试准备）', '{}'::jsonb)`);
  } finally {
    await db.close();
    await server.start();
  }
  b = await openBrowser({ baseURL: server.baseURL });
  await b.page.setViewportSize({ width: 1280, height: 720 });
  await signIn(b.page, 'officer');
  await b.page.waitForURL((u) => u.pathname === '/');
}, 300_000);
afterAll(async () => {
  await b?.close();
  await server?.dispose();
});

const overflow = () => b.page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

describe('拨付 and the ledger by project', () => {
  it('pays the first instalment of a signed project (amount in 万元, voucher, date) as a ledger disbursement', async () => {
    const page = b.page;
    await page.goto(`/projects/${project.id}?tab=funds`);
    const first = page.getByTestId('instalment-1-status');
    await first.filter({ hasText: '可拨付' }).waitFor();
    await page.getByTestId('instalment-2-status').filter({ hasText: /待(中期|阶段)检查合格/ }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'disbursement-01-schedule');

    await page.getByRole('button', { name: '拨付第1期' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '拨付第1期' });
    expect(await dialog.getByTestId('disburse-amount').innerText()).toMatch(/万元$/);
    await dialog.getByLabel('拨付凭证号').fill('演示-E2E-PZ-001');
    await shot(page, 'disbursement-02-modal');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project.id}/disbursements`) && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /确认拨付/ }).click(),
    ]);
    expect(res.status(), await res.text()).toBe(201);
    await first.filter({ hasText: '凭证 演示-E2E-PZ-001' }).waitFor();
    await shot(page, 'disbursement-03-paid');
    await expectNoBrowserErrors(b);
  });

  it('refuses the second instalment before a passed stage check, and says why', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '拨付第2期' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '拨付第2期' });
    await dialog.getByText('本期拨付条件尚未满足').waitFor();
    await dialog.getByLabel('拨付凭证号').fill('演示-E2E-PZ-002');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project.id}/disbursements`) && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /确认拨付/ }).click(),
    ]);
    expect(res.status()).toBe(409);
    expect(await dialog.getByTestId('disburse-refusal').innerText()).toMatch(/^第2期（.+万，阶段检查合格后）不能拨付：待(中期|阶段)检查合格/);
    await shot(page, 'disbursement-04-refused');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('instalment-2-status').filter({ hasText: '条件未满足' }).waitFor();
    await expectNoBrowserErrors(b);
  });

  it('an edited schedule that no longer sums to the fiscal amount is refused, saying by how much', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '调整拨付计划' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '调整拨付计划' });
    const second = dialog.getByLabel('金额', { exact: true }).nth(1);
    const before = Number(await second.inputValue());
    await second.fill(String(before - 20));
    await dialog.getByLabel('调整理由').fill('演示：调整第2期金额');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project.id}/disbursement-schedule`)),
      dialog.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    expect(res.status()).toBe(422);
    await dialog.getByTestId('schedule-refusal').filter({ hasText: /须等于财政经费 .+万（少 20万）/ }).waitFor();
    await shot(page, 'disbursement-06-schedule-refused');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the programme-year ledger by project reconciles to the 元 and exports to Excel', async () => {
    const page = b.page;
    await page.goto(`/budget?programme=${project.programmeCode}&year=${project.year}`);
    const line = page.getByTestId('ledger-reconciliation');
    await line.filter({ hasText: '已核对' }).waitFor();
    expect(await line.innerText()).toContain('逐项等于年度预算台账（精确到元）');
    const row = page.locator(`.ant-table-row[data-row-key="${project.id}"]`);
    await row.waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'disbursement-05-ledger-by-project');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出Excel/ }).last().click()]);
    expect(download.suggestedFilename()).toBe(`预算台账按项目-${project.programmeCode}-${project.year}.xlsx`);
    await expectNoBrowserErrors(b);
  });
});
