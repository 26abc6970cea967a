/**
 * 不见面评审 (P315-5): the demo expert signs in, finds the task under 我的评审, declares no conflict, scores every
 * criterion by keyboard (the draft autosaves), and submits; the officer then sees the progress on the round's
 * 专家评审 tab.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, shot, signIn } from './browser.js';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b.page, 'expert');
  await b.page.waitForURL((u) => u.pathname === '/');
});
afterAll(() => b.close());

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

interface Task {
  id: string;
  roundId: string;
  title: string;
  sheetStatus: string;
}

describe('expert scoring in the browser', () => {
  it('declares, scores by keyboard with autosave, and submits; the officer sees it', async () => {
    const page = b.page;
    await page.goto('/expert/reviews');
    await pageTitle(page, '我的评审').waitFor();
    const tasks = await page.evaluate(async () => ((await (await fetch('/api/review/my-assignments')).json()) as { items: Task[] }).items);
    const task = tasks.find((t) => t.sheetStatus !== 'submitted');
    expect(task, 'the demo expert has a scoring task').toBeDefined();
    await page.getByRole('link', { name: task!.title }).first().waitFor();
    await shot(page, 'expert-scoring-list');

    await page.getByRole('link', { name: task!.title }).first().click();
    await page.waitForURL((u) => u.pathname === `/expert/reviews/${task!.id}`);
    await page.getByText('回避声明', { exact: true }).first().waitFor();
    await shot(page, 'expert-scoring-declaration');
    await page.getByLabel('本人与该申报书不存在需要回避的关系').check();
    const [opened] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/review/assignments/${task!.id}/open`)),
      page.getByRole('button', { name: '确认声明并打开申报书' }).click(),
    ]);
    expect(opened.status(), await opened.text()).toBe(200);
    await page.getByText('申报书（提交版本）').waitFor();

    // Keyboard only from the first score on: type, Tab to the criterion's comment, Tab to the next score.
    const criteria = (await page.evaluate(async (id) => ((await (await fetch(`/api/review/assignments/${id}`)).json()) as { criteria: { key: string; maxPoints: number; commentRequired: boolean }[] }).criteria, task!.id));
    await page.locator(`#score-${criteria[0]!.key}`).focus();
    for (const c of criteria) {
      expect(await focusedId(page)).toBe(`score-${c.key}`);
      await page.keyboard.type(String(Math.floor(c.maxPoints * 0.8)));
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe(`comment-${c.key}`);
      if (c.commentRequired) await page.keyboard.type('技术路线清晰，关键指标先进（端到端测试）');
      await page.keyboard.press('Tab');
    }
    expect(await focusedId(page)).toBe('score-opinion');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/review/assignments/${task!.id}/sheet`) && r.request().method() === 'PUT');
    await page.keyboard.type('建议支持（端到端测试）');
    expect((await saved).status()).toBe(200);
    await page.getByTestId('autosave').filter({ hasText: '草稿已自动保存' }).waitFor();
    await shot(page, 'expert-scoring-sheet');

    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/提交评分表/);
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-confirm-title').filter({ hasText: '确认提交评分表？' }).waitFor();
    const [submitted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/review/assignments/${task!.id}/sheet/submit`)),
      page.getByRole('button', { name: '确认提交' }).click(),
    ]);
    expect(submitted.status(), await submitted.text()).toBe(200);
    await page.getByText(/已于 .* 提交，评分表不可再修改/).waitFor();
    await shot(page, 'expert-scoring-submitted');
    await expectNoBrowserErrors(b);

    // The officer sees the sheet on the round's 专家评审 tab, with the expert's name (officers only).
    await page.context().clearCookies();
    await signIn(page, 'officer');
    await page.goto(`/review/${task!.roundId}?tab=scoring`);
    await page.getByText('按专家的评分进度').waitFor();
    await page.getByText('已提交评分表').waitFor();
    await shot(page, 'expert-scoring-officer-tab');

    // 会评: the officer opens the panel meeting, puts the application up for discussion and adjusts the score with a reason.
    const [started] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/review/rounds/${task!.roundId}/panel`) && r.request().method() === 'POST'), page.getByRole('button', { name: /开始会评/ }).click()]);
    expect(started.status(), await started.text()).toBe(201);
    await page.getByLabel('当前讨论的申报书').click();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/panel') && r.request().method() === 'PUT' && r.ok()), page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click()]);
    // The application's dropdown closes first (its options would otherwise be taken for the sheet's).
    await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    await page.getByLabel('要调整的评分表').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await page.getByLabel('调整后分数').fill('82.5');
    await page.getByLabel('调整理由').fill('会评认为技术创新性评价偏低（端到端测试）');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/panel/adjustments') && r.ok()), page.getByRole('button', { name: /调\s*整/ }).click()]);
    await page.getByText(/80\.00 → 82\.50/).waitFor();
    await page.getByLabel('会评纪要').fill('会评纪要：与会专家对申报书逐一讨论，调整一份评分（端到端测试）。');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/panel') && r.request().method() === 'PUT' && r.ok()), page.getByRole('button', { name: /保存纪要/ }).click()]);
    await shot(page, 'expert-scoring-panel');
    await expectNoBrowserErrors(b);
  });
});
