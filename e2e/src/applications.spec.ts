import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b.page, 'applicant');
  await b.page.waitForURL((u) => u.pathname === '/');
});
afterAll(() => b.close());

async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await dropdown.waitFor({ state: 'hidden' });
}

describe('an applicant starts an application (我要申报) from the workbench list', () => {
  it('opens 申报书, creates a draft on a guideline item of the open demo call and sees it listed with its next step', async () => {
    const page = b.page;
    await page.locator('.ant-menu-item').filter({ hasText: /^申报书$/ }).click();
    await pageTitle(page, '申报书').waitFor();
    // Counted by the server, not the rows on screen: the table may still be loading, and other specs add applications.
    const total = () => page.evaluate(async () => ((await (await fetch('/api/applications?pageSize=1')).json()) as { total: number }).total);
    const before = await total();
    await page.getByRole('button', { name: /我要申报/ }).click();
    await choose(page, '申报指南', /北仑区关键核心技术攻关项目申报指南/);
    await choose(page, '指南条目', 'BL-2026-02');
    await choose(page, '项目类别', '强链类');
    await shot(page, 'applications-new');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/applications') && r.request().method() === 'POST'), page.getByRole('button', { name: /确\s*定/ }).click()]);
    expect(res.status(), await res.text()).toBe(201);
    const created = (await res.json()) as { applicationNo: string };
    const row = rows(page).filter({ hasText: created.applicationNo });
    await row.waitFor();
    expect(await total()).toBe(before + 1);
    await expect(row.innerText()).resolves.toMatch(/草稿[\s\S]*完善并提交/);
    await shot(page, 'applications-list');
    expectNoBrowserErrors(b);
  });

  it('from a call’s public page, 我要申报 opens the same form with the call chosen', async () => {
    const page = b.page;
    await page.goto('/public/calls');
    await page.getByText(/北仑区关键核心技术攻关项目申报指南/).first().click();
    await page.getByRole('button', { name: /我要申报/ }).click();
    await page.waitForURL((u) => u.pathname === '/applications' && u.searchParams.get('new') === '1');
    await page.locator('.ant-modal').getByText(/北仑区关键核心技术攻关项目申报指南/).filter({ visible: true }).first().waitFor();
    await choose(page, '指南条目', 'BL-2026-03');
    await choose(page, '项目类别', '育成类');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/applications') && r.request().method() === 'POST'), page.getByRole('button', { name: /确\s*定/ }).click()]);
    expect(res.status(), await res.text()).toBe(201);
    await rows(page).filter({ hasText: ((await res.json()) as { applicationNo: string }).applicationNo }).waitFor();
    await shot(page, 'applications-from-public-call');
    expectNoBrowserErrors(b);
  });
});
