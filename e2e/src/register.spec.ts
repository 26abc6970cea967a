import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoBrowserErrors, openBrowser, screenshot, type Browser } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(() => b.close());

async function choose(label: string, option: string) {
  await b.page.getByLabel(label, { exact: true }).click();
  await b.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe('an applicant registers a new organisation', () => {
  it('a bad credit code is refused with a message in the form; the corrected form registers and signs in', async () => {
    const page = b.page;
    await page.goto('/register');
    await page.getByLabel('单位名称').fill('宁波端到端测试科技有限公司');
    await page.getByLabel('统一社会信用代码').fill('91330206MA2GQ9XJ4L');
    await choose('单位类型', '企业');
    await page.getByLabel('所在地区').fill('浙江省宁波市北仑区');
    await choose('所属行业', '制造业');
    await page.getByLabel('联系人').fill('端到端');
    await page.getByLabel('联系电话').fill('0574-55559999');
    await page.getByLabel('用户名', { exact: true }).fill('e2eapplicant');
    await page.getByLabel('姓名', { exact: true }).fill('端到端用户');
    await page.getByLabel('密码', { exact: true }).fill('E2e#Register2026');
    await page.getByLabel('确认密码').fill('E2e#Register2026');
    await page.getByRole('button', { name: /注\s*册/ }).last().click();

    const error = page.locator('.ant-form-item-explain-error').filter({ hasText: '校验位错误' });
    await error.first().waitFor();
    expect(await error.first().innerText()).toContain('第18位应为“C”');
    await screenshot(page, 'register-bad-credit-code');
    expect(page.url()).toContain('/register');

    await page.getByLabel('统一社会信用代码').fill('91330206MA2GQ9XJ4C');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/register')), page.getByRole('button', { name: /注\s*册/ }).last().click()]);
    expect(res.status()).toBe(201);
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByText('宁波端到端测试科技有限公司').first().waitFor();
    await screenshot(page, 'register-done-home');
    await expectNoBrowserErrors(b);
  });
});
