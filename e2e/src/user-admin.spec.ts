import fs from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, menuItems, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  // One sign-in for the whole file: the login rate limit is shared by every spec.
  await signIn(b.page, 'sysadmin');
  await b.page.waitForURL((u) => u.pathname === '/');
});
afterAll(() => b.close());

const isUserList = (r: Response, test: (q: URLSearchParams) => boolean = () => true) => {
  const u = new URL(r.url());
  return u.pathname === '/api/users' && r.request().method() === 'GET' && test(u.searchParams);
};
interface UserPage {
  items: { username: string; roles: string[] }[];
  total: number;
}

/** 新建用户 through the modal; returns the one-time temporary password the page shows. */
async function createUser(page: Page, username: string, name: string, roleLabel: string): Promise<string> {
  await page.getByRole('button', { name: '新建用户' }).click();
  const modal = page.locator('.ant-modal').filter({ hasText: '新建用户' });
  await modal.getByLabel('用户名', { exact: true }).fill(username);
  await modal.getByLabel('姓名', { exact: true }).fill(name);
  // The role must show as chosen before the form is sent; a click that lands while the dropdown is still opening
  // (a loaded machine) is lost, so open and choose again until the choice shows — at most three times.
  const chosen = modal.locator('.ant-select-selection-item').filter({ hasText: roleLabel }).first();
  for (let attempt = 1; ; attempt++) {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await modal.getByLabel('角色', { exact: true }).click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: roleLabel }).first();
    // A multi-select toggles: never click an option that a slow first click already selected.
    if (!(await option.getAttribute('class'))?.includes('ant-select-item-option-selected')) await option.click();
    if (await chosen.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
    if (attempt === 3) throw new Error(`role ${roleLabel} was not chosen after three tries`);
  }
  await modal.locator('.ant-modal-title').click(); // close the multi-select's dropdown
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/users' && r.request().method() === 'POST'),
    modal.getByRole('button', { name: /创\s*建/ }).click(),
  ]);
  expect(res.status()).toBe(201);
  const secret = page.locator('.ant-modal').filter({ hasText: '用户已创建' });
  await secret.waitFor();
  const password = await secret.getByLabel('临时密码').inputValue();
  expect(password.length).toBeGreaterThanOrEqual(8);
  expect(((await res.json()) as { temporaryPassword: string }).temporaryPassword).toBe(password);
  return password;
}

