/**
 * A session that ends while a person is typing: warned before the idle timeout, told 登录已超时 (not 请先登录)
 * when it has ended, and given the unsaved input back after signing in again.
 */
import { request as playwrightRequest, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, DEMO_PASSWORD, expectNoBrowserErrors, openBrowser, shot, signIn } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(() => b.close());

interface Reporting {
  period: string;
  indicators: { period: string; indicator: { id: string; name: string }; report: { value: string; state: string } | null }[];
}

/** Ends the browser's session on the server (as an administrator's forced sign-out or a deleted session row would), leaving its cookie in place. */
async function endSessionOnServer(page: Page) {
  const session = (await page.context().cookies()).find((c) => c.name === 'kc_session');
  expect(session).toBeDefined();
  const other = await playwrightRequest.newContext({ baseURL: inject('baseURL'), storageState: { cookies: [session!], origins: [] } });
  const { token } = (await (await other.get('/api/auth/csrf')).json()) as { token: string };
  expect((await other.post('/api/auth/logout', { headers: { 'x-csrf-token': token } })).status()).toBe(204);
  await other.dispose();
}

/** Fills the login form on the page we were sent to (keeping its redirect) and signs in. */
async function signInHere(page: Page, username: string) {
  await page.getByPlaceholder(/用户名/).fill(username);
  await page.getByPlaceholder(/密码/).fill(DEMO_PASSWORD);
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), page.getByRole('button', { name: /^登\s*录$/ }).click()]);
  expect(res.status(), await res.text()).toBe(200);
}

describe('the monthly report keeps what was typed when the session ends', () => {
  it('保存 after the session ended says 登录已超时; after signing in the value is offered back and saved', async () => {
    const page = b.page;
    await signIn(page, 'department');
    await page.goto('/monitoring/report');
    const sheet = (await (await page.request.get('/api/monitoring/reporting')).json()) as Reporting;
    // An indicator open for entry (an accepted one takes a correction), from the end of the list: other specs edit the first ones.
    const row = [...sheet.indicators].reverse().find((x) => !x.report || ['draft', 'returned', 'accepted'].includes(x.report.state));
    expect(row).toBeDefined();
    const name = row!.indicator.name;
    const value = String(100 + (Date.now() % 800));
    const input = page.getByLabel(`${name}本期值`);
    await input.fill(value);

    await endSessionOnServer(page);
    const save = page.locator('tr', { hasText: name }).first().getByRole('button', { name: /保\s*存/ });
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().includes('/reporting/indicators/') && r.request().method() === 'PUT'), save.click()]);
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'SESSION_EXPIRED', title: '登录已超时' });
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('expired') === '1');
    await page.getByText('登录已超时').waitFor();
    expect(await page.getByText('请先登录').count()).toBe(0);
    await shot(page, 'session-expired-login');

    await signInHere(page, 'department');
    await page.waitForURL((u) => u.pathname === '/monitoring/report');
    const offer = page.locator('.ant-modal-confirm').filter({ hasText: '恢复未保存的内容' });
    await offer.waitFor();
    await shot(page, 'session-expired-restore-offer');
    await offer.getByRole('button', { name: /恢\s*复/ }).click();
    await offer.waitFor({ state: 'hidden' });
    expect(await input.inputValue()).toBe(value);

    const [saved] = await Promise.all([page.waitForResponse((r) => r.url().includes('/reporting/indicators/') && r.request().method() === 'PUT'), save.click()]);
    expect(saved.status(), await saved.text()).toBe(200);
    const again = (await (await page.request.get(`/api/monitoring/reporting?period=${sheet.period}`)).json()) as Reporting;
    expect(again.indicators.find((x) => x.indicator.id === row!.indicator.id)?.report?.value).toBe(value);

    // Restored once: a reload does not offer it again.
    await page.reload();
    await input.waitFor();
    expect(await page.locator('.ant-modal-confirm').filter({ hasText: '恢复未保存的内容' }).count()).toBe(0);
    await expectNoBrowserErrors(b);
  });
});

describe('the idle countdown', () => {
  it('warns before the idle timeout with 继续登录状态, and says 登录已超时 when it has passed', async () => {
    const c = await openBrowser();
    try {
      const page = c.page;
      await page.clock.install();
      // API answers in flight, so the clock only jumps once the page has heard every answer it asked for.
      let inFlight = 0;
      const isApi = (r: { url(): string }) => new URL(r.url()).pathname.startsWith('/api/');
      page.on('request', (r) => void (isApi(r) && inFlight++));
      page.on('requestfinished', (r) => void (isApi(r) && inFlight--));
      page.on('requestfailed', (r) => void (isApi(r) && inFlight--));
      const settled = async () => {
        for (let quiet = 0; quiet < 3; ) {
          await new Promise((resolve) => setTimeout(resolve, 150));
          quiet = inFlight === 0 ? quiet + 1 : 0;
        }
      };
      await signIn(page, 'department');
      await page.waitForURL((u) => u.pathname === '/');
      // The countdown starts from the first signed-in answer's x-session-expires-at.
      await page.waitForFunction(() => localStorage.getItem('kc.session.expiresAt'));
      // Every signed-in answer moves the end (activity keeps a session alive): an answer still in flight when the
      // clock jumps would count as activity after the jump. Let the home page finish loading first.
      await settled();
      // Demo policy: 30 minutes idle, warned 2 minutes ahead.
      await page.clock.fastForward('28:30');
      const warning = page.locator('.ant-modal').filter({ hasText: '登录即将超时' });
      await warning.waitFor();
      expect(await page.getByTestId('session-countdown').innerText()).toMatch(/^1:[0-5]\d$/);
      await shot(page, 'session-idle-warning');
      const [me] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/me')), warning.getByRole('button', { name: '继续登录状态' }).click()]);
      expect(me.status()).toBe(200);
      expect(me.headers()['x-session-expires-at']).toBeTruthy();
      await settled();

      await page.clock.fastForward('31:00');
      const ended = page.locator('.ant-modal').filter({ hasText: '登录已超时' });
      await ended.waitFor();
      await ended.getByRole('button', { name: /重新登录/ }).click();
      await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('expired') === '1');
      await expectNoBrowserErrors(c);
    } finally {
      await c.close();
    }
  });
});
