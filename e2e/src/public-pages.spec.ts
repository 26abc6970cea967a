/**
 * The public pages as an anonymous visitor sees them: no error in the console (not even the 401 of a
 * "who is signed in?" check), a 404 page for an unknown address instead of the login page, and usable at
 * phone width (390 × 844) without sideways scrolling. Officer pages at phone width: read-only ones work,
 * editing ones say they need a wider screen, none push the page wider than the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, checkAccessibility, openBrowser, screenshot, signIn } from './browser.js';

let b: Browser;
/** Every console error and uncaught error, including failed requests (openBrowser's own list ignores 4xx). */
const raw: string[] = [];
beforeAll(async () => {
  b = await openBrowser();
  b.page.on('console', (m) => {
    if (m.type() === 'error') raw.push(`console on ${b.page.url()}: ${m.text()}`);
  });
  b.page.on('pageerror', (e) => raw.push(`pageerror on ${b.page.url()}: ${e.message}`));
});
afterAll(() => b.close());

const overflow = (page: Page) => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

async function publicCallId(page: Page): Promise<string> {
  const res = (await (await page.request.get('/api/public/calls')).json()) as { items: { id: string }[] };
  expect(res.items.length).toBeGreaterThan(0);
  return res.items[0]!.id;
}

/** Opens a page and waits for what shows it has rendered. */
async function visit(page: Page, url: string, ready: string) {
  await page.goto(url);
  await (ready.startsWith('testid:') ? page.getByTestId(ready.slice(7)) : page.getByText(ready)).first().waitFor();
  await page.waitForLoadState('networkidle');
}

const PUBLIC = (id: string): [string, string][] => [
  ['/public/calls', '申报指南公告'],
  [`/public/calls/${id}`, 'testid:call-countdown'],
  ['/calculator', '开始测算'],
  ['/login', '账号登录'],
  ['/register', '注册申报单位'],
  ['/no-such-page', '您访问的页面不存在'],
];

describe('an anonymous visitor', () => {
  it('sees no console error or uncaught error on any public page, and a 404 (not the login page) for an unknown address', async () => {
    const page = b.page;
    const id = await publicCallId(page);
    for (const [url, ready] of PUBLIC(id)) {
      await visit(page, url, ready);
      await checkAccessibility(page);
    }
    expect(new URL(page.url()).pathname).toBe('/no-such-page');
    await page.getByRole('button', { name: /查看申报指南公告/ }).waitFor();
    await screenshot(page, 'public-404');
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(200);
    expect(await me.json()).toEqual({ user: null });
    expect(raw, raw.join('\n')).toEqual([]);
    expect(b.errors, b.errors.join('\n')).toEqual([]);
  });

  it('uses every public page at phone width (390 × 844) without sideways scrolling', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 390, height: 844 });
    const id = await publicCallId(page);
    for (const [url, ready] of PUBLIC(id)) {
      await visit(page, url, ready);
      expect(await overflow(page), `${url} is wider than the phone`).toBeLessThanOrEqual(0);
      await screenshot(page, `phone${url.replace(/\/[0-9a-f-]{36}/, '/id').replace(/\//g, '-')}`);
    }
    // The list folds its columns into the name: the title is whole, the deadline beside it.
    await visit(page, '/public/calls', '申报指南公告');
    const first = page.locator('.ant-table-row').first();
    expect(await first.innerText()).toContain('截止');
    expect(raw, raw.join('\n')).toEqual([]);
  });
});

describe('an officer at phone width', () => {
  it('reads lists and details, and is told that editing pages need a wider screen; no page is wider than the screen', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'officer');
    await page.waitForURL((u) => u.pathname === '/');
    const callId = await publicCallId(page);
    for (const [url, ready] of [
      ['/', '待办事项'],
      ['/calls', '起草、发布和管理申报指南'],
      [`/calls/${callId}`, 'testid:call-countdown'],
    ] as const) {
      await visit(page, url, ready);
      expect(await overflow(page), `${url} is wider than the phone`).toBeLessThanOrEqual(0);
      expect(await page.getByText('请在电脑或平板横屏上操作').count()).toBe(0);
      await screenshot(page, `phone-officer${url.replace(/\/[0-9a-f-]{36}/, '/id').replace(/\//g, '-')}`);
    }
    for (const url of ['/calls/new', '/programmes/beilun-kct']) {
      await visit(page, url, '请在电脑或平板横屏上操作');
      expect(await overflow(page), `${url} is wider than the phone`).toBeLessThanOrEqual(0);
      await screenshot(page, `phone-officer${url.replace(/\//g, '-')}`);
    }
    expect(raw, raw.join('\n')).toEqual([]);
  });

  it('an empty 退回 comment is refused by the form, with no uncaught error', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/monitoring/review');
    const back = page.getByRole('button', { name: /^退\s*回$/ }).first();
    await back.waitFor();
    await back.click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '退回意见' });
    await dialog.waitFor();
    let returned = false;
    page.on('request', (r) => {
      if (r.url().endsWith('/return')) returned = true;
    });
    await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
    await dialog.getByText('退回须填写意见').waitFor();
    expect(returned).toBe(false);
    expect(raw, raw.join('\n')).toEqual([]);
  });
});
