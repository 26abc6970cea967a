/**
 * 项目库: the officer filters the portfolio by state and programme, sees the charts follow the filter, exports the
 * filtered list to Excel (and the file says the same), and opens a project; an applicant sees 我的项目 — only their
 * own organisation's projects, no bureau charts. At 1280×720 without sideways scrolling. The demo's projects are in
 * every stage, with their money, as the execution demo left them.
 */
import { PGlite } from '@electric-sql/pglite';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

const VIEWPORT = { width: 1280, height: 720 };
let server: OwnServer;
let officer: Browser;
type Item = { id: string; projectNo: string; title: string; state: string; programmeCode: string; organisation: { id: string }; disbursedYuan: number };

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => {
    const doc = document.scrollingElement!;
    const tables = [...document.querySelectorAll('.ant-table-content, .ant-table-body')].map((t) => t.scrollWidth - t.clientWidth);
    return Math.max(doc.scrollWidth - doc.clientWidth, ...tables, 0);
  });
  expect(overflow, 'sideways scroll at 1280 px').toBeLessThanOrEqual(0);
}

let executing: { id: string; no: string }[] = [];
let programmeCode = '';

beforeAll(async () => {
  server = await ownServer();
  await server.stop();
  const db = await PGlite.create(server.dataDir);
  try {
    const projects = (await db.query<{ id: string; project_no: string; programme_code: string; budget_year: number; approved_amount_yuan: string; programme_id: string }>(
      `select p.id, p.project_no, p.programme_code, p.budget_year, p.approved_amount_yuan, pr.id as programme_id from projects p join programmes pr on pr.code = p.programme_code order by p.project_no`,
    )).rows;
    expect(projects.length, 'the demo approves projects').toBeGreaterThanOrEqual(4);
    programmeCode = projects[0]!.programme_code;
    // The execution demo has given the approved projects their stages and money through the use cases (signed and
    // paid, terminated, accepted …): the ones executing now are what the state filter must find.
    executing = (await db.query<{ id: string; project_no: string }>(`select id, project_no from projects where state = 'executing' and programme_code = '${programmeCode}' order by project_no`)).rows.map((r) => ({ id: r.id, no: r.project_no }));
    expect(executing.length, 'the demo has projects in execution').toBeGreaterThanOrEqual(2);
  } finally {
    await db.close();
    await server.start();
  }
  officer = await openBrowser({ baseURL: server.baseURL });
  await officer.page.setViewportSize(VIEWPORT);
  await signIn(officer.page, 'officer');
  await officer.page.waitForURL((u) => u.pathname === '/');
}, 300_000);
afterAll(async () => {
  await officer?.close();
  await server?.dispose();
});

