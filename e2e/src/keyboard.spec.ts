/**
 * Registration, change of password and sign-in by keyboard alone: Tab goes from field to field in reading
 * order (never onto an input's ✖ or the show-password eye) and Enter submits.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../packages/domain/src/organisations/credit-code.js';
import { type Browser, expectNoBrowserErrors, openBrowser, shot } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(() => b.close());

const SUFFIX = Date.now().toString(36).slice(-5);
const USERNAME = `kb${SUFFIX}`;
const PASSWORD = 'Kb#Keyboard2026';
const NEW_PASSWORD = 'Kb#Changed2026x';
/** A valid 统一社会信用代码 unique to this run: 17 characters from the run, then the check character. */
const first17 = `91330206MA2${String(Date.now()).slice(-6)}`;
const CREDIT_CODE = `${first17}${creditCodeCheckChar(first17)}`;

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? `<${document.activeElement?.tagName}.${document.activeElement?.className}>`);

/** Types into the focused field (or picks the first option of a focused select), then presses Tab. */
async function typeAndTab(page: Page, expectedId: string, text: string | 'select') {
  expect(await focusedId(page)).toBe(expectedId);
  if (text === 'select') {
    await page.keyboard.press('ArrowDown');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').last().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' }).catch(() => undefined);
  } else {
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Tab');
}

describe('keyboard only', () => {
  it('registers an organisation: Tab from field to field, Enter in 确认密码 submits', async () => {
    const page = b.page;
    await page.goto('/register');
    await page.getByLabel('单位名称').focus();
    await typeAndTab(page, 'organisation_name', `宁波键盘测试科技有限公司${SUFFIX}`);
    await typeAndTab(page, 'organisation_creditCode', CREDIT_CODE);
    await typeAndTab(page, 'organisation_type', 'select');
    await typeAndTab(page, 'organisation_region', '浙江省宁波市北仑区');
    await typeAndTab(page, 'organisation_industry', 'select');
    await typeAndTab(page, 'organisation_address', '新碶街道明州路1号');
    await typeAndTab(page, 'organisation_contactName', '键盘');
    await typeAndTab(page, 'organisation_contactPhone', '0574-55550000');
    await typeAndTab(page, 'organisation_contactEmail', 'kb@example.cn');
    await typeAndTab(page, 'user_username', USERNAME);
    await typeAndTab(page, 'user_name', '键盘用户');
    await typeAndTab(page, 'user_phone', '');
    await typeAndTab(page, 'user_email', '');
    await typeAndTab(page, 'user_password', PASSWORD);
    expect(await focusedId(page)).toBe('confirmPassword');
    await page.keyboard.type(PASSWORD);
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/register')), page.keyboard.press('Enter')]);
    expect(res.status(), await res.text()).toBe(201);
    await page.waitForURL((u) => u.pathname === '/');
    await expectNoBrowserErrors(b);
  });

  it('changes the password: 当前密码, Tab, 新密码, Tab, 确认新密码, Enter', async () => {
    const page = b.page;
    await page.goto('/account/password');
    await page.getByLabel('当前密码').focus();
    await typeAndTab(page, 'currentPassword', PASSWORD);
    await typeAndTab(page, 'newPassword', NEW_PASSWORD);
    expect(await focusedId(page)).toBe('confirmNewPassword');
    await page.keyboard.type(NEW_PASSWORD);
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/password')), page.keyboard.press('Enter')]);
    expect(res.status()).toBe(204);
    await expectNoBrowserErrors(b);
  });

  it('signs in: the username field has focus, Tab reaches 密码 (not the ✖ of 用户名), Enter signs in', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await page.goto('/login');
    await page.getByPlaceholder('用户名').waitFor();
    await typeAndTab(page, 'username', USERNAME);
    expect(await focusedId(page)).toBe('password');
    await page.keyboard.type(NEW_PASSWORD);
    await shot(page, 'login-keyboard');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), page.keyboard.press('Enter')]);
    expect(res.status(), await res.text()).toBe(200);
    await page.waitForURL((u) => u.pathname === '/');
    await expectNoBrowserErrors(b);
  });
});
