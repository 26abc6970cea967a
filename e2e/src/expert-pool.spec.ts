/**
 * The expert pool (专家库, P315-4) in the browser: the officer's list (demo pool, filters, Excel export), an import
 * with row errors, an expert's page with its rating chart; and the demo expert keeping their own profile.
 */
import ExcelJS from 'exceljs';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b.page, 'officer');
  await b.page.waitForURL((u) => u.pathname === '/');
});
afterAll(() => b.close());

const isList = (r: Response) => new URL(r.url()).pathname === '/api/experts' && r.request().method() === 'GET';

/** A filled template: one good row and one whose field is not in the taxonomy. */
async function importFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  ws.addRow(['姓名', '身份证号码', '职称', '工作单位', '统一社会信用代码', '所在地区', '评审领域', '关键词', '创新联合体', '手机', '邮箱']);
  ws.addRow(['孟演示', residentId('33020619790203123'), '研究员', '演示导入研究院', '', '浙江省宁波市北仑区', '高端装备', '模具、热处理', '', '', '']);
  ws.addRow(['邱演示', residentId('33020619790203124'), '研究员', '演示导入研究院', '', '浙江省宁波市北仑区', '航天', '卫星', '', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** A resident ID with its GB 11643 check character. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
  return first17 + '10X98765432'[sum % 11]!;
}

describe('专家库 (officer)', () => {
  it('P315-4: lists the demo pool with paging, filters by field and exports the filtered list', async () => {
    const page = b.page;
    const [first] = await Promise.all([page.waitForResponse(isList), page.goto('/experts')]);
    expect(((await first.json()) as { total: number }).total).toBeGreaterThanOrEqual(40);
    await pageTitle(page, '专家库').waitFor();
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(20);
    await page.getByText('共 4').first().waitFor();
    await shot(page, 'expert-pool-list');
    // Filter by status 暂停: the demo pool has one suspended expert.
    await page.getByLabel('状态', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '暂停' }).click();
    const [filtered] = await Promise.all([page.waitForResponse((r) => isList(r) && new URL(r.url()).searchParams.get('status') === 'suspended'), page.getByRole('button', { name: /查\s*询/ }).click()]);
    expect(((await filtered.json()) as { total: number }).total).toBe(1);
    await expect.poll(() => rows(page).count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^专家库.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets[0]!.rowCount).toBe(2);
    await expectNoBrowserErrors(b);
  });

  it('P315-4: imports from Excel and lists the refused rows with line and column', async () => {
    const page = b.page;
    await page.getByRole('button', { name: /导入专家/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '导入专家' });
    await modal.waitFor();
    const file = await importFile();
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/experts/import'),
      modal.locator('input[type=file]').setInputFiles({ name: '专家.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file }),
    ]);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ saved: 1, errors: [{ line: 3, column: 'G', field: '评审领域' }] });
    await modal.getByText('导入 1 位，未导入 1 处问题').waitFor();
    await modal.getByText(/第3行G列“评审领域”：“航天”不是现行计划中的领域/).waitFor();
    await shot(page, 'expert-pool-import-errors');
    await modal.getByRole('button', { name: /关\s*闭/ }).first().click();
    await expectNoBrowserErrors(b);
  });

  it('P315-4: an expert’s page shows the profile, history, workload and the rating chart', async () => {
    const page = b.page;
    await Promise.all([page.waitForResponse(isList), page.goto('/experts')]);
    await rows(page).first().waitFor();
    const [detail] = await Promise.all([
      page.waitForResponse((r) => /^\/api\/experts\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname)),
      (async () => {
        await page.getByPlaceholder('姓名、单位、信用代码或关键词').fill('赵专家');
        await Promise.all([page.waitForResponse(isList), page.getByRole('button', { name: /查\s*询/ }).click()]);
        await page.locator('.ant-table-tbody a').filter({ hasText: '赵专家' }).click();
      })(),
    ]);
    expect(detail.status()).toBe(200);
    await pageTitle(page, '赵专家').waitFor();
    await page.getByText('反向评价').waitFor();
    await page.getByText('历史记录').waitFor();
    await page.locator('canvas').first().waitFor();
    await shot(page, 'expert-pool-detail');
    await expectNoBrowserErrors(b);
  });
});

describe('我的专家信息 (expert)', () => {
  it('P315-4: the demo expert reads and saves their own profile', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await signIn(page, 'expert');
    await page.waitForURL((u) => u.pathname === '/');
    const [me] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/experts/me'), page.goto('/expert/profile')]);
    expect(me.status()).toBe(200);
    await pageTitle(page, '我的专家信息').waitFor();
    await page.getByText('赵专家').first().waitFor();
    await page.getByLabel('职称').fill('教授级高级工程师（演示）');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/experts/me' && r.request().method() === 'PUT'),
      page.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(200);
    await page.getByText('已保存').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'expert-pool-my-profile');
    await expectNoBrowserErrors(b);
  });
});