describe('the system administrator manages users', () => {
  it('lists users with server paging, filters by role and exports the filtered list as Excel', async () => {
    const page = b.page;
    const [first] = await Promise.all([page.waitForResponse((r) => isUserList(r)), page.getByRole('link', { name: '用户管理' }).click()]);
    await pageTitle(page, '用户管理').waitFor();
    expect(new URL(first.url()).searchParams.get('pageSize')).toBe('20');
    let total = ((await first.json()) as UserPage).total;
    // More than one page of ten for sure, whatever ran before: add accounts of our own (two on a fresh database).
    for (let n = 1; total <= 10; n++) {
      await createUser(page, `e2eexpert${n}`, `端到端专家${n}`, '评审专家');
      await page.getByRole('button', { name: '我已妥善保存' }).click();
      total += 1;
    }
    await rows(page).first().waitFor();
    await page.getByText(`共 ${total} 条`).first().waitFor();
    expect(await rows(page).count()).toBe(Math.min(total, 20));
    await shot(page, 'users-list');

    // Ten per page, then the second page: each a server request with its own page and size.
    await page.locator('.ant-pagination-options .ant-select').click();
    await Promise.all([
      page.waitForResponse((r) => isUserList(r, (q) => q.get('pageSize') === '10' && q.get('page') === '1')),
      page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '10 条/页' }).click(),
    ]);
    await page.getByText(`第 1-10 条/总共 ${total} 条`).waitFor();
    expect(await rows(page).count()).toBe(10);
    const page1 = await rows(page).locator('td:first-child').allInnerTexts();
    const [second] = await Promise.all([
      page.waitForResponse((r) => isUserList(r, (q) => q.get('page') === '2' && q.get('pageSize') === '10')),
      page.locator('.ant-pagination-item-2').click(),
    ]);
    const secondItems = ((await second.json()) as UserPage).items;
    await page.getByText(`第 11-${Math.min(total, 20)} 条/总共 ${total} 条`).waitFor();
    expect(await rows(page).count()).toBe(Math.min(total - 10, 10));
    const page2 = await rows(page).locator('td:first-child').allInnerTexts();
    expect(page2.map((s) => s.trim())).toEqual(secondItems.map((u) => u.username));
    expect(page2.filter((u) => page1.includes(u))).toEqual([]);
    await shot(page, 'users-list-page-2');

    // Filter by role: the request carries it and every row shown has that role.
    await page.locator('.ant-pro-query-filter').getByLabel('角色', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '科技局经办人' }).click();
    const [filtered] = await Promise.all([
      page.waitForResponse((r) => isUserList(r, (q) => q.get('role') === 'officer')),
      page.getByRole('button', { name: /查\s*询/ }).click(),
    ]);
    const officers = ((await filtered.json()) as UserPage).items;
    expect(officers.length).toBeGreaterThan(0);
    expect(officers.every((u) => u.roles.includes('officer'))).toBe(true);
    await expect.poll(() => rows(page).count()).toBe(officers.length);
    for (const text of await rows(page).allInnerTexts()) expect(text).toContain('科技局经办人');
    await rows(page).filter({ hasText: 'officer' }).first().waitFor();
    await shot(page, 'users-filtered-officer');

    // 导出Excel repeats the filter without paging and downloads an .xlsx.
    const [download, exported] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/users/export'),
      page.getByRole('button', { name: '导出Excel' }).click(),
    ]);
    expect(exported.status()).toBe(200);
    expect(new URL(exported.url()).searchParams.get('role')).toBe('officer');
    expect(new URL(exported.url()).searchParams.has('page')).toBe(false);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK'); // an OOXML zip
    await expectNoBrowserErrors(b);
  });

  it('sees the security policy read-only', async () => {
    const page = b.page;
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/security/policy'),
      page.getByRole('link', { name: '安全策略（只读）' }).click(),
    ]);
    await pageTitle(page, '安全策略').waitFor();
    await page.getByText('按三员分立要求，安全策略由安全管理员维护，系统管理员只能查看。').waitFor();
    const minLength = page.locator('.ant-descriptions-item-label, th').filter({ hasText: '密码最小长度' }).first();
    await minLength.waitFor();
    expect(await page.locator('input').count()).toBe(0);
    expect(await page.getByRole('button', { name: /保\s*存/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '恢复等保三级默认值' }).count()).toBe(0);
    await shot(page, 'security-policy-read-only-sysadmin');
    await expectNoBrowserErrors(b);
  });

  it('creates an officer whose one-time password must be changed at first sign-in', async () => {
    const page = b.page;
    await Promise.all([page.waitForResponse((r) => isUserList(r)), page.getByRole('link', { name: '用户管理' }).click()]);
    const tempPassword = await createUser(page, 'e2eofficer', '端到端经办', '科技局经办人');
    await shot(page, 'users-created-temporary-password');
    await page.getByRole('button', { name: '我已妥善保存' }).click();
    await page.locator('.ant-modal').filter({ hasText: '用户已创建' }).waitFor({ state: 'hidden' });
    const row = rows(page).filter({ hasText: 'e2eofficer' });
    await row.waitFor();
    expect(await row.innerText()).toContain('待改密');
    // Shown once: nothing on the page holds the password any more.
    expect(await page.content()).not.toContain(tempPassword);

    // The new user, in a session of their own.
    const admin = await b.context.cookies();
    await b.context.clearCookies();
    await signIn(page, 'e2eofficer', tempPassword);
    await page.waitForURL((u) => u.pathname === '/account/password');
    await page.getByText('请先修改密码').waitFor();
    expect(await menuItems(page)).toEqual(['修改密码']);
    await shot(page, 'first-login-must-change-password');
    // Every other page sends them back here.
    await page.goto('/organisations');
    await page.waitForURL((u) => u.pathname === '/account/password');

    const newPassword = 'Officer#E2e2026';
    await page.getByLabel('当前密码').fill(tempPassword);
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码').fill(newPassword);
    const [changed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/password')),
      page.getByRole('button', { name: '确认修改' }).click(),
    ]);
    expect(changed.status()).toBe(204);
    await page.waitForURL((u) => u.pathname === '/');
    await pageTitle(page, '工作台').waitFor();
    await page.getByText('端到端经办').first().waitFor();
    // The officer's own menu now (other modules may add entries), without the forced-change-only view.
    const menu = await menuItems(page);
    expect(menu).toEqual(expect.arrayContaining(['首页', '单位列表']));
    expect(menu).not.toContain('修改密码');
    await shot(page, 'first-login-password-changed-home');

    // Back as the administrator: the account no longer awaits a password change.
    await b.context.clearCookies();
    await b.context.addCookies(admin);
    await page.goto('/users?q=e2eofficer');
    const updated = rows(page).filter({ hasText: 'e2eofficer' });
    await updated.waitFor();
    expect(await updated.innerText()).not.toContain('待改密');
    expect(await updated.innerText()).not.toContain('从未登录');
    await expectNoBrowserErrors(b);
  });
});
