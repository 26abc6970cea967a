import { exampleBeilunContent, residentIdCheckChar } from '@kechuang/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';

/** Officers work at 1280×720: every page here must fit it without sideways scrolling. */
const VIEWPORT = { width: 1280, height: 720 };
const FIRST17 = '33020619800101971';
/** The leader of the applicant's new draft: a person nobody else in the demo is. */
const LEADER_ID = FIRST17 + residentIdCheckChar(FIRST17)!;
const DECISION_NO = '仑科信〔2026〕E2E号';

async function apiCall(page: Page, method: 'POST' | 'PUT', url: string, data?: unknown) {
  const { token } = (await (await page.request.get('/api/auth/csrf')).json()) as { token: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': token } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json() as Promise<{ id: string }>;
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => {
    const doc = document.scrollingElement!;
    const tables = [...document.querySelectorAll('.ant-table-content, .ant-table-body')].map((t) => t.scrollWidth - t.clientWidth);
    return Math.max(doc.scrollWidth - doc.clientWidth, ...tables, 0);
  });
  expect(overflow, 'sideways scroll at 1280 px').toBeLessThanOrEqual(0);
}

let officer: Browser;
let applicant: Browser;
let applicationId: string;

beforeAll(async () => {
  // demo-b's draft, led by LEADER_ID, with its required materials: ready to submit.
  applicant = await openBrowser();
  await applicant.page.setViewportSize(VIEWPORT);
  await signIn(applicant.page, 'demo-b');
  const page = applicant.page;
  const calls = (await (await page.request.get('/api/public/calls')).json()) as { items: { id: string; title: string }[] };
  const callId = calls.items.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
  const { id } = await apiCall(page, 'POST', '/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
  applicationId = id;
  const base = exampleBeilunContent();
  await apiCall(page, 'PUT', `/api/applications/${id}/draft`, { baseVersion: 1, content: { ...base, basic: { ...base.basic!, title: '压铸件表面缺陷智能检测（科研诚信演练）' }, team: { ...base.team!, leader: { ...base.team!.leader!, name: '周演练', idNumber: LEADER_ID } } } });
  const { slots } = (await (await page.request.get(`/api/applications/${id}/attachments`)).json()) as { slots: { kind: string; label: string; required: boolean }[] };
  for (const slot of slots.filter((s) => s.required)) {
    const { token } = (await (await page.request.get('/api/auth/csrf')).json()) as { token: string };
    const res = await page.request.post(`/api/applications/${id}/attachments/${slot.kind}`, { headers: { 'x-csrf-token': token }, multipart: { file: { name: `${slot.label}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${slot.label}\n%%EOF\n`) } } });
    expect(res.status(), await res.text()).toBe(201);
  }
  officer = await openBrowser();
  await officer.page.setViewportSize(VIEWPORT);
  await signIn(officer.page, 'officer');
  await officer.page.waitForURL((u) => u.pathname === '/');
}, 120_000);
afterAll(async () => {
  await officer?.close();
  await applicant?.close();
});

describe('科研诚信: a record blocks a later application', () => {
  it('the officer sees the 演示 record, masked, and records a new one with the default ban shown', async () => {
    const page = officer.page;
    await page.locator('.ant-menu-item').filter({ hasText: /^科研诚信$/ }).click();
    await pageTitle(page, '科研诚信').waitFor();
    await rows(page).filter({ hasText: '孙演示' }).waitFor();
    // ID numbers are masked for everyone: six digits, eight stars, four characters.
    expect(await rows(page).filter({ hasText: '孙演示' }).innerText()).toMatch(/\d{6}\*{8}\w{4}/);
    await noSidewaysScroll(page);
    await shot(page, 'integrity-list');

    await page.getByRole('button', { name: /登记失信记录/ }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '登记科研失信记录' });
    await drawer.waitFor();
    await drawer.getByLabel('主体名称').fill('周演练');
    await drawer.getByLabel('身份证号码').fill(LEADER_ID);
    await drawer.locator('.ant-select').filter({ has: page.locator('#behaviourCode') }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '抄袭剽窃他人科研成果' }).click();
    await drawer.getByText('较重（默认 3 年）').click();
    await drawer.getByLabel('处理措施').fill('三年内取消申报区级科技计划项目资格（演练）');
    await drawer.getByLabel('处理决定文号').fill(DECISION_NO);
    await drawer.getByLabel('决定日期').fill('2026-11-30');
    await drawer.getByLabel('决定日期').press('Enter');
    await drawer.getByLabel('决定日期').press('Escape');
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
    // The default ban for 较重 (3 years from the decision date, the last day included) is shown before saving.
    await expect.poll(() => drawer.getByTestId('default-ban').innerText()).toContain('2026-11-30 至 2029-11-29');
    await shot(page, 'integrity-drawer');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/integrity/records') && r.request().method() === 'POST'),
      drawer.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    await drawer.waitFor({ state: 'hidden' });

    // Found by the exact ID number only; shown masked.
    await page.getByLabel('证件号码').fill(LEADER_ID);
    const [found] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/integrity/records?') && r.url().includes('idNumber=')), page.getByRole('button', { name: /查\s*询/ }).click()]);
    expect((await found.json()).total).toBe(1);
    await expect.poll(() => rows(page).count()).toBe(1);
    const row = await rows(page).first().innerText();
    expect(row).toContain('周演练');
    expect(row).toContain('2029-11-29');
    expect(row).not.toContain(LEADER_ID);
    await shot(page, 'integrity-found');
    await expectNoBrowserErrors(officer);
  });

  it('the applicant\'s submission is refused, naming the record', async () => {
    const page = applicant.page;
    await page.goto(`/applications/${applicationId}`);
    await page.getByRole('button', { name: /^提\s*交$/ }).waitFor();
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/applications/${applicationId}/submit`)),
      page.locator('.ant-modal-confirm').getByRole('button', { name: /^提\s*交$/ }).click(),
    ]);
    expect(refused.status()).toBe(409);
    const dialog = page.locator('.ant-modal-confirm-error');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`存在科研失信记录，不能提交申报：个人「周演练」因「抄袭剽窃他人科研成果」（较重，${DECISION_NO}）限制至 2029-11-29`);
    await shot(page, 'integrity-submit-refused');
    await dialog.getByRole('button', { name: '知道了' }).click();
    // Nothing changed: still a draft.
    const detail = (await (await page.request.get(`/api/applications/${applicationId}`)).json()) as { state: string };
    expect(detail.state).toBe('draft');
    await expectNoBrowserErrors(applicant);
  });
});
