// 查重 (BL-9) in the browser: the officer opens the planted demo cases' reports from the list, sees the copied
// passages side by side, asks for a new check and watches it finish; imports external records from Excel.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b.page, 'officer');
  await b.page.waitForURL((u) => u.pathname === '/');
});
afterAll(() => b.close());

describe('查重报告 (BL-9)', () => {
  it('BL-9: the near-copy of an imported higher-level project shows its flag, the ranked source and the passages side by side', async () => {
    const page = b.page;
    await page.locator('.ant-menu-item').filter({ hasText: /^申报书$/ }).click();
    await pageTitle(page, '申报书').waitFor();
    await rows(page).filter({ hasText: '超大型一体化压铸模具关键技术研究（演示）' }).getByRole('link', { name: '查重报告' }).click();
    await page.getByText('文字复制比（不含本单位历史申报）').waitFor();
    await page.getByText('超过查重阈值').first().waitFor();
    await page.getByText(/^复制段落对照：上级项目：/).waitFor();
    expect(await page.getByText(/^来源 · 项目摘要/).count()).toBeGreaterThan(0);
    await shot(page, 'duplicate-report-near-copy');
    await expectNoBrowserErrors(b);
  });

  it('BL-9: the copied paragraph of another organisation is shown on both sides; 重新查重 polls until the new report is there', async () => {
    const page = b.page;
    await page.goto('/applications');
    await rows(page).filter({ hasText: '新能源汽车一体化压铸件智能制造关键技术（演示）' }).getByRole('link', { name: '查重报告' }).click();
    await page.getByText(/已有工作条件与技术优势/).first().waitFor();
    const done = () => page.locator('.ant-descriptions-item').filter({ hasText: '查重版本' }).innerText();
    const before = await done();
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/duplicate-check') && r.request().method() === 'POST'), page.getByRole('button', { name: /重新查重/ }).click()]);
    expect([200, 202]).toContain(res.status());
    // Queued or running: the page shows the progress and asks again every 2 s until the new report is stored.
    await expect.poll(done, { timeout: 60_000, interval: 500 }).not.toBe(before);
    await page.getByText('超过查重阈值').first().waitFor();
    await shot(page, 'duplicate-report-paste-copy');
    await expectNoBrowserErrors(b);
  });

  it('BL-9: an officer imports external records; bad rows are listed with line and column', async () => {
    const page = b.page;
    await page.locator('.ant-menu-item').filter({ hasText: /^查重外部记录$/ }).click();
    await pageTitle(page, '查重外部记录').waitFor();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('外部记录');
    ws.addRow(['来源类型', '记录编号', '项目名称', '承担单位', '统一社会信用代码', '年度', '项目摘要', '研究内容', '创新点']);
    ws.addRow(['往年项目', 'E2E-WN-001', '压铸模具快速换模系统（演示）', '宁波演示换模技术有限公司', '', '2021', '研制压铸模具快速换模系统，实现十分钟内完成换模。', '', '']);
    ws.addRow(['往年项目', 'E2E-WN-002', '年度写错的记录', '某单位', '', '二〇二一', '正文', '', '']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-xlsx-')), '外部记录.xlsx');
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/dedupe/external-records/import')), page.locator('input[type=file]').setInputFiles(file)]);
    expect(res.status()).toBe(200);
    await page.getByText('导入 1 条，未导入 1 处问题', { exact: false }).waitFor();
    await page.getByText(/第3行F列“年度”/).waitFor();
    await rows(page).filter({ hasText: 'E2E-WN-001' }).waitFor();
    await shot(page, 'dedupe-external-records');
    await expectNoBrowserErrors(b);
  });
});
