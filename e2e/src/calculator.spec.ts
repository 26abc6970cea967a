import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, shot } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(() => b.close());

/** Opens a select by its label and picks an option, then waits for the dropdown to close. */
async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await dropdown.waitFor({ state: 'hidden' });
}

/** Submits the form and returns the quote request's body (amounts in integer 元) and the response status. */
async function quote(page: Page) {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/funding/quote')), page.getByRole('button', { name: /开始测算/ }).click()]);
  expect(res.status(), await res.text()).toBe(200);
  await page.getByTestId('quote-result').waitFor();
  return res.request().postDataJSON() as { totalInvestment: number; requested: number; overlaps: { level: string; name: string; amount: number }[] };
}

const rules = (page: Page) => page.getByTestId('quote-rules').locator('li').allInnerTexts();

describe('an anonymous visitor estimates the subsidy of a Beilun 领军类 project', () => {
  it('refuses a fifth decimal of 万元 on the client, with a Chinese message', async () => {
    const page = b.page;
    await page.goto('/calculator');
    await page.getByLabel('研发总投入').fill('2000.00001');
    await page.getByRole('button', { name: /开始测算/ }).click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '最多保留4位小数' }).waitFor();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '请选择计划' }).waitFor();
    await shot(page, 'calculator-validation');
  });

  it('2000万 total and 600万 requested → 500万 subsidy (BL-5 30% = 600万, BL-6 cap 500万), 1500万 self-raised', async () => {
    const page = b.page;
    await choose(page, '计划', '北仑区关键核心技术攻关项目');
    await choose(page, '申报类别', '领军类');
    await page.getByLabel('研发总投入').fill('2000');
    await page.getByLabel('申请财政补助').fill('600');
    const body = await quote(page);
    expect(body).toMatchObject({ totalInvestment: 20_000_000, requested: 6_000_000, overlaps: [] });

    expect(await page.getByTestId('quote-subsidy').innerText()).toContain('500万元');
    expect(await page.getByTestId('quote-self-raised').innerText()).toContain('1,500万元');
    const applied = await rules(page);
    expect(applied.some((r) => r.startsWith('BL-5') && r.includes('2,000万 × 30% = 600万'))).toBe(true);
    expect(applied.some((r) => r.startsWith('BL-6') && r.includes('领军类补助最高500万'))).toBe(true);
    expect(applied.some((r) => r.startsWith('BL-7'))).toBe(false);
    await page.getByText('按测算，项目符合所选类别的资助条件').waitFor();
    await page.getByText('仑科〔2024〕2号').first().waitFor();
    await shot(page, 'calculator-beilun-leading');
  });

  it('with an overlapping 市级 project of 100万 the district tops up only the difference: 400万 (BL-7)', async () => {
    const page = b.page;
    await page.getByRole('button', { name: /添加重复的上级项目/ }).click();
    await page.getByLabel('项目名称').fill('宁波市重大科技任务攻关项目');
    await page.getByLabel('上级支持金额').fill('100');
    const body = await quote(page);
    expect(body.overlaps).toEqual([{ level: 'city', name: '宁波市重大科技任务攻关项目', amount: 1_000_000 }]);

    await page.getByTestId('quote-subsidy').getByText('400万元').waitFor();
    expect(await page.getByTestId('quote-self-raised').innerText()).toContain('1,600万元');
    const applied = await rules(page);
    expect(applied.some((r) => r.startsWith('BL-7') && r.includes('市级') && r.includes('= 400万'))).toBe(true);
    expect(applied.some((r) => r.startsWith('BL-5'))).toBe(true);
    await shot(page, 'calculator-beilun-overlap');
    await expectNoBrowserErrors(b);
  });
});

describe('amounts out of bounds are refused with a reason, on the client and on the server', () => {
  const fieldError = (page: Page, text: string) => page.locator('.ant-form-item-explain-error').filter({ hasText: text });

  it('a total investment of 0 is refused (never "eligible for 0万"), and a too large one names the limit in 万元', async () => {
    const page = b.page;
    await page.goto('/calculator');
    await choose(page, '计划', '北仑区关键核心技术攻关项目');
    await choose(page, '申报类别', '领军类');
    await page.getByLabel('研发总投入').fill('0');
    await page.getByLabel('申请财政补助').fill('600');
    let quoted = false;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/funding/quote')) quoted = true;
    });
    await page.getByRole('button', { name: /开始测算/ }).click();
    await fieldError(page, '研发总投入须大于0').waitFor();
    await page.getByLabel('研发总投入').fill('100000000.0001');
    await page.getByRole('button', { name: /开始测算/ }).click();
    await fieldError(page, '不能超过100,000,000万元').waitFor();
    expect(quoted).toBe(false);
    expect(await page.getByTestId('quote-result').count()).toBe(0);
    await shot(page, 'calculator-amount-bounds');

    // The server refuses the same figure by the same shared schema, whatever the page lets through.
    const res = await page.request.post('/api/funding/quote', {
      headers: { 'x-csrf-token': await page.evaluate(async () => ((await (await fetch('/api/auth/csrf')).json()) as { token: string }).token) },
      data: { programme: 'beilun-kct', category: 'leading', totalInvestment: 0, requested: 6_000_000, date: '2026-11-23' },
    });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { errors: { field: string; message: string }[] }).errors).toContainEqual({ field: 'totalInvestment', message: '研发总投入须大于0' });
    await expectNoBrowserErrors(b);
  });
});

