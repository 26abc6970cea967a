/**
 * 专家分配 tab: the officer sets the round to optimal assignment, reads the 回避 computed from records, previews
 * the assignment with its per-pair explanations, sees the engine's explanation when the loads are too tight, and
 * confirms; the round moves to scoring and the confirmed assignments are listed with their load histogram.
 * The round and its experts are arranged in-process (the expert pool's own pages are another part), so this spec
 * runs the app in-process on a database of its own, serving the built web app.
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../packages/server/src/app.js';
import { openPglite } from '../../packages/server/src/db/client.js';
import { seedDemo } from '../../packages/server/src/db/seed/demo.js';
import { seedPlans } from '../../packages/server/src/db/seed/monitoring.js';
import { seedProgrammes } from '../../packages/server/src/db/seed/programmes.js';
import { rawSql, TestClient, testConfig, type TestApp } from '../../packages/server/test/helpers.js';
import { insertTestExperts, openedRound } from '../../packages/server/test/review-fixtures.js';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';

let t: TestApp;
let b: Browser;
let roundId: string;
let ip = 1;

beforeAll(async () => {
  const database = openPglite(await PGlite.create());
  await database.migrate();
  await seedProgrammes(database.db);
  await seedPlans(database.db);
  await seedDemo(database.db);
  const app = await buildApp({ database, config: { ...testConfig, trustProxy: true, webDist: path.resolve(import.meta.dirname, '../../packages/web/dist') } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  t = {
    auditTampered: () => {},
    app,
    db: database.db,
    database,
    client: () => new TestClient(app, `10.77.0.${ip++}`),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
  const round = await openedRound(t, 4);
  roundId = round.roundId;
  const experts = await insertTestExperts(t, 8, { prefix: 'e2e-assign-' });
  // One expert works at the demo applicant: 回避 on that organisation's applications.
  await rawSql(t.db, `update experts set organisation_credit_code = '91330206MA2KC7HX53', organisation_name = '宁波甬创智能装备有限公司' where id = '${experts[0]!.id}'`);
  // Another is in an innovation consortium, which the officer registers for demo-b below.
  await rawSql(t.db, `update experts set consortia = array['甬江演示创新联合体'] where id = '${experts[1]!.id}'`);
  b = await openBrowser({ baseURL: `http://127.0.0.1:${address.port}` });
  await signIn(b.page, 'officer');
}, 240_000);
afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('专家分配 (optimal) on the round page', () => {
  it('settings, 回避 with reasons, preview explained, an infeasible setting explained, confirm → scoring', async () => {
    const page = b.page;
    // The consortium record 回避 reads: registered by the officer on the organisation list.
    await page.goto('/organisations');
    const row = rows(page).filter({ hasText: '宁波演示智造科技有限公司' });
    await row.getByRole('button', { name: /登记宁波演示智造科技有限公司所属创新联合体/ }).click();
    await page.locator('.ant-modal').getByLabel('所属创新联合体', { exact: true }).fill('甬江演示创新联合体');
    await page.keyboard.press('Enter');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/consortia') && r.ok()), page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click()]);
    await row.getByText('甬江演示创新联合体').waitFor();

    await page.goto(`/review/${roundId}?tab=assignment`);
    await pageTitle(page, '北仑区关键核心技术攻关项目申报指南').waitFor();
    const settings = page.locator('.ant-card').filter({ hasText: '分配设置' });
    await settings.getByText('最优分配').click();
    await settings.getByLabel('每份申报书的评审专家数').fill('3');
    await settings.getByLabel('专家最高评审量').fill('2');
    const [saved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/review/rounds/${roundId}/settings`) && r.request().method() === 'PUT'), settings.getByRole('button', { name: /保存设置/ }).click()]);
    expect(saved.status(), await saved.text()).toBe(200);

    const conflicts = page.locator('.ant-card').filter({ hasText: '回避（根据记录计算）' });
    await conflicts.getByText('专家所在单位（宁波甬创智能装备有限公司）为申报单位').first().waitFor();
    await conflicts.getByText('专家（或其所在单位）与宁波演示智造科技有限公司同属创新联合体「甬江演示创新联合体」').first().waitFor();

    // 4 applications × 3 = 12 places, 8 experts × 2 = 16 but one expert is excluded from half: preview.
    const card = page.locator('.ant-card').filter({ hasText: '最优分配' }).filter({ has: page.getByRole('button', { name: /计算分配/ }) });
    await card.getByRole('button', { name: /计算分配/ }).click();
    await card.getByText(/在本申请 \d+ 位候选专家中排第 \d+ 位/).first().waitFor();
    await shot(page, 'review-assignment-preview');

    // Too tight: at most 1 application per expert → the engine's explanation in Chinese.
    await settings.getByLabel('专家最高评审量').fill('1');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/settings') && r.ok()), settings.getByRole('button', { name: /保存设置/ }).click()]);
    await card.getByRole('button', { name: /计算分配/ }).click();
    await page.getByText('当前设置下无法完成专家分配').waitFor();
    await page.getByText(/最高评审量合计只有 \d+ 个名额/).waitFor();
    await shot(page, 'review-assignment-infeasible');

    await settings.getByLabel('专家最高评审量').fill('3');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/settings') && r.ok()), settings.getByRole('button', { name: /保存设置/ }).click()]);
    await card.getByRole('button', { name: /计算分配/ }).click();
    await card.getByText(/在本申请 \d+ 位候选专家中排第 \d+ 位/).first().waitFor();
    await card.getByRole('button', { name: /确认分配并通知专家/ }).click();
    const [confirmed] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/assignment/confirm')), page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*认/ }).click()]);
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    const done = page.locator('.ant-card').filter({ hasText: '已确认的专家分配' });
    await done.waitFor();
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
    await page.getByText('专家评审', { exact: false }).first().waitFor();
    await shot(page, 'review-assignment-confirmed');
    const [round] = await rawSql(t.db, `select stage from review_rounds where id = '${roundId}'`);
    expect(round!.stage).toBe('scoring');
    await expectNoBrowserErrors(b);
  });
});
