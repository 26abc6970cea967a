import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, login, openBrowser, pageTitle, shot } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(() => b.close());

const loginAlert = (page: Page) => page.locator('.ant-alert[role="alert"]');

/** A sign-in that must fail: returns the problem code the server answered with. */
async function failedLogin(page: Page, username: string, password: string): Promise<string> {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), login(page, username, password)]);
  expect(res.ok()).toBe(false);
  const { code } = (await res.json()) as { code: string };
  await loginAlert(page).waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
  return code;
}

/** Signs in through the form; a refusal (e.g. RATE_LIMITED: too many sign-ins across the specs) fails here, saying why. */
async function signIn(page: Page, username: string) {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), login(page, username)]);
  expect(res.status(), `sign-in as ${username}: ${await res.text()}`).toBe(200);
}

/** 退出登录 from the avatar menu, confirmed in the dialog. */
async function logOut(page: Page) {
  await page.locator('[class*="header-actions-avatar"]').hover();
  await page.getByRole('menuitem', { name: /退出登录/ }).click();
  const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '确定退出登录吗？' });
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/logout')),
    confirm.getByRole('button', { name: '退出登录' }).click(),
  ]);
  await page.waitForURL((u) => u.pathname === '/login');
}

describe('sign-in failures, lockout, unlock and sign-out', () => {
  it('a wrong password is refused in the login form', async () => {
    const page = b.page;
    expect(await failedLogin(b.page, 'department', 'Wrong#Pass1')).toBe('INVALID_CREDENTIALS');
    expect(await loginAlert(page).innerText()).toContain('用户名或密码错误');
    // The password box is emptied for the next try; the username stays.
    expect(await page.getByPlaceholder(/密码/).inputValue()).toBe('');
    await shot(page, 'login-wrong-password');
    await expectNoBrowserErrors(b);
  });

  it('the fifth wrong password in a row locks the account until a stated time', async () => {
    const page = b.page;
    for (let i = 2; i <= 4; i++) expect(await failedLogin(page, 'department', `Wrong#Pass${i}`)).toBe('INVALID_CREDENTIALS');
    expect(await failedLogin(page, 'department', 'Wrong#Pass5')).toBe('ACCOUNT_LOCKED');
    const text = await loginAlert(page).innerText();
    expect(text).toContain('账号已被锁定');
    expect(text).toMatch(/锁定.*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(text).toContain('联系系统管理员提前解锁');
    await shot(page, 'login-account-locked');
    await expectNoBrowserErrors(b);
  });

  it('the system administrator unlocks the account from 用户管理', async () => {
    const page = b.page;
    await signIn(page, 'sysadmin');
    await page.waitForURL((u) => u.pathname === '/');
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/users'),
      page.getByRole('link', { name: '用户管理' }).click(),
    ]);
    await pageTitle(page, '用户管理').waitFor();
    await page.getByLabel('关键词').fill('department');
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/users' && new URL(r.url()).searchParams.get('q') === 'department'),
      page.getByRole('button', { name: /查\s*询/ }).click(),
    ]);
    const row = page.locator('.ant-table-row').filter({ hasText: 'department' });
    await row.getByText('已锁定').waitFor();
    await shot(page, 'users-department-locked');

    await row.getByText('解锁', { exact: true }).click();
    const [unlocked] = await Promise.all([
      page.waitForResponse((r) => /\/api\/users\/[^/]+\/unlock$/.test(new URL(r.url()).pathname)),
      page.locator('.ant-popconfirm').filter({ hasText: '郑处长（department）' }).getByRole('button', { name: /解\s*锁/ }).click(),
    ]);
    expect(unlocked.status()).toBe(200);
    await page.getByText(/已解除 郑处长（department）\s*的锁定/).waitFor();
    await row.getByText('已锁定').waitFor({ state: 'detached' });
    expect(await row.getByText('解锁', { exact: true }).count()).toBe(0);
    await shot(page, 'users-department-unlocked');

    await logOut(page);
    await expectNoBrowserErrors(b);
  });

  it('the unlocked user signs in again, logs out from the avatar menu, and is then kept out', async () => {
    const page = b.page;
    await signIn(page, 'department');
    await page.waitForURL((u) => u.pathname === '/');
    await pageTitle(page, '工作台').waitFor();
    await page.getByText('郑处长').first().waitFor();
    await shot(page, 'department-home-after-unlock');

    await page.locator('[class*="header-actions-avatar"]').hover();
    await page.getByRole('menuitem', { name: /退出登录/ }).waitFor();
    await shot(page, 'avatar-menu');
    await logOut(page);
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
    await shot(page, 'logged-out');

    await page.goto('/users');
    await page.waitForURL((u) => u.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/users');
    await page.getByText('请先登录，登录后将返回您刚才访问的页面。').waitFor();
    await shot(page, 'users-redirects-to-login');
    await expectNoBrowserErrors(b);
  });
});
