/**
 * Annual progress reports (年度进展报告, BL-10) in the browser: the undertaker fills in an open report with the
 * keyboard (Chinese validation first) and submits it; the officer finds it on 进度报告 and accepts it; a report
 * whose window passed is locked, and the officer reopens it with a reason and a new closing date (timeline).
 * Runs on a server of its own: its prepare hook moves two demo projects' start dates back by SQL so that a
 * reporting year has ended (e2e/fixtures/report-windows.ts) — the demo data never backdates.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn, type Browser } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

const root = path.resolve(import.meta.dirname, '../..');
let server: OwnServer;
let b: Browser;
let ids: { open: string; locked: string; username: string };

beforeAll(async () => {
  server = await ownServer({
    prepare: async (_dataDir, env) => {
      const out = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'e2e/fixtures/report-windows.ts')], { cwd: root, env, maxBuffer: 8 << 20 });
      ids = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as typeof ids;
    },
  });
  b = await openBrowser({ baseURL: server.baseURL });
}, 300_000);
afterAll(async () => {
  await b?.close();
  await server?.dispose();
});

const overflow = () => b.page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

describe('progress reports', () => {
  it('BL-10: the undertaker sees the schedule, is told what is missing in Chinese, fills the report with the keyboard and submits it', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    await signIn(page, ids.username);
    await page.goto(`/projects/${ids.open}?tab=reports`);
    const row = rows(page).filter({ hasText: '第1年度' });
    await row.getByText('填报中').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'project-reports-schedule');
    await row.getByRole('button', { name: /填写第1年度进展报告/ }).click();
    const progress = page.getByLabel('年度进展情况');
    await progress.waitFor();

    // Submit with nothing filled in: the form says what is missing, nothing is sent.
    await page.getByRole('button', { name: /提交报告/ }).click();
    await page.getByText('请填写年度进展情况').waitFor();
    await page.getByText('请填写下一步工作计划').waitFor();
    await shot(page, 'project-reports-form-errors');

    await progress.focus();
    await page.keyboard.type('演示：完成仿真平台建设与样模设计定型，关键工艺完成两轮验证。');
    const currents = page.getByLabel(/当前值$/);
    const n = await currents.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      await currents.nth(i).focus();
      await page.keyboard.type(String(60 + i));
      await page.keyboard.press('Tab');
      await page.keyboard.type('演示：阶段测试值');
    }
    for (const [label, wan] of [['市级财政资金支出（万元）', '0'], ['区级财政资金支出（万元）', '0'], ['自筹资金支出（万元）', '35.5'], ['其他资金支出（万元）', '0']] as const) {
      await page.getByLabel(label).focus();
      await page.keyboard.type(wan);
    }
    await page.getByLabel('存在的问题').focus();
    await page.keyboard.type('演示：部分进口材料到货延迟。');
    await page.getByLabel('下一步工作计划').focus();
    await page.keyboard.type('演示：开展样模试制与第三方检测。');
    await page.getByRole('button', { name: /保存草稿/ }).focus();
    const [saved] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/reports/')), page.keyboard.press('Enter')]);
    expect(saved.status()).toBe(200);
    await page.getByRole('button', { name: /提交报告/ }).focus();
    const [submitted] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/submit')), page.keyboard.press('Enter')]);
    expect(submitted.status(), await submitted.text()).toBe(200);
    await row.getByText('待审核').waitFor();
    await page.getByText('35.5万元').waitFor();
    await shot(page, 'project-reports-submitted');
    await expectNoBrowserErrors(b);
  });

  it('the officer finds it awaiting review on 进度报告 and accepts it', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await signIn(page, 'officer');
    await page.goto('/project-reports?due=review');
    await pageTitle(page, '进度报告').waitFor();
    const row = rows(page).filter({ hasText: '待审核' }).first();
    await row.waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'project-reports-officer-review');
    await row.getByRole('link').click();
    await page.waitForURL(`**/projects/${ids.open}?tab=reports**`);
    await page.getByText('演示：完成仿真平台建设').waitFor();
    await page.getByRole('button', { name: /审核通过/ }).click();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/accept')), page.getByRole('button', { name: /^通\s*过$/ }).click()]);
    await rows(page).filter({ hasText: '第1年度' }).getByText('已通过').waitFor();
    await shot(page, 'project-reports-accepted');
    await expectNoBrowserErrors(b);
  });

  it('a report past its window is locked; the officer reopens it with a reason and a new closing date, on the timeline', async () => {
    const page = b.page;
    await page.goto('/project-reports?due=overdue');
    const row = rows(page).filter({ hasText: '已逾期锁定' }).first();
    await row.waitFor();
    await row.getByText(/逾期\d+天/).waitFor();
    await shot(page, 'project-reports-officer-overdue');
    await row.getByRole('link').click();
    await page.waitForURL(`**/projects/${ids.locked}?tab=reports**`);
    await page.getByRole('button', { name: /重新开放/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('重新开放的理由').fill('演示：单位财务负责人变更，延误报送，经核实同意补交。');
    const closes = new Date(Date.now() + 10 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await dialog.getByLabel('新的截止日期').click();
    await page.keyboard.type(closes);
    await page.keyboard.press('Enter');
    await shot(page, 'project-reports-reopen-dialog');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/reopen')), dialog.getByRole('button', { name: /确\s*定/ }).click()]);
    await rows(page).filter({ hasText: '第1年度' }).getByText('已重新开放').waitFor();
    await page.getByText('演示：单位财务负责人变更').first().waitFor();
    await shot(page, 'project-reports-reopened');
    await page.getByRole('tab', { name: '大事记' }).click();
    await page.getByText(/重新开放：理由：演示：单位财务负责人变更/).waitFor();
    await page.getByText(/逾期锁定/).first().waitFor();
    await shot(page, 'project-reports-timeline');
    await expectNoBrowserErrors(b);
  });
});
