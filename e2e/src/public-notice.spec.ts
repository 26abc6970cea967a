/**
 * The public notice (社会公示, BL-8) as the public and the officer see it: the list and a notice at desktop width
 * and at 390 px without sideways scrolling, the countdown in Asia/Shanghai days, an objection written and
 * submitted with the keyboard alone (Chinese validation first), then the officer's 社会公示 tab with the
 * objection and its objector, and the holiday calendar editor. Runs on a server of its own whose database is
 * prepared with a published notice (notice-fixture.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, shot, signIn } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

const root = path.resolve(import.meta.dirname, '../..');
let server: OwnServer;
let b: Browser;

function prepare(_dataDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'e2e/src/notice-fixture.ts')], { cwd: root, env });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`notice fixture failed (${code}):\n${out}`))));
  });
}

beforeAll(async () => {
  server = await ownServer({ prepare });
  b = await openBrowser({ baseURL: server.baseURL });
});
afterAll(async () => {
  await b?.close();
  await server?.dispose();
});

const overflow = (page: Page) => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** The fixture's notice: the one whose period is open (demo data may add notices whose period has ended). */
async function noticeId(page: Page): Promise<string> {
  const res = (await (await page.request.get('/api/public/notices')).json()) as { items: { id: string; phase: string }[] };
  const open = res.items.filter((n) => n.phase === 'open');
  expect(open).toHaveLength(1);
  return open[0]!.id;
}

describe('public notice (BL-8)', () => {
  it('BL-8: shows the list and a notice with its period and countdown at desktop width', async () => {
    const page = b.page;
    await page.goto('/public/notices');
    await page.getByRole('link', { name: /拟立项项目公示/ }).first().waitFor();
    await shot(page, 'public-notices-desktop');
    await page.locator(`a[href="/public/notices/${await noticeId(page)}"]`).click();
    const countdown = page.getByTestId('notice-countdown');
    await countdown.waitFor();
    expect(await countdown.innerText()).toMatch(/公示期剩余\d+天（含今日，其中\d+个工作日）/);
    await page.getByText('80').first().waitFor();
    await shot(page, 'public-notice-desktop');
    await expectNoBrowserErrors(b);
  });

  it('fits 390 px: the list and the notice with its form, no sideways scrolling', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/public/notices');
    await page.getByRole('link', { name: /拟立项项目公示/ }).first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'public-notices-phone');
    await page.goto(`/public/notices/${await noticeId(page)}`);
    await page.getByTestId('notice-countdown').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'public-notice-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('an objection is validated in Chinese and submitted with the keyboard alone (Tab order, Enter submits)', async () => {
    const page = b.page;
    await page.goto(`/public/notices/${await noticeId(page)}`);
    const select = page.getByRole('combobox', { name: '异议针对的项目' });
    await select.waitFor();
    // Enter on an empty form: Chinese messages, nothing sent.
    await page.locator('#name').focus();
    await page.keyboard.press('Enter');
    await page.getByText('请选择异议针对的公示项目').waitFor();
    await page.getByText('请填写真实姓名').first().waitFor();
    await shot(page, 'public-notice-objection-errors');

    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('.ant-select-item-option-active').waitFor();
    await page.keyboard.press('Enter');
    // As a person would: the choice is shown and its error gone before moving on.
    await expect.poll(() => select.getAttribute('aria-expanded')).toBe('false');
    await page.getByText('请选择异议针对的公示项目').waitFor({ state: 'detached' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('name');
    await page.keyboard.type('演示异议人');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('contact');
    await page.keyboard.type('12345');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('text');
    await page.keyboard.type('（演示）反映该项目的研发投入数据与企业年报不一致，请予核查并公开说明情况。');
    await page.getByText('请填写有效的手机号、固定电话或电子邮箱').waitFor();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedId(page)).toBe('contact');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('objector@demo.example');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/objections') && r.request().method() === 'POST'), page.keyboard.press('Enter')]);
    expect(res.status(), await res.text()).toBe(201);
    await page.getByText('异议已收到').waitFor();
    await shot(page, 'public-notice-objection-received');
    await expectNoBrowserErrors(b);
  });

  it('the officer sees the objection with its objector on the 社会公示 tab, and edits the holiday calendar', async () => {
    const officer = await openBrowser({ baseURL: server.baseURL });
    try {
      const page = officer.page;
      await signIn(page, 'officer');
      const rounds = (await (await page.request.get('/api/review/rounds')).json()) as { items: { id: string; stage: string }[] };
      const roundId = rounds.items.find((r) => r.stage === 'notice')!.id;
      await page.goto(`/review/${roundId}?tab=notice`);
      await page.getByText('objector@demo.example').waitFor();
      await page.getByText('尚不能立项').waitFor();
      await shot(page, 'review-notice-tab');
      await page.getByRole('button', { name: /处\s*理/ }).first().click();
      await page.getByRole('dialog').getByText('处理结果').waitFor();
      await shot(page, 'review-notice-resolve-dialog');
      await page.keyboard.press('Escape');

      // The draft form as it is before anything is drafted (the round's notice answered as none): the end date
      // shows as soon as a start is chosen, computed by the domain from the holiday calendar.
      await page.route('**/api/review/rounds/*/notice', async (route) => {
        const res = await route.fetch();
        await route.fulfill({ response: res, json: { ...(await res.json()), notice: null, objections: [] } });
      });
      await page.goto(`/review/${roundId}?tab=notice`);
      const start = page.getByRole('textbox', { name: '公示开始日期' });
      await start.waitFor();
      await start.click();
      await page.keyboard.type('2026-12-24');
      // Tab, not Enter: Enter in the form would submit the draft.
      await page.keyboard.press('Tab');
      // Thursday 24 and Friday 25 December, then Monday 28 to Wednesday 30: five working days.
      await page.getByTestId('notice-preview').filter({ hasText: '公示期：2026-12-24 至 2026-12-30（5个工作日' }).waitFor();
      await shot(page, 'review-notice-draft-form');
      await page.unroute('**/api/review/rounds/*/notice');

      await page.goto('/working-calendar');
      await page.getByText('国务院办公厅关于2026年部分节假日安排的通知').first().waitFor();
      await shot(page, 'working-calendar');
      await expectNoBrowserErrors(officer);
    } finally {
      await officer.close();
    }
  });
});
