/**
 * The applicant's journey through one application in the browser (issue 12 "Done means"): every part filled by
 * keyboard and mouse, left and found intact, a server restart mid-edit and a lost connection that lose nothing,
 * submission with the frozen PDF, withdrawal and resubmission; the unit admin endorses; the officer returns it with
 * a reason on a field, which the applicant sees beside that field, revises and resubmits; endorsed again; accepted
 * once 查重 has run. The spec runs a server of its own so it can restart it.
 */
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, shot, signIn } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

let server: OwnServer;
let applicant: Browser;
let admin: Browser | undefined;
let officer: Browser | undefined;
let applicationId = '';
const LONG = 600_000;

beforeAll(async () => {
  server = await ownServer();
  applicant = await openBrowser({ baseURL: server.baseURL });
  await signIn(applicant.page, 'applicant');
  await applicant.page.waitForURL((u) => u.pathname === '/');
}, 240_000);
afterAll(async () => {
  await applicant?.close();
  await admin?.close();
  await officer?.close();
  await server?.dispose();
});

/** The input editing a field path (the editor gives each the id af-<path>). */
const f = (page: Page, path: string): Locator => page.locator(`[id="af-${path}"]`);
const status = (page: Page) => page.getByTestId('save-status');
const saved = (page: Page) => status(page).filter({ hasText: /已保存 第\d+版/ }).waitFor({ timeout: 30_000 });
const state = (page: Page, label: string | RegExp) => page.getByTestId('application-state').filter({ hasText: label }).waitFor({ timeout: 30_000 });
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true }).click();

async function choose(page: Page, path: string, option: string | RegExp, multiple = false) {
  await f(page, path).click({ force: true });
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  // A multiple select stays open for more choices.
  if (multiple) await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}
async function day(page: Page, path: string, value: string) {
  await f(page, path).click();
  await f(page, path).fill(value);
  await f(page, path).press('Enter');
}
async function confirm(page: Page) {
  const dialog = page.locator('.ant-modal-confirm').last();
  await dialog.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await dialog.waitFor({ state: 'detached' });
}
/** A write from the page with its session and CSRF token, as the 附件 slots do (mounted by another part of issue 12). */
async function pageFetch<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const { token } = (await (await fetch('/api/auth/csrf')).json()) as { token: string };
      const r = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, json: (await r.json().catch(() => null)) as T };
    },
    { method, url, body },
  );
}

/** The refused connections while the server is down or the network cut are the point of those tests, not errors of the page. */
function forgetConnectionErrors() {
  const kept = applicant.errors.filter((e) => !/Failed to load resource: net::ERR_(CONNECTION_REFUSED|INTERNET_DISCONNECTED|FAILED|EMPTY_RESPONSE|CONNECTION_RESET)/.test(e));
  applicant.errors.splice(0, applicant.errors.length, ...kept);
}

async function fillTextSections(page: Page, suffix: string) {
  await tab(page, '申报书正文');
  // The template's sections are inner tabs numbered 一、二、…
  const inner = page.getByRole('tab', { name: /^[一二三四五六七八九十]、/ });
  await inner.first().waitFor();
  const n = await inner.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    await inner.nth(i).click();
    const areas = page.locator('textarea[id^="af-sections."]:visible');
    await areas.first().waitFor();
    for (let j = 0; j < (await areas.count()); j++) await areas.nth(j).fill(`本项目围绕一体化压铸模具开展研究，第${i + 1}章第${j + 1}项${suffix}。`);
  }
}

