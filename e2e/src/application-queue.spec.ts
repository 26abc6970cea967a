import { exampleBeilunContent } from '@kechuang/domain';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';

/** Officers work at 1280×720: every page here must fit it without sideways scrolling. */
const VIEWPORT = { width: 1280, height: 720 };

async function apiCall(page: Page, method: 'POST' | 'PUT', url: string, data?: unknown) {
  const { token } = (await (await page.request.get('/api/auth/csrf')).json()) as { token: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': token } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json() as Promise<{ id: string }>;
}

/** The call's required materials, uploaded as the 附件 slots do (a one-line PDF each). */
async function uploadRequired(page: Page, id: string) {
  const { slots } = (await (await page.request.get(`/api/applications/${id}/attachments`)).json()) as { slots: { kind: string; label: string; required: boolean }[] };
  for (const slot of slots.filter((s) => s.required)) {
    const { token } = (await (await page.request.get('/api/auth/csrf')).json()) as { token: string };
    const res = await page.request.post(`/api/applications/${id}/attachments/${slot.kind}`, {
      headers: { 'x-csrf-token': token },
      multipart: { file: { name: `${slot.label}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${slot.label}\n%%EOF\n`) } },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
}

/** An applicant's applications made through the API: two submitted on BL-2026-02 and a draft on BL-2026-01. */
async function arrangeApplications() {
  const a = await openBrowser();
  try {
    await signIn(a.page, 'applicant');
    const calls = (await (await a.page.request.get('/api/public/calls')).json()) as { items: { id: string; title: string }[] };
    const callId = calls.items.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
    for (const fiscal of [100, 50]) {
      const { id } = await apiCall(a.page, 'POST', '/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
      const content = exampleBeilunContent();
      content.budget!.lines = content.budget!.lines!.map((l, i) => ({ ...l, fiscalDistrictYuan: i === 0 ? fiscal * 10_000 : 0 }));
      await apiCall(a.page, 'PUT', `/api/applications/${id}/draft`, { baseVersion: 1, content });
      await uploadRequired(a.page, id);
      await apiCall(a.page, 'POST', `/api/applications/${id}/submit`);
    }
    await apiCall(a.page, 'POST', '/api/applications', { callId, guidelineItemCode: 'BL-2026-01', categoryCode: 'chain' });
  } finally {
    await a.close();
  }
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => {
    const doc = document.scrollingElement!;
    const tables = [...document.querySelectorAll('.ant-table-content, .ant-table-body')].map((t) => t.scrollWidth - t.clientWidth);
    return Math.max(doc.scrollWidth - doc.clientWidth, ...tables, 0);
  });
  expect(overflow, 'sideways scroll at 1280 px').toBeLessThanOrEqual(0);
}

/** The demo call every application here belongs to. */
async function callIdOf(page: Page): Promise<string> {
  const calls = (await (await page.request.get('/api/public/calls')).json()) as { items: { id: string; title: string }[] };
  return calls.items.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
}

let officer: Browser;
beforeAll(async () => {
  await arrangeApplications();
  officer = await openBrowser();
  await officer.page.setViewportSize(VIEWPORT);
  await signIn(officer.page, 'officer');
  await officer.page.waitForURL((u) => u.pathname === '/');
});
afterAll(() => officer.close());

describe('the officer’s queue, counts and statistics', () => {
  it('lists every organisation’s submitted applications, sorts by the requested amount and exports the filtered list', async () => {
    const page = officer.page;
    await page.locator('.ant-menu-item').filter({ hasText: /^申报书$/ }).click();
    await pageTitle(page, '申报书').waitFor();
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(2);
    await noSidewaysScroll(page);
    await shot(page, 'application-queue-officer');

    // Filters go to the server: the organisation search and the guideline item, together.
    await page.getByText(/^展开$/).click();
    await page.getByLabel('申报单位', { exact: true }).fill('甬创');
    await page.getByLabel('所属条目', { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: 'BL-2026-02' }).first().click();
    const [filtered] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/applications?')), page.getByRole('button', { name: /查\s*询/ }).click()]);
    const url = new URL(filtered.url());
    expect([url.searchParams.get('organisation'), url.searchParams.get('guidelineItemCode')]).toEqual(['甬创', 'BL-2026-02']);
    // The demo's review batches add 甬创 applications on the same item: compare with the server's own count.
    const expected = (await (await page.request.get('/api/applications?organisation=%E7%94%AC%E5%88%9B&guidelineItemCode=BL-2026-02&pageSize=1')).json()) as { total: number };
    expect(expected.total).toBeGreaterThanOrEqual(2);
    expect((await filtered.json()).total).toBe(expected.total);

    const [sorted] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/applications?') && r.url().includes('sort=requestedFiscal')),
      page.locator('.ant-table-thead th').filter({ hasText: '财政经费' }).click(),
    ]);
    expect(sorted.status()).toBe(200);
    await expect.poll(() => rows(page).first().innerText()).toContain('50万元');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe('申报书列表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('申报编号');
    // Ascending by amount, as on screen: the 50万 application first.
    expect(sheet.getRow(2).getCell(10).value).toBe(50);
  });

  it('待我处理 keeps only what awaits the officer (nothing yet: both still wait for the unit admin)', async () => {
    const page = officer.page;
    await Promise.all([page.waitForResponse((r) => r.url().includes('waitingForMe=true')), page.getByRole('switch', { name: '只看待我处理' }).click()]);
    await page.locator('.ant-table-placeholder').waitFor();
    await page.getByRole('switch', { name: '只看待我处理' }).click();
  });

  it('条目申报数 flags the items with fewer than 2 submitted applications (NB-13)', async () => {
    const page = officer.page;
    await page.locator('.ant-menu-item').filter({ hasText: /^条目申报数$/ }).click();
    await pageTitle(page, '条目申报数').waitFor();
    // The page opens on the first published call; another spec may have published a newer one, so name the demo call.
    await page.goto(`/applications/counts?callId=${await callIdOf(page)}`);
    await pageTitle(page, '条目申报数').waitFor();
    await rows(page).filter({ hasText: 'BL-2026-02' }).waitFor();
    await expect.poll(() => rows(page).filter({ hasText: 'BL-2026-02' }).innerText()).toContain('有竞争');
    expect(await rows(page).filter({ hasText: 'BL-2026-01' }).innerText()).toContain('不足2项');
    await noSidewaysScroll(page);
    await shot(page, 'application-counts');
    // A count opens the queue filtered to it. Other specs and the 演示 applications share this call, so the
    // number on the page is whatever the server counts now, not a constant.
    const submitted = await page.evaluate(async (callId) => {
      const r = (await (await fetch(`/api/applications/counts?callId=${callId}`)).json()) as { items: { code: string; byState: { submitted: number } }[] };
      return r.items.find((i) => i.code === 'BL-2026-02')!.byState.submitted;
    }, await callIdOf(page));
    expect(submitted).toBeGreaterThanOrEqual(2);
    const row = rows(page).filter({ hasText: 'BL-2026-02' });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/applications?') && r.url().includes('guidelineItemCode=BL-2026-02') && r.url().includes('state=submitted')),
      row.locator(`a[href*="state=submitted"]`).filter({ hasText: new RegExp(`^${submitted}$`) }).first().click(),
    ]);
    expect((await res.json()).total).toBe(submitted);
    await pageTitle(page, '申报书').waitFor();
  });

  it('申报统计 draws category, field, organisation type and region charts', async () => {
    const page = officer.page;
    await page.locator('.ant-menu-item').filter({ hasText: /^申报统计$/ }).click();
    await pageTitle(page, '申报统计').waitFor();
    // The page opens on the first published call; another spec may have published a newer one, so name the demo call.
    await page.goto(`/applications/statistics?callId=${await callIdOf(page)}`);
    await pageTitle(page, '申报统计').waitFor();
    await page.getByRole('img', { name: /^按类别/ }).waitFor();
    const chain = await page.evaluate(async (callId) => {
      const r = (await (await fetch(`/api/applications/statistics?callId=${callId}`)).json()) as { byCategory: { key: string; count: number }[] };
      return r.byCategory.find((b) => b.key === 'chain')!.count;
    }, await callIdOf(page));
    expect(chain).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('img', { name: /^按类别/ }).getAttribute('aria-label')).toContain(`强链类${chain}项`);
    await expect.poll(() => page.locator('canvas').count()).toBe(4);
    await noSidewaysScroll(page);
    await shot(page, 'application-statistics');
    await expectNoBrowserErrors(officer);
  });
});

describe('the unit admin’s queue', () => {
  it('待我处理 shows its organisation’s applications awaiting endorsement, each marked, and the next step', async () => {
    const admin = await openBrowser();
    try {
      const page = admin.page;
      await page.setViewportSize(VIEWPORT);
      await signIn(page, 'unitadmin');
      await page.waitForURL((u) => u.pathname === '/');
      await page.locator('.ant-menu-item').filter({ hasText: /^申报书$/ }).click();
      await pageTitle(page, '申报书').waitFor();
      await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(3);
      await Promise.all([page.waitForResponse((r) => r.url().includes('waitingForMe=true')), page.getByRole('switch', { name: '只看待我处理' }).click()]);
      await expect.poll(async () => (await rows(page).allInnerTexts()).every((t) => t.includes('待我处理'))).toBe(true);
      expect(await rows(page).filter({ hasText: '等待单位管理员审核' }).count()).toBe(2);
      await noSidewaysScroll(page);
      await shot(page, 'application-queue-unitadmin');
      await expectNoBrowserErrors(admin);
    } finally {
      await admin.close();
    }
  });
});
