/**
 * 验收: the undertaker applies early with its reason and uploads the materials, the officer commits and draws the
 * panel, a drawn demo expert verifies the indicators and submits (the rest of the panel submits through the API),
 * and the officer records 通过. The earlier parts of execution (task book signing) belong to others: the spec puts
 * a demo project into `executing` by SQL while its own server is stopped, as the signing would have left it.
 */
import { PGlite } from '@electric-sql/pglite';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, DEMO_PASSWORD, expectNoBrowserErrors, openBrowser, shot, signIn } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

let server: OwnServer;
const browsers: Browser[] = [];
let projectId = '';
let undertaker = '';
let drawnExperts: string[] = [];

/** Runs SQL on the stopped server's embedded database, then starts the server again. */
async function withDatabase<T>(work: (db: PGlite) => Promise<T>): Promise<T> {
  await server.stop();
  const db = await PGlite.create(server.dataDir);
  try {
    return await work(db);
  } finally {
    await db.close();
    await server.start();
  }
}

const one = async (db: PGlite, q: string) => ((await db.query<Record<string, unknown>>(q)).rows[0] ?? {}) as Record<string, unknown>;

async function browserAs(username: string): Promise<Browser> {
  const b = await openBrowser({ baseURL: server.baseURL });
  browsers.push(b);
  await b.page.setViewportSize({ width: 1280, height: 720 });
  await signIn(b.page, username);
  await b.page.waitForURL((u) => u.pathname !== '/login');
  return b;
}