describe('an application from draft to 受理 in the browser (issue 12)', () => {
  it('the applicant starts a draft and fills every part by keyboard and mouse', async () => {
    const page = applicant.page;
    await page.goto('/applications');
    await page.getByRole('button', { name: /我要申报/ }).click();
    for (const [label, option] of [['申报指南', /北仑区关键核心技术攻关项目申报指南/], ['指南条目', 'BL-2026-02'], ['项目类别', '强链类']] as const) {
      await page.getByLabel(label, { exact: true }).click();
      const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
      await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
      await dropdown.waitFor({ state: 'hidden' });
    }
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/applications') && r.request().method() === 'POST'), page.getByRole('button', { name: /确\s*定/ }).click()]);
    expect(res.status(), await res.text()).toBe(201);
    const created = (await res.json()) as { id: string; applicationNo: string; version: number; content: object };
    applicationId = created.id;

    // The list links to the editor.
    await page.getByRole('link', { name: created.applicationNo }).click();
    await page.waitForURL((u) => u.pathname === `/applications/${applicationId}`);
    await page.getByTestId('checks-panel').waitFor();
    await shot(page, 'journey-01-empty-editor');

    // The call's two required materials, uploaded into their slots in the 附件 tab.
    await tab(page, '附件');
    for (const [label, name] of [['营业执照或法人登记证书', '营业执照.pdf'], ['财务报表（上年度审计报告）', '2025年审计报告.pdf']] as const) {
      const row = page.locator('tr').filter({ hasText: label }).first();
      const [up] = await Promise.all([
        page.waitForResponse((r) => r.url().includes(`/api/applications/${applicationId}/attachments/`) && r.request().method() === 'POST'),
        row.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) }),
      ]);
      expect(up.status(), await up.text()).toBe(201);
      await row.getByText(name).waitFor();
    }
    await shot(page, 'journey-01b-attachments');
    await tab(page, '基本信息');

    await f(page, 'basic.title').fill('大型一体化压铸高端模具设计与制造关键技术');
    await choose(page, 'basic.fieldCode', '高端装备');
    await choose(page, 'basic.subDirection', '高端模具');
    await choose(page, 'basic.taskType', '重大关键共性技术攻关');
    await page.locator('[id="af-basic.industrialisationOriented"] label').filter({ hasText: /^否$/ }).click();
    await f(page, 'basic.industryChain').fill('器件');
    await f(page, 'basic.innovationChain').fill('技术开发');
    await day(page, 'basic.startDate', '2026-07-01');
    await day(page, 'basic.endDate', '2028-06-30');
    await f(page, 'basic.keywords').click({ force: true });
    await page.keyboard.type('一体化压铸,模具,热处理,');
    await choose(page, 'basic.leadTiers', '产业链', true);
    await saved(page);
    await shot(page, 'journey-02-basic-info');

    await tab(page, '考核指标');
    await page.getByRole('button', { name: /添加考核指标/ }).click();
    await page.getByRole('button', { name: /添加考核指标/ }).click();
    const indicators = [
      ['技术指标', '模具寿命', '模次', '50000', '100000', '第三方检测报告'],
      ['经济指标', '新增销售收入', '万元', '0', '5000', '财务审计报告'],
    ];
    for (const [i, [kind, name, unit, current, target, verification]] of indicators.entries()) {
      await choose(page, `indicators.${i}.kind`, kind!);
      await f(page, `indicators.${i}.name`).fill(name!);
      await f(page, `indicators.${i}.unit`).fill(unit!);
      await f(page, `indicators.${i}.currentValue`).fill(current!);
      await f(page, `indicators.${i}.targetValue`).fill(target!);
      await f(page, `indicators.${i}.verification`).fill(verification!);
    }
    await shot(page, 'journey-03-indicators');

    await tab(page, '年度计划');
    for (const [i, [goals, date, milestone]] of [['完成设计仿真平台', '2026-12-31', '仿真平台上线'], ['完成样模试制', '2027-12-31', '样模通过验证']].entries()) {
      await page.getByRole('button', { name: /添加年度/ }).click();
      await f(page, `yearlyPlan.${i}.goals`).fill(goals!);
      await page.getByRole('button', { name: /添加里程碑/ }).nth(i).click();
      await day(page, `yearlyPlan.${i}.milestones.0.date`, date!);
      await f(page, `yearlyPlan.${i}.milestones.0.description`).fill(milestone!);
    }
    await expect(f(page, 'yearlyPlan.1.year').inputValue()).resolves.toBe('2027');
    await shot(page, 'journey-04-yearly-plan');

    await tab(page, '项目团队');
    await f(page, 'team.leader.name').fill('张示例');
    await f(page, 'team.leader.title').fill('正高级工程师');
    await f(page, 'team.leader.birthYear').fill('1980');
    await f(page, 'team.leader.idNumber').fill('330206198001011230');
    await page.getByRole('button', { name: /添加团队成员/ }).click();
    await f(page, 'team.members.0.name').fill('李示例');
    await f(page, 'team.members.0.title').fill('高级工程师');
    await f(page, 'team.members.0.role').fill('仿真分析');
    await f(page, 'team.members.0.timeSharePercent').fill('60');
    await saved(page);
    await shot(page, 'journey-05-team');

    await tab(page, '合作单位');
    await page.getByRole('button', { name: /添加合作单位/ }).click();
    await f(page, 'partners.0.name').fill('宁波海湾先进制造研究院');
    await f(page, 'partners.0.creditCode').fill('52330206MJ9F3R4N8A');
    await choose(page, 'partners.0.type', '科研院所');
    await f(page, 'partners.0.region').fill('浙江省宁波市北仑区');
    await f(page, 'partners.0.workSharePercent').fill('20');
    await f(page, 'partners.0.budgetSharePercent').fill('10');
    await shot(page, 'journey-06-partners');

    await tab(page, '经费预算');
    await page.getByLabel('设备费 财政经费（区级）（万元）').fill('200');
    await page.getByLabel('设备费 自筹经费（万元）').fill('300');
    await page.getByLabel('材料费 财政经费（区级）（万元）').fill('100');
    await page.getByLabel('材料费 自筹经费（万元）').fill('400');
    await expect(page.getByTestId('budget-total').innerText()).resolves.toBe('1,000万');
    await expect(page.getByTestId('budget-row-total-equipment').innerText()).resolves.toBe('500万');
    await saved(page);
    // The quote is the server's (computeFunding): BL-5 30% of 1,000万 = 300万, at the BL-6 cap.
    await page.getByTestId('funding-quote').filter({ hasText: '300万' }).waitFor();
    await shot(page, 'journey-07-budget');

    await fillTextSections(page, '');
    await saved(page);
    await page.getByTestId('checks-panel').getByText('可以提交').waitFor();
    await shot(page, 'journey-08-text-sections-ready');
    await expectNoBrowserErrors(applicant);
  }, LONG);

  it('leaves the page and comes back to find every part intact; the ID number is shown masked', async () => {
    const page = applicant.page;
    await page.getByRole('link', { name: '申报书' }).first().click();
    await page.waitForURL((u) => u.pathname === '/applications');
    await page.getByRole('link', { name: '大型一体化压铸高端模具设计与制造关键技术' }).click();
    await page.getByTestId('checks-panel').waitFor();
    await expect(f(page, 'basic.title').inputValue()).resolves.toBe('大型一体化压铸高端模具设计与制造关键技术');
    await tab(page, '项目团队');
    const id = await f(page, 'team.leader.idNumber').inputValue();
    expect(id).toMatch(/\*/);
    expect(id).not.toBe('330206198001011230');
    await tab(page, '经费预算');
    await expect(page.getByTestId('budget-total').innerText()).resolves.toBe('1,000万');
    await shot(page, 'journey-09-back-intact');
  }, LONG);

  it('a server restart mid-edit loses nothing: the edit typed while it is down is kept and sent when it is back', async () => {
    const page = applicant.page;
    await tab(page, '申报书正文');
    const area = f(page, 'sections.background.trends');
    await area.fill('重启前输入：结合国家重大需求，分析国内外发展趋势。');
    await server.stop();
    const typedWhileDown = '服务器重启期间输入：结合国家重大需求，分析国内外一体化压铸发展趋势。';
    await area.fill(typedWhileDown);
    await status(page).filter({ hasText: '连接中断' }).waitFor({ timeout: 30_000 });
    await shot(page, 'journey-10-server-down-kept-locally');
    await server.start();
    // The editor retries by itself; nothing to click.
    await saved(page);
    await page.reload();
    await page.getByTestId('checks-panel').waitFor();
    await tab(page, '申报书正文');
    await expect(f(page, 'sections.background.trends').inputValue()).resolves.toBe(typedWhileDown);
    forgetConnectionErrors();
  }, LONG);

  it('a dropped connection and a closed tab lose nothing: the edit is offered back and sent', async () => {
    let page = applicant.page;
    await page.route('**/api/applications/*/draft', (r) => r.abort('internetdisconnected'));
    const unsent = '断网后输入并关闭了页面的内容：宁波相关产业基础与需求分析。';
    await tab(page, '申报书正文');
    await f(page, 'sections.background.localBase').fill(unsent);
    await status(page).filter({ hasText: '连接中断' }).waitFor({ timeout: 30_000 });
    await page.close();
    page = await applicant.context.newPage();
    applicant.page = page;
    page.on('pageerror', (e) => applicant.errors.push(`pageerror: ${e.message}`));
    await page.goto(`/applications/${applicationId}`);
    // Closing the browser's last tab may end its session cookie too: then the applicant signs in again first.
    await page.getByTestId('checks-panel').or(page.getByPlaceholder(/用户名/)).first().waitFor();
    if (new URL(page.url()).pathname === '/login') {
      await signIn(page, 'applicant');
      await page.goto(`/applications/${applicationId}`);
    }
    const offer = page.locator('.ant-modal-confirm').filter({ hasText: '恢复未保存的内容' });
    await offer.waitFor();
    await shot(page, 'journey-11-offered-back');
    await offer.getByRole('button', { name: /恢\s*复/ }).click();
    await saved(page);
    await tab(page, '申报书正文');
    await expect(f(page, 'sections.background.localBase').inputValue()).resolves.toBe(unsent);
    forgetConnectionErrors();
  }, LONG);

  it('a save from another window meets 409: both versions side by side, 保留我的修改 saves on the new base; two versions compared', async () => {
    const page = applicant.page;
    type Detail = { version: number; content: { basic: { keywords: string[] } & Record<string, unknown> } & Record<string, unknown> };
    const detail = await page.evaluate(async (id) => (await (await fetch(`/api/applications/${id}`)).json()) as Detail, applicationId);
    const other = await pageFetch(page, 'PUT', `/api/applications/${applicationId}/draft`, { baseVersion: detail.version, content: { ...detail.content, basic: { ...detail.content.basic, keywords: [...detail.content.basic.keywords, '另一窗口'] } } });
    expect(other.status).toBe(200);
    await tab(page, '基本信息');
    await f(page, 'basic.title').fill('大型一体化压铸高端模具设计与制造关键技术研究');
    const modal = page.locator('.ant-modal').filter({ hasText: '申报书已在别处保存了更新的版本' });
    await modal.waitFor();
    await modal.getByText('大型一体化压铸高端模具设计与制造关键技术研究').waitFor();
    await modal.getByText('另一窗口').waitFor();
    await shot(page, 'journey-11b-conflict');
    await modal.getByRole('button', { name: /保留我的修改/ }).click();
    await saved(page);
    await expect(f(page, 'basic.title').inputValue()).resolves.toBe('大型一体化压铸高端模具设计与制造关键技术研究');

    await page.getByRole('button', { name: /版本记录/ }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '版本记录' });
    await drawer.getByRole('button', { name: /比\s*较/ }).click();
    const diff = drawer.getByTestId('version-diff');
    await diff.getByText('项目名称').first().waitFor();
    await diff.getByText('大型一体化压铸高端模具设计与制造关键技术研究').waitFor();
    await shot(page, 'journey-11c-versions-compared');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  }, LONG);

  it('submits, downloads the frozen PDF receipt, withdraws and submits again', async () => {
    const page = applicant.page;
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    await confirm(page);
    await state(page, '已提交');
    await shot(page, 'journey-12-submitted');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载申报书回执/ }).click()]);
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByRole('button', { name: /^撤\s*回$/ }).click();
    await confirm(page);
    await state(page, '草稿');
    await shot(page, 'journey-13-withdrawn');
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    await confirm(page);
    await state(page, '已提交');
    await expectNoBrowserErrors(applicant);
  }, LONG);

  it('the unit admin endorses it', async () => {
    admin = await openBrowser({ baseURL: server.baseURL });
    await signIn(admin.page, 'unitadmin');
    await admin.page.goto(`/applications/${applicationId}`);
    await admin.page.getByRole('button', { name: /审核通过/ }).click();
    await confirm(admin.page);
    await state(admin.page, '单位已审核');
    await shot(admin.page, 'journey-14-endorsed');
    await expectNoBrowserErrors(admin);
  }, LONG);

  it('the officer returns it with a reason on one field', async () => {
    officer = await openBrowser({ baseURL: server.baseURL });
    await signIn(officer.page, 'officer');
    const page = officer.page;
    await page.goto(`/applications/${applicationId}`);
    await page.getByRole('button', { name: '查重报告' }).waitFor();
    await page.getByRole('button', { name: /^退\s*回$/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '退回修改' });
    await modal.getByLabel('第1条理由对应的栏目').click();
    await page.keyboard.type('项目目标');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '项目实施思路 · 项目目标' }).click();
    await modal.getByLabel('第1条退回理由').fill('项目目标须量化，写明寿命、精度等可考核的数值');
    await shot(page, 'journey-15-return-reasons');
    await modal.getByRole('button', { name: /确认退回/ }).click();
    await state(page, '已退回修改');
    await expectNoBrowserErrors(officer);
  }, LONG);

  it('the applicant sees the reason beside the field, revises and resubmits; the unit admin endorses again', async () => {
    const page = applicant.page;
    await page.reload();
    await state(page, '已退回修改');
    const summary = page.getByTestId('return-summary');
    await summary.getByText('项目目标须量化').waitFor();
    await summary.getByRole('link', { name: /项目目标/ }).click();
    const beside = page.getByTestId('return-reason-sections.plan.goals');
    await beside.getByText('项目目标须量化，写明寿命、精度等可考核的数值').waitFor();
    // The link took the applicant to the field itself.
    await page.waitForFunction(() => document.activeElement?.id === 'af-sections.plan.goals');
    await shot(page, 'journey-16-reason-beside-field');
    await f(page, 'sections.plan.goals').fill('模具寿命由5万模次提高到10万模次，型面精度达到±0.05毫米。');
    await saved(page);
    await page.getByRole('button', { name: /^重新提交$/ }).click();
    await confirm(page);
    await state(page, '已提交');
    await shot(page, 'journey-17-resubmitted');
    await expectNoBrowserErrors(applicant);

    await admin!.page.reload();
    await admin!.page.getByRole('button', { name: /审核通过/ }).click();
    await confirm(admin!.page);
    await state(admin!.page, '单位已审核');
  }, LONG);

  it('the officer accepts it once 查重 has run', async () => {
    const page = officer!.page;
    // The check runs as a job after the submission commits; acceptance is refused until it is done.
    // Polls the server's state (the report of the latest submitted version is done), not a fixed sleep.
    await expect
      .poll(
        () =>
          page.evaluate(async (id) => {
            const detail = (await (await fetch(`/api/applications/${id}`)).json()) as { submittedVersion: number };
            const report = (await (await fetch(`/api/applications/${id}/duplicate-report`)).json()) as { status?: string; version?: number };
            return report.status === 'done' && report.version === detail.submittedVersion;
          }, applicationId),
        { timeout: 180_000, interval: 1_000, message: '查重 of the latest submission is done' },
      )
      .toBe(true);
    await page.reload();
    // 形式审查: every item of the call's checklist recorded pass, with the officer's reason.
    await tab(page, '形式审查');
    const groups = page.getByRole('radiogroup', { name: /审查结论$/ });
    await groups.first().waitFor();
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByText('通过', { exact: true }).click();
    const reasons = page.getByRole('textbox', { name: /理由$/ });
    for (let i = 0; i < (await reasons.count()); i++) await reasons.nth(i).fill('经核实符合要求');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/applications/${applicationId}/formal-review`) && r.request().method() === 'PUT'),
      page.locator('.ant-card').filter({ hasText: '形式审查' }).getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(200);
    await shot(page, 'journey-17b-formal-review');
    await page.getByRole('button', { name: /^受\s*理$/ }).click();
    await confirm(page);
    await state(page, '已受理');
    await shot(page, 'journey-18-accepted');
    await expectNoBrowserErrors(officer!);
  }, LONG);
});
