import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { randomInt } from 'node:crypto';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.mjs';
import { type Browser, expectNoBrowserErrors, openBrowser, rows, shot, signIn } from './browser.js';

// P315-3: a responsible unit reports a month in the browser and by Excel, the bureau reviews, the leader looks.
const TALENT = '新增全球顶尖人才';
const LEADERS = '新入选国家和省级领军人才';
const VALUE = '24';

let dept: Browser;
let officer: Browser;
let leader: Browser;
let period = '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-e2e-monitoring-'));

beforeAll(async () => {
  [dept, officer, leader] = await Promise.all([openBrowser(), openBrowser(), openBrowser()]);
  await signIn(dept.page, 'department');
  await signIn(officer.page, 'officer');
  await signIn(leader.page, 'leader');
});
afterAll(async () => {
  await Promise.all([dept?.close(), officer?.close(), leader?.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const saveButtonOf = (b: Browser, name: string) => b.page.locator('tr', { hasText: name }).first().getByRole('button', { name: /保\s*存/ });

describe('P315-3 monthly monitoring in the browser', () => {
  it('the unit enters a value with a note and evidence, uploads the Excel template with one bad row, fixes it and submits', async () => {
    const page = dept.page;
    // The home page names the unit the account reports for.
    await page.goto('/');
    await page.getByText('市委组织部〔市委人才办〕（责任单位）').waitFor();
    await page.goto('/monitoring/report');
    await page.getByLabel(`${TALENT}本期值`).waitFor();
    const sheet = await (await page.request.get('/api/monitoring/reporting')).json();
    period = sheet.period;
    expect(sheet.units.map((u: { code: string }) => u.code)).toEqual(['nb-zzb']);

    await page.getByLabel(`${TALENT}本期值`).fill('23');
    await page.getByLabel(`${TALENT}说明`).fill('本月新增1人，名单见附件');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/reporting/indicators/') && r.request().method() === 'PUT' && r.ok()), saveButtonOf(dept, TALENT).click()]);

    const pdf = path.join(tmp, '人才名单.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('tr', { hasText: TALENT }).first().getByRole('button', { name: /上传材料/ }).click()]);
    const [evidence] = await Promise.all([page.waitForResponse((r) => r.url().includes('/evidence')), chooser.setFiles(pdf)]);
    expect(evidence.status()).toBe(201);
    await page.getByText('人才名单.pdf').first().waitFor();

    // Evidence attached by mistake is removed again while the report is a draft; a long name is cut, in full on hover.
    const extra = path.join(tmp, '误传的材料-一份名字很长很长很长的统计快报附件扫描件.pdf');
    fs.writeFileSync(extra, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const [chooserX] = await Promise.all([page.waitForEvent('filechooser'), page.locator('tr', { hasText: TALENT }).first().getByRole('button', { name: /上传材料/ }).click()]);
    await Promise.all([page.waitForResponse((r) => r.url().includes('/evidence') && r.status() === 201), chooserX.setFiles(extra)]);
    const remove = page.getByRole('button', { name: `删除${path.basename(extra)}` });
    const extraLink = page.locator('tr', { hasText: TALENT }).first().getByRole('link', { name: path.basename(extra) });
    const fullName = page.locator('.ant-tooltip').filter({ hasText: path.basename(extra) }).first();
    // The cut is measured after the list renders: hover again until the full name shows.
    await expect
      .poll(async () => {
        await page.mouse.move(0, 0);
        await extraLink.hover();
        return fullName.waitFor({ timeout: 1500 }).then(
          () => true,
          () => false,
        );
      })
      .toBe(true);
    await remove.click();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/monitoring/evidence/') && r.request().method() === 'DELETE' && r.ok()),
      page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click(),
    ]);
    await expect.poll(() => remove.count()).toBe(0);
    await page.getByText('人才名单.pdf').first().waitFor();

    // The template as downloaded, filled offline: the second indicator gets a value that is not a number.
    const template = await page.request.get(`/api/monitoring/reporting/template?period=${period}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let badLine = 0;
    ws.eachRow((row, line) => {
      if (line === 1) return;
      const name = String(row.getCell(2).value);
      if (name.includes(LEADERS)) {
        row.getCell(6).value = '约四百八十';
        badLine = line;
      } else if (name.includes(TALENT)) row.getCell(6).value = VALUE;
    });
    expect(badLine).toBeGreaterThan(1);
    const xlsx = path.join(tmp, '月度填报.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.ant-page-header-heading-extra').getByRole('button', { name: /上\s*传/ }).click()]);
    const [upload] = await Promise.all([page.waitForResponse((r) => r.url().includes('/reporting/upload')), chooser2.setFiles(xlsx)]);
    const outcome = await upload.json();
    expect(outcome).toMatchObject({ saved: 1, errors: [{ line: badLine, field: '本期值' }] });
    const modal = page.locator('.ant-modal').filter({ hasText: '导入结果' });
    await modal.waitFor();
    await expect.poll(() => modal.innerText()).toContain(String(badLine));
    await shot(page, 'monitoring-report-upload-result');
    await modal.getByRole('button', { name: /知道了/ }).click();

    // The bad row is corrected in the browser; nothing saved before was lost.
    await page.getByLabel(`${LEADERS}本期值`).fill('477');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/reporting/indicators/') && r.request().method() === 'PUT' && r.ok()), saveButtonOf(dept, LEADERS).click()]);
    expect(await page.getByLabel(`${TALENT}本期值`).inputValue()).toBe(VALUE);

    await page.getByRole('button', { name: /提\s*交/ }).first().click();
    await page.locator('.ant-modal-confirm-title').waitFor();
    const [submit] = await Promise.all([page.waitForResponse((r) => r.url().includes('/reporting/submit')), page.getByRole('button', { name: /确认提交/ }).click()]);
    expect(submit.status()).toBe(200);
    await page.getByText('待审核').first().waitFor();
    await shot(page, 'monitoring-report-submitted');
    await expectNoBrowserErrors(dept);
  });

  it('the bureau accepts the values; the leader’s dashboard shows them', async () => {
    const page = officer.page;
    await page.goto('/monitoring/review');
    await page.locator('tr', { hasText: TALENT }).first().waitFor();
    for (const name of [TALENT, LEADERS]) {
      const row = page.locator('tr', { hasText: name }).filter({ hasText: '待审核' }).first();
      await row.getByRole('button', { name: /采\s*纳/ }).click();
      await Promise.all([page.waitForResponse((r) => r.url().includes('/accept') && r.ok()), page.locator('.ant-popconfirm').getByRole('button', { name: /采\s*纳/ }).click()]);
    }
    await shot(page, 'monitoring-review-accepted');
    await expectNoBrowserErrors(officer);

    const lp = leader.page;
    await lp.goto('/monitoring');
    await lp.getByText('指标状态分布').waitFor();
    await lp.locator('canvas').first().waitFor();
    const dash = await (await lp.request.get('/api/monitoring/dashboard?plan=nb-315')).json();
    const talent = dash.indicators.find((i: { name: string }) => i.name === TALENT);
    expect(talent.latest).toMatchObject({ period, value: VALUE });
    await shot(lp, 'monitoring-dashboard-leader');
    // The chart's data table carries the same figure.
    const card = lp.locator('.ant-pro-card').filter({ hasText: '指标完成率与进度' }).last();
    await card.getByText('数据', { exact: true }).click();
    await expect.poll(async () => (await rows(lp).filter({ hasText: TALENT }).first().innerText()).includes(VALUE)).toBe(true);
    await shot(lp, 'monitoring-dashboard-leader-data');
    await expectNoBrowserErrors(leader);
  });

  it('20: at 1280×720 the review queue needs no sideways scrolling, and the bureau accepts several rows of one unit at once', async () => {
    const page = officer.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    try {
      await page.goto('/monitoring/review');
      await rows(page).filter({ hasText: '待审核' }).first().waitFor();
      const overflow = await page.evaluate(() => [document.documentElement, ...document.querySelectorAll('.ant-table-content, .ant-table-body')].map((e) => e.scrollWidth - e.clientWidth));
      expect(Math.max(...overflow)).toBeLessThanOrEqual(0);
      // The working columns (state and the actions included) are on screen.
      for (const title of ['本期值', '状态', '操作']) expect(await page.locator('.ant-table-thead th').filter({ hasText: title }).first().isVisible()).toBe(true);

      const unitRows = rows(page).filter({ hasText: '市科技局' }).filter({ hasText: '待审核' });
      const n = Math.min(await unitRows.count(), 3);
      expect(n).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < n; i++) await unitRows.nth(i).locator('.ant-checkbox-input').check();
      await page.getByRole('button', { name: '批量采纳' }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: `批量采纳 ${n} 条报送` });
      await modal.waitFor();
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/monitoring/reports/accept-batch')), modal.getByRole('button', { name: `确认采纳 ${n} 条` }).click()]);
      expect(res.status()).toBe(200);
      const ids = ((await res.json()).items as { id: string; state: string }[]).map((i) => i.id);
      expect(ids).toHaveLength(n);
      await modal.getByText(`已采纳 ${n} 条报送`).waitFor();
      expect(await modal.locator('.ant-tag').filter({ hasText: '已采纳' }).count()).toBe(n);
      await shot(page, 'monitoring-review-batch-accepted-1280');
      await modal.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
      const queue = await (await page.request.get('/api/monitoring/review?plan=nb-315&state=accepted&pageSize=200')).json();
      for (const id of ids) expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);

      // 批量退回: one comment to each selected report, a result per row.
      await rows(page).filter({ hasText: '待审核' }).first().waitFor();
      const back = rows(page).filter({ hasText: '市科技局' }).filter({ hasText: '待审核' });
      for (let i = 0; i < 2; i++) await back.nth(i).locator('.ant-checkbox-input').check();
      await page.getByRole('button', { name: '批量退回' }).click();
      const returnModal = page.locator('.ant-modal').filter({ hasText: '批量退回 2 条报送' });
      await returnModal.getByRole('button', { name: '确认退回 2 条' }).click();
      await returnModal.getByText('退回须填写意见').waitFor();
      await returnModal.getByLabel(/退回意见/).fill('请附统计快报截图');
      const returned: string[] = [];
      page.on('response', (r) => {
        if (/\/monitoring\/reports\/[^/]+\/return$/.test(r.url()) && r.ok()) returned.push(r.url());
      });
      await returnModal.getByRole('button', { name: '确认退回 2 条' }).click();
      await returnModal.getByText('已退回 2 条报送').waitFor();
      expect(returned).toHaveLength(2);
      expect(await returnModal.locator('.ant-tag').filter({ hasText: '已退回' }).count()).toBe(2);
      await returnModal.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
      expectNoBrowserErrors(officer);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('YZ-1 the leader reads the 13th-FYP table with its verdicts', async () => {
    const lp = leader.page;
    await lp.goto('/monitoring/plans/yz-13');
    await rows(lp).first().waitFor();
    expect(await rows(lp).count()).toBe(7);
    expect(await rows(lp).filter({ hasText: '全链条孵化载体数量' }).innerText()).toContain('未完成');
    expect(await rows(lp).filter({ hasText: '每年新认定高新技术企业' }).innerText()).toContain('无法判断');
    await shot(lp, 'monitoring-plan-yz13');
    await expectNoBrowserErrors(leader);
  });

  it('YJ-2 the portfolio page shows 56.15% computed beside 56.17% reported', async () => {
    const lp = leader.page;
    await lp.goto('/monitoring/portfolio');
    await lp.getByText('56.15').first().waitFor();
    await lp.getByText(/56\.17/).first().waitFor();
    await shot(lp, 'monitoring-portfolio');
    await expectNoBrowserErrors(leader);
  });

  it('the officer sees which accounts report for each responsible unit', async () => {
    const page = officer.page;
    await page.goto('/monitoring/units');
    const row = rows(page).filter({ hasText: '市委组织部' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('1 个');
    await row.locator('.ant-table-row-expand-icon').click();
    await page.locator('.ant-table-expanded-row').getByText('department').waitFor();
    await shot(page, 'monitoring-units');
    await expectNoBrowserErrors(officer);
  });
});

describe('8: dates are Asia/Shanghai days in a browser elsewhere', () => {
  it('in Los Angeles a milestone is on time on its due day (Shanghai) and overdue from the next Shanghai midnight', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-chromium-la-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium()!,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      baseURL: inject('baseURL'),
      viewport: { width: 1280, height: 720 },
      locale: 'zh-CN',
      timezoneId: 'America/Los_Angeles',
      extraHTTPHeaders: { 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await signIn(page, 'officer');
      const tasks = (await (await page.request.get('/api/monitoring/plans/nb-315/tasks')).json()).items as { title: string; milestones: { due: string; doneOn: string | null }[] }[];
      const task = tasks.find((t) => t.milestones.some((m) => !m.doneOn));
      expect(task, 'the demo plan has a task with an open milestone').toBeDefined();
      const due = task!.milestones.find((m) => !m.doneOn)!.due;
      const [y, mo, d] = due.split('-').map(Number) as [number, number, number];
      const dayAfter = new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
      const milestoneLine = async (instant: string) => {
        await context.clock.setFixedTime(new Date(instant));
        await page.goto('/monitoring/tasks');
        const row = rows(page).filter({ hasText: task!.title }).first();
        await row.locator('.ant-table-row-expand-icon').click();
        const line = page.locator('.ant-table-expanded-row').getByText(`计划 ${due} 前完成`).first();
        await line.waitFor();
        return line.innerText();
      };
      // The due day at noon in Shanghai is the evening before in Los Angeles: on time.
      expect(await milestoneLine(`${due}T12:00:00+08:00`)).toBe(`计划 ${due} 前完成`);
      // 00:30 the next day in Shanghai is still the due day (08:30) in Los Angeles: overdue all the same.
      expect(await milestoneLine(`${dayAfter}T00:30:00+08:00`)).toBe(`计划 ${due} 前完成（已逾期）`);
      await shot(page, 'monitoring-tasks-los-angeles-overdue');
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });
});