describe('项目库', () => {
  it('the officer sees the charts above the list, filters by state and programme, and the charts follow', async () => {
    const page = officer.page;
    const [first] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/projects/dashboard')), page.goto('/projects')]);
    expect(first.status()).toBe(200);
    await pageTitle(page, '项目库').waitFor();
    for (const chart of ['按阶段', '按年度', '拨付与承诺', '按计划', '按领域']) await page.getByRole('img', { name: new RegExp(`^${chart}`) }).waitFor();
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(4);
    await noSidewaysScroll(page);
    await shot(page, 'project-portfolio-officer');

    await page.getByText(/^展开$/).click();
    await page.getByLabel('项目状态', { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^执行中$/ }).click();
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown').filter({ hasText: '已立项（待签任务书）' }).waitFor({ state: 'hidden' });
    await page.getByLabel('计划', { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /北仑区关键核心技术攻关/ }).first().click();
    const [listed, charted] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/projects?') && r.url().includes('state=executing')),
      page.waitForResponse((r) => r.url().includes('/api/projects/dashboard?') && r.url().includes('state=executing')),
      page.getByRole('button', { name: /查\s*询/ }).click(),
    ]);
    const url = new URL(listed.url());
    expect(url.searchParams.get('programme')).toBe(programmeCode);
    const page1 = (await listed.json()) as { items: Item[]; total: number };
    expect(page1.items.map((i) => i.id).sort()).toEqual(executing.map((e) => e.id).sort());
    const dashboard = (await charted.json()) as { total: { count: number; disbursedYuan: number } };
    expect(dashboard.total.count).toBe(page1.total);
    expect(dashboard.total.disbursedYuan).toBe(page1.items.reduce((s, i) => s + i.disbursedYuan, 0));
    await expect.poll(() => rows(page).count()).toBe(executing.length);
    await page.getByRole('img', { name: new RegExp(`^按阶段：执行中${executing.length}项$`) }).waitFor();
    await noSidewaysScroll(page);
    await shot(page, 'project-portfolio-filtered');
  });

  it('exports exactly the filtered list, with state, disbursement and effective end', async () => {
    const page = officer.page;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出Excel/ }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    for (const h of ['立项编号', '状态', '已拨付（元）', '结束日期（含延期）']) expect(header).toContain(h);
    const col = (h: string) => header.indexOf(h) + 1;
    const numbers: string[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const no = sheet.getRow(r).getCell(col('立项编号')).value;
      if (typeof no === 'string' && executing.some((e) => e.no === no)) {
        numbers.push(no);
        expect(sheet.getRow(r).getCell(col('状态')).value).toBe('执行中');
        expect(Number(sheet.getRow(r).getCell(col('已拨付（元）')).value)).toBeGreaterThan(0);
      }
    }
    expect(numbers.sort()).toEqual(executing.map((e) => e.no).sort());
    expect(sheet.getRow(2 + executing.length).getCell(1).value).toMatch(new RegExp(`^共 ${executing.length} 项`));
  });

  it('opens a project from its title', async () => {
    const page = officer.page;
    const link = rows(page).first().locator('a[href^="/projects/"]').first();
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForURL((u) => u.pathname === href);
    await page.getByText(/BEILUN-KCT-/).first().waitFor();
    await shot(page, 'project-portfolio-opened');
    await expectNoBrowserErrors(officer);
  });

  it('YJ-2 项目统计 counts the platform’s projects beside the imported records', async () => {
    const page = officer.page;
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/monitoring/portfolio')), page.goto('/monitoring/portfolio')]);
    const years = ((await res.json()) as { years: { year: number; approved: number; fromProjects: number }[] }).years;
    const platform = years.filter((y) => y.fromProjects > 0);
    expect(platform.length).toBeGreaterThan(0);
    await page.getByText(`平台立项 ${platform[0]!.fromProjects} 项`).first().waitFor();
    await noSidewaysScroll(page);
    await shot(page, 'project-portfolio-yj2');
  });

  it('an applicant sees 我的项目: only their organisation’s projects, no bureau charts', async () => {
    const applicant = await openBrowser({ baseURL: server.baseURL });
    try {
      const page = applicant.page;
      await page.setViewportSize(VIEWPORT);
      await signIn(page, 'applicant');
      await page.waitForURL((u) => u.pathname === '/');
      const me = (await (await page.request.get('/api/auth/me')).json()) as { organisation: { id: string } };
      const [listed] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/projects?')), page.goto('/projects')]);
      await pageTitle(page, '我的项目').waitFor();
      const body = (await listed.json()) as { items: Item[]; total: number };
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every((i) => i.organisation.id === me.organisation.id)).toBe(true);
      await expect.poll(() => rows(page).count()).toBe(body.items.length);
      expect(await page.getByRole('img', { name: /^按阶段/ }).count()).toBe(0);
      const all = (await (await page.request.get('/api/projects?pageSize=200')).json()) as { total: number };
      expect(all.total).toBe(body.total);
      await noSidewaysScroll(page);
      await shot(page, 'project-portfolio-applicant');
      await expectNoBrowserErrors(applicant);
    } finally {
      await applicant.close();
    }
  });
});
