import fs from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';

const SEEDED_ORGANISATIONS = ['宁波甬创智能装备有限公司', '宁波东海新材料科技有限公司', '甬江理工大学', '宁波海湾先进制造研究院', '宁波港城康复医院'];

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(() => b.close());

const isGet = (r: Response, path: string, test: (q: URLSearchParams) => boolean = () => true) => {
  const u = new URL(r.url());
  return u.pathname === path && r.request().method() === 'GET' && test(u.searchParams);
};
/** Picks an option of a searchable select in the query form (typing first: the option list is virtual). */
const choose = async (page: Page, label: string, option: string) => {
  await page.locator('.ant-pro-query-filter').getByLabel(label, { exact: true }).click();
  await page.keyboard.type(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
};

/** Clicks 导出Excel and checks the browser saved a non-empty .xlsx; returns the export response. */
async function exportExcel(page: Page, path: string): Promise<Response> {
  const [download, res] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((r) => isGet(r, path)),
    page.getByRole('button', { name: '导出Excel' }).click(),
  ]);
  expect(res.status()).toBe(200);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await download.path();
  expect(fs.statSync(file).size).toBeGreaterThan(0);
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK'); // an OOXML zip
  return res;
}

describe('the audit administrator reads, verifies, anchors and exports the trail', () => {
  it('filters the events by action', async () => {
    const page = b.page;
    await signIn(page, 'auditor');
    await page.waitForURL((u) => u.pathname === '/');
    await Promise.all([page.waitForResponse((r) => isGet(r, '/api/audit/events')), page.getByRole('link', { name: '审计日志' }).click()]);
    await pageTitle(page, '审计日志').waitFor();
    await rows(page).first().waitFor();
    await shot(page, 'audit-events');

    await choose(page, '操作', '登录成功');
    const [res] = await Promise.all([
      page.waitForResponse((r) => isGet(r, '/api/audit/events', (q) => q.get('action') === 'auth.login')),
      page.getByRole('button', { name: /查\s*询/ }).click(),
    ]);
    const { items, total } = (await res.json()) as { items: { action: string; actorName: string | null }[]; total: number };
    expect(total).toBeGreaterThan(0);
    expect(items.every((e) => e.action === 'auth.login')).toBe(true);
    // The auditor's own sign-in is there.
    expect(items.some((e) => e.actorName === 'auditor' || e.actorName === '审计管理员')).toBe(true);
    await expect.poll(() => rows(page).count()).toBe(items.length);
    for (const text of await rows(page).allInnerTexts()) expect(text).toContain('登录成功');
    await shot(page, 'audit-filter-login');
    await expectNoBrowserErrors(b);
  });

  it('lists every action of the catalogue, grouped by context, and shows business actions in Chinese', async () => {
    const page = b.page;
    await page.locator('.ant-pro-query-filter').getByLabel('操作', { exact: true }).click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.locator('.ant-select-item-group').first().waitFor();
    expect(await dropdown.locator('.ant-select-item-group').first().innerText()).toBe('登录与账号'); // the list is virtual: later groups render on scroll
    await page.keyboard.type('采纳指标');
    await dropdown.locator('.ant-select-item-option').filter({ hasText: /^采纳指标月报$/ }).waitFor();
    await shot(page, 'audit-filter-grouped');
    await page.keyboard.press('Escape');
    // Business actions recorded by the demo seed read in Chinese in the table.
    await choose(page, '操作', '创建镇街评价');
    await Promise.all([
      page.waitForResponse((r) => isGet(r, '/api/audit/events', (q) => q.get('action') === 'monitoring.townEvaluation.create')),
      page.getByRole('button', { name: /查\s*询/ }).click(),
    ]);
    await rows(page).first().getByText('镇街评价', { exact: true }).waitFor();
    expect(await rows(page).first().innerText()).not.toContain('town_evaluation');
    await page.locator('.ant-pro-query-filter').getByRole('button', { name: /重\s*置/ }).click();
    expectNoBrowserErrors(b);
  });

  it('expands an event to show each changed field before and after', async () => {
    const page = b.page;
    await page.locator('.ant-pro-query-filter').getByRole('button', { name: /重\s*置/ }).click();
    await choose(page, '操作', '创建单位');
    const [res] = await Promise.all([
      page.waitForResponse((r) => isGet(r, '/api/audit/events', (q) => q.get('action') === 'organisation.create')),
      page.getByRole('button', { name: /查\s*询/ }).click(),
    ]);
    const { items } = (await res.json()) as { items: { changes: Record<string, { before: unknown; after: unknown }> | null }[] };
    const name = items[0]?.changes?.name?.after;
    expect(typeof name).toBe('string');
    const row = rows(page).first();
    await row.getByText('创建单位').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const changes = page.locator('.ant-table-expanded-row').first();
    await changes.getByRole('columnheader', { name: '修改前' }).waitFor();
    await changes.getByRole('columnheader', { name: '修改后' }).waitFor();
    // Field names in Chinese, the recorded code beside them.
    const nameRow = changes.locator('tr').filter({ has: page.locator('[data-field="name"]') });
    const cells = await nameRow.locator('td').allInnerTexts();
    expect(cells.map((c) => c.trim().replace(/\s+/g, ' '))).toEqual(['名称 name', '（空）', name]);
    await changes.locator('tr').filter({ has: page.locator('[data-field="type"]') }).getByText(/企业|高等院校|科研院所|医疗卫生机构|其他/).first().waitFor();
    await rows(page).first().getByText('单位', { exact: true }).waitFor(); // 对象类型 in Chinese, not `organisation`
    await shot(page, 'audit-event-changes');
    await expectNoBrowserErrors(b);
  });

  it('verifies the chains, anchors their heads and exports the trail as Excel', async () => {
    const page = b.page;
    const [verified] = await Promise.all([
      page.waitForResponse((r) => isGet(r, '/api/audit/verify')),
      page.getByRole('button', { name: '校验审计链' }).click(),
    ]);
    const result = (await verified.json()) as { ok: boolean; checked: number };
    expect(result.ok).toBe(true);
    const intact = page.getByText(/^审计链完整，已校验 \d+ 条$/);
    await intact.waitFor();
    const checked = Number(/已校验 (\d+) 条/.exec(await intact.innerText())?.[1]);
    expect(checked).toBe(result.checked);
    expect(checked).toBeGreaterThan(0);
    await page.getByText('未发现篡改、删除或断链').waitFor();
    await shot(page, 'audit-chain-intact');

    const anchorsCard = page.locator('.ant-pro-card').filter({ has: page.locator('.ant-pro-card-title', { hasText: '最近锚点' }) }).last();
    const before = await anchorsCard.locator('.ant-list-item').count();
    await anchorsCard.getByRole('button', { name: '锚定链头' }).click();
    const [anchored] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/audit/anchors' && r.request().method() === 'POST'),
      page.locator('.ant-popconfirm').getByRole('button', { name: /锚\s*定/ }).click(),
    ]);
    expect(anchored.status()).toBeLessThan(300);
    const anchor = (await anchored.json()) as { hash: string };
    await page.getByText('已锚定当前各链链头').waitFor();
    await anchorsCard.getByText(`${anchor.hash.slice(0, 16)}…`).waitFor();
    expect(await anchorsCard.locator('.ant-list-item').count()).toBe(Math.min(before + 1, 5));
    await shot(page, 'audit-anchored');

    const res = await exportExcel(page, '/api/audit/events/export');
    expect(new URL(res.url()).searchParams.get('action')).toBe('organisation.create');
    await expectNoBrowserErrors(b);
  });
});