/** The screenshot at 1280 wide, after checking the page does not scroll sideways. */
async function wideShot(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

/** A signed-in API session (its own client address, the CSRF token the web client sends). */
async function apiAs(username: string): Promise<{ ctx: APIRequestContext; token: () => Promise<string> }> {
  const ctx = await request.newContext({ baseURL: server.baseURL, extraHTTPHeaders: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` } });
  const token = async () => ((await (await ctx.get('/api/auth/csrf')).json()) as { token: string }).token;
  const res = await ctx.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD }, headers: { 'x-csrf-token': await token() } });
  expect(res.status(), await res.text()).toBe(200);
  return { ctx, token };
}

const onePdf = (label: string) => ({ name: `${label}（演示）.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${label}（演示）\n%%EOF\n`, 'utf8') });

beforeAll(async () => {
  server = await ownServer();
  ({ projectId, undertaker } = await withDatabase(async (db) => {
    // The demo batch's second project (the `executing` role), put into execution as the task-book signing would
    // leave it (prepared by SQL: the signing is another part's). Its end date lies ahead: applying now is early.
    const p = await one(db, `select id, organisation_id, end_date from projects order by project_no offset 1 limit 1`);
    await db.exec(`update projects set state = 'executing', state_changed_at = now() where id = '${String(p.id)}'`);
    const u = await one(db, `select username from users where organisation_id = '${String(p.organisation_id)}' and 'applicant' = any(roles) order by username limit 1`);
    return { projectId: String(p.id), undertaker: String(u.username) };
  }));
}, 400_000);
afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.dispose();
});

describe('验收 (acceptance)', () => {
  it('the undertaker uploads the materials and applies early with the reason', async () => {
    const b = await browserAs(undertaker);
    const page = b.page;
    await page.goto(`/projects/${projectId}?tab=acceptance`);
    await page.getByText('今天申请属于').waitFor();
    await page.getByText(/现在申请属于提前申请验收/).waitFor();
    for (const label of ['工作总结报告', '技术报告', '经费决算表', '审计报告', '成果证明']) {
      const row = page.locator('.ant-table-row').filter({ has: page.getByText(label, { exact: true }) });
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().includes(`/api/projects/${projectId}/acceptance/materials/`) && r.request().method() === 'POST'),
        row.locator('input[type=file]').setInputFiles(onePdf(label)),
      ]);
      expect(res.status(), await res.text()).toBe(201);
      await row.getByText(`${label}（演示）.pdf`).waitFor();
    }
    await page.getByLabel('验收申请说明').fill('任务书约定的研究内容已全部完成，申请验收（演示）。');
    await page.getByLabel('提前完成的理由').fill('样机已提前通过第三方检测，全部考核指标提前完成（演示）。');
    await wideShot(page, 'project-acceptance-apply');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/acceptance`) && r.request().method() === 'POST'), page.getByRole('button', { name: '提交验收申请' }).click()]);
    expect(res.status(), await res.text()).toBe(201);
    await page.getByText('提前完成理由').waitFor();
    await page.locator('.ant-card').filter({ hasText: '验收申请' }).getByText(/提前申请验收/).first().waitFor();
    await wideShot(page, 'project-acceptance-applied');
    await expectNoBrowserErrors(b);
  });

  it('the officer commits the panel draw, and once the announced value is public, draws the panel from the demo experts', async () => {
    const b = await browserAs('officer');
    const page = b.page;
    await page.goto(`/projects/${projectId}?tab=acceptance`);
    await page.getByRole('button', { name: '退回申请' }).waitFor();
    await page.getByLabel('公开随机来源').fill('中国福利彩票“3D”开奖号码（演示）');
    // Announced a few seconds ahead (the value must be unknown at the commitment), in Beijing time as the form reads it.
    const publicAt = Date.now() + 20_000;
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(publicAt));
    const picker = page.getByLabel('公布时间');
    await picker.click();
    await picker.fill(local);
    // 确定 in the picker (Enter would submit the form before the screenshot).
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button').click();
    await expect.poll(() => picker.inputValue()).toBe(local);
    await wideShot(page, 'project-acceptance-commit');
    const [committed] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/acceptance/panel/commit')), page.getByRole('button', { name: '发布抽取承诺' }).click()]);
    expect(committed.status(), await committed.text()).toBe(201);
    await page.getByText('承诺哈希').waitFor();
    await expect.poll(() => Date.now(), { timeout: 40_000, interval: 500 }).toBeGreaterThan(Math.ceil(publicAt / 1000) * 1000 + 500);
    await page.getByLabel('来源公布的数值').fill('731');
    await page.getByLabel('纪检监督输入值').fill('2718');
    const [drawn] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/acceptance/panel`)), page.getByRole('button', { name: '抽取专家组' }).click()]);
    expect(drawn.status(), await drawn.text()).toBe(200);
    const members = page.locator('.ant-card').filter({ hasText: '验收专家组（随机抽取）' }).locator('.ant-table-row');
    await expect.poll(() => members.count()).toBe(5);
    await wideShot(page, 'project-acceptance-panel');
    // Who was drawn: the members' names on the page, their logins from the expert pool (officer API).
    const names = await members.locator('td:first-child').allInnerTexts();
    const pool = (await (await page.request.get('/api/experts?pageSize=200')).json()) as { items: { name: string; username: string | null }[] };
    drawnExperts = names.map((n) => pool.items.find((e) => e.name === n.trim())?.username ?? '');
    expect(drawnExperts.every((u) => /^(demo-expert-\d\d|expert)$/.test(u)), drawnExperts.join(',')).toBe(true);
    await expectNoBrowserErrors(b);
  });

  it('a drawn expert verifies every indicator and submits; the rest of the panel submits through the API', async () => {
    const b = await browserAs(drawnExperts[0]!);
    const page = b.page;
    await page.goto('/expert/acceptance-reviews');
    await page.getByRole('button', { name: '核查' }).first().click();
    await page.getByText('对照任务书逐项核查考核指标').waitFor();
    const radios = page.getByRole('radio', { name: '完成', exact: true });
    await expect.poll(() => radios.count()).toBeGreaterThan(0);
    const rowsOf = page.locator('.ant-card').filter({ hasText: '对照任务书逐项核查考核指标' }).locator('.ant-table-row');
    const n = await rowsOf.count();
    for (let i = 0; i < n; i++) {
      const row = rowsOf.nth(i);
      await row.getByRole('radio', { name: '完成', exact: true }).check();
      await row.locator('input[aria-label$="完成值"]').fill('已达到目标值（演示）');
      await row.locator('input[aria-label$="佐证"]').fill('第三方检测报告（演示）');
    }
    await page.getByLabel('专家意见').fill('逐项核查技术报告和检测报告，各项指标均已达到（演示）。');
    await wideShot(page, 'project-acceptance-expert');
    const [sub] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/submit')), page.getByRole('button', { name: '提交核查意见' }).click()]);
    expect(sub.status(), await sub.text()).toBe(200);
    await page.getByText('核查意见已提交，不可修改。').waitFor();
    await wideShot(page, 'project-acceptance-expert-submitted');
    await expectNoBrowserErrors(b);

    for (const username of drawnExperts.slice(1)) {
      const { ctx, token } = await apiAs(username);
      const list = (await (await ctx.get('/api/expert/acceptance-reviews')).json()) as { items: { id: string; projectId: string }[] };
      const task = list.items.find((x) => x.projectId === projectId)!;
      const r = (await (await ctx.get(`/api/expert/acceptance-reviews/${task.id}`)).json()) as { indicators: { index: number; targetValue: string }[] };
      const verdicts = r.indicators.map((x) => ({ index: x.index, met: true, achievedValue: x.targetValue, evidence: '检测报告（演示）' }));
      const save = await ctx.put(`/api/expert/acceptance-reviews/${task.id}`, { data: { verdicts, opinion: '同意（演示）' }, headers: { 'x-csrf-token': await token() } });
      expect(save.status(), await save.text()).toBe(200);
      const done = await ctx.post(`/api/expert/acceptance-reviews/${task.id}/submit`, { headers: { 'x-csrf-token': await token() } });
      expect(done.status(), await done.text()).toBe(200);
      await ctx.dispose();
    }
  });

  it('the officer sees the findings with the exact core share and records 通过', async () => {
    const b = browsers.find((x) => x.page.url().includes(projectId) && x !== browsers[0]) ?? (await browserAs('officer'));
    const page = b.page;
    await page.goto(`/projects/${projectId}?tab=acceptance`);
    await page.getByTestId('core-share').waitFor();
    expect(await page.getByTestId('core-share').innerText()).toMatch(/^(\d+)\/\1（100(\.00)?%）$/);
    await page.getByLabel('结论依据').fill('专家组逐项核查，全部考核指标完成，同意通过验收（演示）。');
    await wideShot(page, 'project-acceptance-decide');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/acceptance/outcome')), page.getByRole('button', { name: '确认结论' }).click()]);
    expect(res.status(), await res.text()).toBe(201);
    await page.locator('.ant-card').filter({ hasText: '验收结论记录' }).getByText('通过', { exact: true }).waitFor();
    await page.getByText('通过验收').first().waitFor();
    await wideShot(page, 'project-acceptance-accepted');
    await expectNoBrowserErrors(b);
  });
});
