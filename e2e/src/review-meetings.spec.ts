/**
 * 实地核查 → 局党组会议 → 区政府常务会议 (BL-8) in the browser: the officer inspects with a photo and finishes the
 * step, records both meetings, and the leader signs each off from the round page reached through 评审轮次.
 * The earlier steps (assignment, scoring, the funding plan) are other parts' pages: this spec runs a server of its
 * own in this process, so it can put a round at inspection and write planned amounts as those steps would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../packages/server/src/app.js';
import { openDatabase, type Database } from '../../packages/server/src/db/client.js';
import { seedDemo } from '../../packages/server/src/db/seed/demo.js';
import { solidPng } from '../../packages/server/src/db/seed/demo-review-meetings.js';
import { seedPlans } from '../../packages/server/src/db/seed/monitoring.js';
import { seedProgrammes } from '../../packages/server/src/db/seed/programmes.js';
import { rawSql, TestClient, testConfig, type TestApp } from '../../packages/server/test/helpers.js';
import { openedRound, scoreDirectly, setStage } from '../../packages/server/test/review-fixtures.js';
import { type Browser, expectNoBrowserErrors, openBrowser, rows, shot, signIn } from './browser.js';

// The server's test harness is compiled with this spec; the values its integration setup provides are declared
// there (packages/server/test/global-setup.ts) and unused here, as this spec opens its own database.
declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    runId: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let database: Database;
let app: FastifyInstance;
let t: TestApp;
let baseURL: string;
let roundId: string;
let apps: { applicationId: string; applicationNo: string }[];
let officer: Browser;
let leader: Browser;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-e2e-meetings-'));
  database = await openDatabase({ databaseUrl: null, dataDir: path.join(tmp, 'data') });
  await database.migrate();
  await seedProgrammes(database.db);
  await seedPlans(database.db);
  await seedDemo(database.db);
  app = await buildApp({ database, config: { ...testConfig, webDist: path.join(root, 'packages/web/dist') } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseURL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let ip = 1;
  t = { app, db: database.db, database, client: () => new TestClient(app, `10.77.0.${ip++}`), auditTampered: () => {}, close: async () => {} };
  const r = await openedRound(t, 3);
  roundId = r.roundId;
  await scoreDirectly(t, roundId, r.applicationIds.map((applicationId, i) => ({ applicationId, scoreCenti: 9050 - i * 175 })));
  await setStage(t, roundId, 'inspection');
  const list = (await r.officer.get(`/api/review/rounds/${roundId}/applications`)).json().items as { applicationId: string; applicationNo: string; rank: number }[];
  apps = list.sort((a, b) => a.rank - b.rank);
  officer = await openBrowser({ baseURL });
  await signIn(officer.page, 'officer');
  leader = await openBrowser({ baseURL });
  await signIn(leader.page, 'leader');
}, 240_000);
afterAll(async () => {
  await officer?.close();
  await leader?.close();
  await app?.close();
  await database?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const stageOf = async () => (await rawSql(t.db, `select stage from review_rounds where id = '${roundId}'`))[0]!.stage;

describe('实地核查 and the decision meetings', () => {
  it('BL-8: the officer inspects with a photo (a non-image refused before sending), a failure needs its basis, then finishes the step', async () => {
    const page = officer.page;
    await page.goto(`/review/${roundId}`);
    await page.getByText('平台默认清单，可按本局要求修改').waitFor();
    await expect.poll(() => rows(page).count()).toBe(3);
    await shot(page, 'review-inspection-list');

    // The lowest-ranked application fails on site.
    const last = apps[2]!;
    await rows(page).filter({ hasText: last.applicationNo }).getByRole('button', { name: '记录核查' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('现场照片（0/12）').waitFor();
    await drawer.getByLabel('核查人员').fill('张核查');
    await drawer.getByLabel('核查人员').press('Enter');
    await drawer.locator('input[type=file]').setInputFiles({ name: '伪装.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4 not a photo') });
    await page.getByText(/“伪装\.jpg”：文件内容不是 JPG、PNG 格式/).waitFor();
    const [up] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/applications/${last.applicationId}/photos`) && r.request().method() === 'POST'),
      drawer.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: solidPng(320, 240, [60, 140, 200]) }),
    ]);
    expect(up.status(), await up.text()).toBe(201);
    await drawer.getByText('现场照片（1/12）').waitFor();
    await drawer.getByRole('row').filter({ hasText: '研发场地、仪器设备' }).getByText('不符合').click();
    await drawer.getByLabel('研发场地、仪器设备满足项目实施需要的核查情况').fill('未见申报材料所列的压铸试验设备');
    await drawer.getByText('不通过（不再进入后续环节）').click();
    await drawer.getByRole('button', { name: '保存核查结果' }).click();
    await drawer.getByText('核查不通过须说明依据').waitFor();
    await drawer.getByLabel('结论依据').fill('研发条件不具备项目实施要求');
    await shot(page, 'review-inspection-form');
    const [saved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/inspection/applications/${last.applicationId}`) && r.request().method() === 'PUT'), drawer.getByRole('button', { name: '保存核查结果' }).click()]);
    expect(saved.status(), await saved.text()).toBe(200);
    await expect.poll(async () => (await rawSql(t.db, `select status from review_outcomes where round_id = '${roundId}' and application_id = '${last.applicationId}'`))[0]!.status).toBe('rejected');

    // The other two pass (recorded through the API as another inspector would).
    const api = t.client();
    await api.login('officer');
    const o = (await api.get(`/api/review/rounds/${roundId}/inspection`)).json() as { checklist: { key: string }[] };
    for (const a of apps.slice(0, 2)) {
      const res = await api.put(`/api/review/rounds/${roundId}/inspection/applications/${a.applicationId}`, { inspectedOn: new Date().toISOString().slice(0, 10), inspectors: ['李核查'], items: o.checklist.map((c) => ({ key: c.key, passed: true, finding: '' })), findings: '', result: 'passed', basis: '' });
      expect(res.statusCode, res.body).toBe(200);
    }
    await page.reload();
    const finish = page.getByRole('button', { name: /完成实地核查/ });
    await expect.poll(() => finish.isEnabled()).toBe(true);
    await finish.click();
    const [done] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/inspection/finish')), page.locator('.ant-popconfirm').getByRole('button', { name: /完\s*成/ }).click()]);
    expect(done.status(), await done.text()).toBe(200);
    // The round moved on to 资金方案, so the page now opens at the applications tab; back to the finished step.
    await page.getByRole('tab', { name: '实地核查' }).click();
    await page.getByText(/实地核查已于 .+ 完成/).waitFor();
    await shot(page, 'review-inspection-done');
    expect(await stageOf()).toBe('planning');
    await expectNoBrowserErrors(officer);
  });

  it('BL-8, BL-4: the party meeting lowers an amount (never above the plan) and the leader, coming through 评审轮次, signs it off', async () => {
    // As the funding plan would leave it.
    await rawSql(t.db, `update review_outcomes set planned_amount_yuan = 3000000 where round_id = '${roundId}' and application_id = '${apps[0]!.applicationId}'`);
    await rawSql(t.db, `update review_outcomes set planned_amount_yuan = 1500000 where round_id = '${roundId}' and application_id = '${apps[1]!.applicationId}'`);
    await setStage(t, roundId, 'partyMeeting');
    const page = officer.page;
    await page.goto(`/review/${roundId}`);
    await page.getByLabel('会议纪要编号').waitFor();
    await page.getByLabel('会议纪要编号').fill('局党组〔2026〕12号');
    await page.getByLabel('会议纪要', { exact: true }).fill('会议听取了专家评审、实地核查和资金方案的汇报，同意按方案立项，一个项目金额调减。');
    await page.getByLabel(`${apps[0]!.applicationNo}的金额`).fill('301');
    await page.getByRole('button', { name: '保存会议记录' }).click();
    await page.getByText('不能高于方案金额300万元').waitFor();
    await page.getByLabel(`${apps[0]!.applicationNo}的金额`).fill('280');
    await shot(page, 'review-party-meeting-form');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/meetings/party') && r.request().method() === 'PUT'), page.getByRole('button', { name: '保存会议记录' }).click()]);
    expect(res.status(), await res.text()).toBe(200);
    await page.getByText(/待领导签发/).first().waitFor();
    await expect.poll(() => page.getByRole('button', { name: '领导签发' }).count()).toBe(0);

    const lp = leader.page;
    await lp.goto('/review');
    await lp.getByRole('link', { name: /北仑区关键核心技术攻关项目申报指南/ }).click();
    await lp.getByRole('button', { name: '领导签发' }).waitFor();
    await lp.getByRole('button', { name: '领导签发' }).click();
    const [signed] = await Promise.all([lp.waitForResponse((r) => r.url().endsWith('/meetings/party/signoff')), lp.locator('.ant-popconfirm').getByRole('button', { name: /签\s*发/ }).click()]);
    expect(signed.status(), await signed.text()).toBe(200);
    // The round moved on, so the page now opens at the executive meeting's tab.
    await lp.getByRole('tab', { name: '局党组会议' }).click();
    await lp.getByText(/纪要已由吴局长于 .+ 签发，纪要与决定已锁定/).waitFor();
    await shot(lp, 'review-party-meeting-signed');
    expect(await stageOf()).toBe('executiveMeeting');
    await expectNoBrowserErrors(leader);
  });

  it('BL-8: the executive meeting defers one project with a reason; after the sign-off the minutes are frozen and the round is at public notice', async () => {
    const page = officer.page;
    await page.goto(`/review/${roundId}`);
    await page.getByRole('tab', { name: '区政府常务会议' }).waitFor();
    await page.getByLabel('会议纪要编号').waitFor();
    await page.getByLabel('会议纪要编号').fill('区政府常务会议纪要〔2026〕8号');
    await page.getByLabel('会议纪要', { exact: true }).fill('会议原则同意区科技局的立项建议，个别项目待条件落实后再议。');
    await expect.poll(() => page.getByLabel(`${apps[0]!.applicationNo}的金额`).inputValue()).toBe('280');
    await page.getByLabel(`${apps[1]!.applicationNo}的决定`).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('暂缓').click();
    await page.getByRole('button', { name: '保存会议记录' }).click();
    await page.getByText('不予立项或暂缓须写明理由').waitFor();
    await page.getByLabel(`${apps[1]!.applicationNo}的说明`).fill('配套用地尚未落实');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/meetings/executive') && r.request().method() === 'PUT'), page.getByRole('button', { name: '保存会议记录' }).click()]);
    expect(res.status(), await res.text()).toBe(200);
    await shot(page, 'review-executive-meeting-form');

    const lp = leader.page;
    await lp.goto(`/review/${roundId}`);
    await lp.getByRole('button', { name: '领导签发' }).click();
    const [signed] = await Promise.all([lp.waitForResponse((r) => r.url().endsWith('/meetings/executive/signoff')), lp.locator('.ant-popconfirm').getByRole('button', { name: /签\s*发/ }).click()]);
    expect(signed.status(), await signed.text()).toBe(200);
    await lp.getByRole('tab', { name: '区政府常务会议' }).click();
    await lp.getByText(/区政府常务会议纪要已由吴局长于 .+ 签发/).waitFor();
    await shot(lp, 'review-executive-meeting-signed');
    expect(await stageOf()).toBe('notice');
    const outcomes = await rawSql(t.db, `select application_id, status, decided_amount_yuan from review_outcomes where round_id = '${roundId}'`);
    expect(outcomes.find((o) => o.application_id === apps[0]!.applicationId)).toMatchObject({ status: 'inReview', decided_amount_yuan: 2_800_000 });
    expect(outcomes.find((o) => o.application_id === apps[1]!.applicationId)).toMatchObject({ status: 'deferred' });
    await lp.getByRole('tab', { name: '申报书与结果' }).click();
    await lp.getByText('暂缓').first().waitFor();
    await shot(lp, 'review-meetings-outcomes');
    await expectNoBrowserErrors(leader);
    await expectNoBrowserErrors(officer);
  });
});
