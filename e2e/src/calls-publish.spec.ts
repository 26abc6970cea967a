import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, login, openBrowser, shot } from './browser.js';

// Unique per run, so a re-run against a kept database still finds exactly this call.
const TITLE = `端到端测试关键核心技术攻关申报指南 ${Date.now().toString(36)}`;
const ITEM = { code: 'E2E-2026-01', title: '车规级功率芯片高可靠封装工艺' };

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  // One sign-in for the whole file: the login rate limit is shared by every spec.
  const [res] = await Promise.all([b.page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), login(b.page, 'officer')]);
  expect(res.status(), await res.text()).toBe(200);
  await b.page.waitForURL((u) => u.pathname === '/');
});
afterAll(() => b.close());

/** 'YYYY-MM-DD HH:mm:ss' in Asia/Shanghai, as the pickers show it. */
function shanghai(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(d);
}

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await dropdown.waitFor({ state: 'hidden' });
}

async function pickDateTime(page: Page, label: string, value: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(value);
  await page.keyboard.press('Enter');
  expect(await input.inputValue()).toBe(value);
}

const next = (page: Page) => page.getByRole('button', { name: '下一步' }).click();
const currentStep = (page: Page, title: string) => page.locator('.ant-steps-item-process').filter({ hasText: title }).waitFor();

describe('an officer publishes a call and the public reads it', () => {
  it('drafts the call in the five steps, saves the draft and publishes it', async () => {
    const page = b.page;
    await page.getByRole('link', { name: '申报指南', exact: true }).click();
    await page.getByRole('button', { name: /新建指南/ }).click();
    await page.waitForURL((u) => u.pathname === '/calls/new');

    // ① 基本信息: the window opens a minute ago (so the call is open at once) and closes in 30 days, to the second.
    const opens = shanghai(new Date(Date.now() - 60_000));
    const closes = `${shanghai(new Date(Date.now() + 30 * 86_400_000)).slice(0, 10)} 17:30:45`;
    await choose(page, '所属计划', '北仑区关键核心技术攻关项目');
    await page.getByLabel('指南标题').fill(TITLE);
    await page.getByLabel('指南说明').fill('端到端测试：征集集成电路领域关键核心技术攻关项目。');
    await pickDateTime(page, '申报开始时间（北京时间）', opens);
    await pickDateTime(page, '申报截止时间（北京时间）', closes);
    await page.getByText('将按政策版本“2024修订”').waitFor();
    await next(page);

    // ② 类别与领域, from the version in force at the opening.
    await currentStep(page, '类别与领域');
    await page.getByRole('checkbox', { name: /领军类/ }).check();
    await page.getByRole('checkbox', { name: /集成电路/ }).check();
    await next(page);

    // ③ 指南条目.
    await currentStep(page, '指南条目');
    await page.getByRole('button', { name: /添加指南条目/ }).click();
    await page.getByLabel('条目编号').fill(ITEM.code);
    await page.getByLabel('条目名称').fill(ITEM.title);
    await choose(page, '所属领域', '集成电路');
    await next(page);

    // ④ 申报要求: the default outline and attachments are kept, and a chapter is added by its Chinese titles
    // only: no 章节标识 / 栏目标识 is asked for, the storage keys are generated.
    await currentStep(page, '申报要求');
    await page.getByText('须提交的附件').waitFor();
    expect(await page.getByText(/章节标识|栏目标识/).count()).toBe(0);
    await page.getByRole('button', { name: /添加章节/ }).click();
    const chapter = page.locator('.ant-card').filter({ hasText: '第6章' });
    await chapter.getByLabel('章节名称').fill('知识产权情况');
    await chapter.getByPlaceholder('栏目名称').fill('已授权发明专利');
    await chapter.getByRole('button', { name: /添加栏目/ }).click();
    await chapter.getByPlaceholder('栏目名称').last().fill('软件著作权');
    await shot(page, 'calls-publish-outline');
    await next(page);

    // ⑤ 预览: the public view of the unsaved call.
    await currentStep(page, '预览');
    await page.getByText('以下为发布后公众看到的页面').waitFor();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByText(ITEM.title, { exact: true }).waitFor();
    await page.getByText('财政补助不超过研发总投入的30%，最高500万元', { exact: true }).waitFor();
    await shot(page, 'calls-publish-preview');

    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/calls') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '保存草稿' }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(201);
    const body = saved.request().postDataJSON() as {
      opensAt: string;
      closesAt: string;
      guidelineItems: { code: string; fieldCode: string }[];
      formSections: { key: string; title: string; items: { key: string; title: string }[] }[];
    };
    expect(body.closesAt).toBe(`${closes.replace(' ', 'T')}+08:00`);
    expect(body.guidelineItems).toMatchObject([{ code: ITEM.code, fieldCode: 'ic' }]);
    // The default chapters keep their keys; the new one got keys from its position.
    expect(body.formSections.map((x) => x.key)).toEqual(['background', 'plan', 'management', 'foundation', 'results', 'section6']);
    expect(body.formSections[5]).toMatchObject({ title: '知识产权情况', items: [{ key: 'section6.item1', title: '已授权发明专利' }, { key: 'section6.item2', title: '软件著作权' }] });
    await page.waitForURL((u) => /^\/calls\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByText('草稿仅科技局工作人员可见').waitFor();

    // Publishing is its own confirmed action, and the dialog says it freezes the policy version.
    await page.getByRole('button', { name: /发\s*布/ }).click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.getByText(/将被冻结/).waitFor();
    await shot(page, 'calls-publish-confirm');
    const [published] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/publish')), dialog.getByRole('button', { name: /发\s*布/ }).click()]);
    expect(published.status(), await published.text()).toBe(200);
    await page.locator('.ant-page-header').getByText('已发布').waitFor();
    await page.getByRole('button', { name: /截\s*止/ }).waitFor();
    await shot(page, 'calls-publish-published');
    await expectNoBrowserErrors(b);
  });

  it('an anonymous visitor finds it on /public/calls, open, with its guideline item and a countdown', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await page.goto('/public/calls');
    const row = page.locator('.ant-table-row').filter({ hasText: TITLE });
    await row.waitFor();
    expect(await row.innerText()).toContain('申报中');
    await shot(page, 'calls-publish-public-list');

    await row.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByRole('cell', { name: ITEM.code }).waitFor();
    await page.getByText(ITEM.title).waitFor();
    await page.getByTestId('call-countdown').getByText('距申报截止还有').waitFor();
    await page.getByText('仑科〔2024〕2号').first().waitFor();
    await shot(page, 'calls-publish-public-call');
    await expectNoBrowserErrors(b);
  });
});
