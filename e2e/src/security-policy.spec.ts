import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, shot, signIn } from './browser.js';

/** The 等保 level-3 profile, stated here independently of the code under test. */
const DEFAULTS: [label: string, value: string][] = [
  ['密码最小长度', '8'],
  ['至少包含的字符类别数（大写、小写、数字、符号）', '3'],
  ['密码有效期（天，0 为不过期）', '90'],
  ['不得重复使用最近几次密码', '5'],
  ['连续登录失败锁定次数', '5'],
  ['锁定时长（分钟）', '30'],
  ['会话空闲超时（分钟）', '30'],
  ['每个 IP 每分钟登录请求上限', '20'],
];

let b: Browser;
let secadmin: Awaited<ReturnType<Browser['context']['cookies']>>;
/** Set while the live policy differs from the defaults, so a failed run still restores them for the other specs. */
let changed = false;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b.page, 'secadmin');
  await b.page.waitForURL((u) => u.pathname === '/');
  secadmin = await b.context.cookies();
});
afterAll(async () => {
  if (changed) {
    await b.context.clearCookies();
    await b.context.addCookies(secadmin);
    const { token } = (await (await b.page.request.get('/api/auth/csrf')).json()) as { token: string };
    const policy = { minLength: 8, minCharClasses: 3, rejectWeakPasswords: true, expiryDays: 90, historyCount: 5, maxFailedLogins: 5, lockoutMinutes: 30, sessionIdleMinutes: 30, loginRateLimitPerMinute: 20 };
    await b.page.request.put('/api/security/policy', { data: policy, headers: { 'x-csrf-token': token } });
  }
  await b.close();
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const isPolicy = (method: string) => (r: { url(): string; request(): { method(): string } }) =>
  new URL(r.url()).pathname === '/api/security/policy' && r.request().method() === method;

async function openPolicy(page: Page) {
  await Promise.all([page.waitForResponse(isPolicy('GET')), page.getByRole('link', { name: /安全策略$/ }).click()]);
  await pageTitle(page, '安全策略').waitFor();
  await field(page, '密码最小长度').waitFor();
}

async function save(page: Page): Promise<{ policy: { minLength: number } }> {
  const [res] = await Promise.all([page.waitForResponse(isPolicy('PUT')), page.getByRole('button', { name: /保\s*存/ }).click()]);
  expect(res.status()).toBe(200);
  await page.getByText('安全策略已保存，新规则立即生效').last().waitFor();
  return (await res.json()) as { policy: { minLength: number } };
}

describe('the security administrator edits the password policy', () => {
  it('shows the 等保三级 defaults', async () => {
    const page = b.page;
    await openPolicy(page);
    for (const [label, value] of DEFAULTS) {
      expect(await field(page, label).inputValue(), label).toBe(value);
      await page.locator('.ant-form-item').filter({ has: field(page, label) }).getByText(`等保三级默认值：${value}`).waitFor();
    }
    expect(await field(page, '禁止使用弱口令').getAttribute('aria-checked')).toBe('true');
    await shot(page, 'security-policy-defaults');
    await expectNoBrowserErrors(b);
  });

  it('refuses every field past its bounds with a Chinese message (never `Too small: expected number to be >=5`), sending nothing', async () => {
    const page = b.page;
    let sent = false;
    const spy = (r: { url(): string; method(): string }) => {
      if (new URL(r.url()).pathname === '/api/security/policy' && r.method() === 'PUT') sent = true;
    };
    page.on('request', spy);
    const errors = page.locator('.ant-form-item-explain-error');
    for (const [value, expected] of [
      ['1', '不能小于5'],
      ['99999', '不能大于1440'],
    ] as const) {
      for (const [label] of DEFAULTS) await field(page, label).fill(value);
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-form-item').filter({ has: field(page, '会话空闲超时（分钟）') }).getByText(expected).waitFor();
      const texts = await errors.allInnerTexts();
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) {
        expect(t, t).toMatch(/[\u4e00-\u9fff]/);
        expect(t, t).not.toMatch(/[A-Za-z]{3,}/);
      }
      await shot(page, `security-policy-bounds-${value}`);
    }
    page.off('request', spy);
    expect(sent).toBe(false);
    // Nothing was saved: the page reloads with the defaults.
    await page.reload();
    await field(page, '会话空闲超时（分钟）').waitFor();
    expect(await field(page, '会话空闲超时（分钟）').inputValue()).toBe('30');
    await expectNoBrowserErrors(b);
  });

  it('raises the minimum length to 10, which the registration form then asks for', async () => {
    const page = b.page;
    await field(page, '密码最小长度').fill('10');
    changed = true;
    expect((await save(page)).policy.minLength).toBe(10);
    await shot(page, 'security-policy-saved');
    await page.reload();
    await field(page, '密码最小长度').waitFor();
    expect(await field(page, '密码最小长度').inputValue()).toBe('10');
    await page.getByText(/最近更新：\d{4}-.*，(secadmin|安全管理员)/).waitFor();

    // A visitor's registration form loads the live rules.
    await b.context.clearCookies();
    const [rules] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password-policy'),
      page.goto('/register'),
    ]);
    expect(((await rules.json()) as { minLength: number }).minLength).toBe(10);
    const hints = page.getByLabel('密码规则').first();
    await hints.getByText('长度至少 10 位').waitFor();
    expect(await hints.innerText()).not.toContain('长度至少 8 位');
    await page.getByLabel('密码', { exact: true }).fill('Abc#12345'); // nine characters: fine by the defaults, too short now
    await hints.locator('.ant-typography-danger').filter({ hasText: '长度至少 10 位' }).waitFor();
    await shot(page, 'register-password-hint-10');
    await expectNoBrowserErrors(b);
  });

  it('restores the 等保三级 defaults', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await b.context.addCookies(secadmin);
    await page.goto('/');
    await openPolicy(page);
    await page.getByRole('button', { name: '恢复等保三级默认值' }).click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '恢复等保三级默认值？' });
    await confirm.getByRole('button', { name: '填入默认值' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await field(page, '密码最小长度').inputValue()).toBe('8');
    expect((await save(page)).policy.minLength).toBe(8);
    changed = false;
    await page.reload();
    await field(page, '密码最小长度').waitFor();
    for (const [label, value] of DEFAULTS) expect(await field(page, label).inputValue(), label).toBe(value);
    await shot(page, 'security-policy-restored');
    await expectNoBrowserErrors(b);
  });
});