describe('管理员密码找回: two administrators together recover the third (issue 15 item 5)', () => {
  /** Calls the API from the page with the session and CSRF cookies the web app uses. */
  const apiPost = (page: Page, url: string, body: unknown) =>
    page.evaluate(
      async ([u, b]) => {
        const { token } = (await (await fetch('/api/auth/csrf')).json()) as { token: string };
        const r = await fetch(u as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify(b) });
        return r.status;
      },
      [url, body] as const,
    );

  it('the security administrator opens, the auditor approves, the recovered system administrator must change the one-time password', async () => {
    const page = b.page;
    // A second system administrator to recover, so the demo accounts other journeys use stay as they are.
    await b.context.clearCookies();
    await signIn(page, 'sysadmin');
    await page.waitForURL((u) => u.pathname === '/');
    expect(await apiPost(page, '/api/users', { username: 'sysadmin2', name: '备用系统管理员', phone: '', email: '', roles: ['sysadmin'], organisationId: null })).toBe(201);

    await b.context.clearCookies();
    await signIn(page, 'secadmin');
    await page.waitForURL((u) => u.pathname === '/');
    await Promise.all([page.waitForResponse((r) => isGet(r, '/api/admin-recovery')), page.getByRole('link', { name: '管理员密码找回' }).click()]);
    await pageTitle(page, '管理员密码找回').waitFor();
    await page.getByText('系统管理员的密码由安全管理员和审计管理员共同找回：一人发起，另一人批准').first().waitFor();
    await page.getByLabel('需要找回密码的管理员').click();
    await page.keyboard.type('sysadmin2');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'sysadmin2' }).click();
    await page.getByLabel('原因与核实方式').fill('本人忘记密码，已当面核实身份');
    const [opened] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/admin-recovery' && r.request().method() === 'POST'),
      page.getByRole('button', { name: '发起找回' }).click(),
    ]);
    expect(opened.status()).toBe(201);
    const row = rows(page).filter({ hasText: 'sysadmin2' }).first();
    await row.getByText('待批准').waitFor();
    // The initiator cannot approve their own request.
    expect(await row.getByText('批准', { exact: true }).count()).toBe(0);
    await shot(page, 'admin-recovery-opened');

    await b.context.clearCookies();
    await signIn(page, 'auditor');
    await page.waitForURL((u) => u.pathname === '/');
    await Promise.all([page.waitForResponse((r) => isGet(r, '/api/admin-recovery')), page.getByRole('link', { name: '管理员密码找回' }).click()]);
    const pending = rows(page).filter({ hasText: 'sysadmin2' }).first();
    await pending.getByText('批准', { exact: true }).click();
    const [approved] = await Promise.all([
      page.waitForResponse((r) => /\/api\/admin-recovery\/[^/]+\/approve$/.test(new URL(r.url()).pathname)),
      page.locator('.ant-popconfirm').getByRole('button', { name: /批\s*准/ }).click(),
    ]);
    expect(approved.status()).toBe(200);
    const { temporaryPassword } = (await approved.json()) as { temporaryPassword: string };
    const modal = page.locator('.ant-modal').filter({ hasText: '找回已批准' });
    await modal.waitFor();
    expect(await modal.locator('input').inputValue()).toBe(temporaryPassword);
    await shot(page, 'admin-recovery-approved');
    await modal.getByRole('button', { name: '我已妥善保存' }).click();
    await pending.getByText('已批准').waitFor();

    await b.context.clearCookies();
    await signIn(page, 'sysadmin2', temporaryPassword);
    await page.waitForURL((u) => u.pathname === '/account/password');
    expectNoBrowserErrors(b);
  });
});

