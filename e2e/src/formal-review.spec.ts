/** 形式审查: the officer sets a call's checklist on the call's page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, shot, signIn } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b.page, 'officer');
  await b.page.waitForURL((u) => u.pathname === '/');
});
afterAll(() => b.close());

describe('形式审查设置 on the call page', () => {
  it('the officer turns an item off and changes a parameter; the server keeps them', async () => {
    const page = b.page;
    const callId = await page.evaluate(async () => {
      const calls = ((await (await fetch('/api/public/calls')).json()) as { items: { id: string; title: string }[] }).items;
      return calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
    });
    await page.goto(`/calls/${callId}`);
    await pageTitle(page, '北仑区关键核心技术攻关项目申报指南').waitFor();
    const card = page.locator('.ant-card').filter({ hasText: '形式审查设置' });
    await card.getByLabel('合作单位上限').waitFor();
    await card.getByLabel('合作单位上限').fill('5');
    await card.getByLabel('承诺书已签字盖章是否适用').click();
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/calls/${callId}/formal-review`) && r.request().method() === 'PUT'), card.getByRole('button', { name: /保\s*存/ }).click()]);
    expect(res.status(), await res.text()).toBe(200);
    await page.getByText('形式审查设置已保存').waitFor();
    await shot(page, 'formal-review-call-settings');
    const saved = await page.evaluate(async (id) => (await (await fetch(`/api/calls/${id}/formal-review`)).json()) as { partnersCount: { max: number }; commitmentSigned: { enabled: boolean } }, callId);
    expect(saved.partnersCount.max).toBe(5);
    expect(saved.commitmentSigned.enabled).toBe(false);
    // Back to the call's defaults, so other specs' applications meet the usual checklist.
    await card.getByLabel('合作单位上限').fill('10');
    await card.getByLabel('承诺书已签字盖章是否适用').click();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/calls/${callId}/formal-review`) && r.request().method() === 'PUT' && r.ok()), card.getByRole('button', { name: /保\s*存/ }).click()]);
    await expectNoBrowserErrors(b);
  });
});