describe('the bureau officer browses the organisations', () => {
  it('lists the seeded organisations, sorts by name and exports Excel', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await signIn(page, 'officer');
    await page.waitForURL((u) => u.pathname === '/');
    await Promise.all([page.waitForResponse((r) => isGet(r, '/api/organisations')), page.getByRole('link', { name: '单位列表' }).click()]);
    await pageTitle(page, '单位列表').waitFor();
    for (const name of SEEDED_ORGANISATIONS) await rows(page).filter({ hasText: name }).first().waitFor();
    await rows(page).filter({ hasText: '91330206MA2KC7HX53' }).first().waitFor();
    await shot(page, 'organisations-list');

    const nameHeader = page.locator('th').filter({ hasText: '单位名称' });
    // The name cell also holds the unit's 绩效与诚信档案 link, on its own line.
    const names = async () => (await rows(page).locator('td:first-child').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
    const [asc] = await Promise.all([
      page.waitForResponse((r) => isGet(r, '/api/organisations', (q) => q.get('sort') === 'name')),
      nameHeader.click(),
    ]);
    const ascNames = ((await asc.json()) as { items: { name: string }[] }).items.map((o) => o.name);
    await expect.poll(names).toEqual(ascNames);
    await shot(page, 'organisations-sorted-by-name');
    const [desc] = await Promise.all([
      page.waitForResponse((r) => isGet(r, '/api/organisations', (q) => q.get('sort') === '-name')),
      nameHeader.click(),
    ]);
    const descNames = ((await desc.json()) as { items: { name: string }[] }).items.map((o) => o.name);
    if (ascNames.length < 20) expect(descNames).toEqual([...ascNames].reverse());
    await expect.poll(names).toEqual(descNames);

    const res = await exportExcel(page, '/api/organisations/export');
    expect(new URL(res.url()).searchParams.get('sort')).toBe('-name');
    await expectNoBrowserErrors(b);
  });
});
