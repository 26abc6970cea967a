import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, shot, signIn } from './browser.js';

const ORG = '宁波甬创智能装备有限公司';
const CREDIT_CODE = '91330206MA2KC7HX53';

let b: Browser;
/** The unit administrator's cookies, to come back to after the invitee's own session. */
let unitAdmin: Awaited<ReturnType<Browser['context']['cookies']>>;
beforeAll(async () => {
  b = await openBrowser();
  // One sign-in for the whole file: the login rate limit is shared by every spec.
  await signIn(b.page, 'unitadmin');
  await b.page.waitForURL((u) => u.pathname === '/');
  unitAdmin = await b.context.cookies();
});
afterAll(() => b.close());

/** The value ProDescriptions shows next to a label. */
const described = (page: Page, label: string) =>
  page.locator('.ant-descriptions-item').filter({ has: page.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.ant-descriptions-item-content');
const isOrganisationPut = (r: Request) => r.method() === 'PUT' && /^\/api\/organisations\/[^/]+$/.test(new URL(r.url()).pathname);

async function openMyOrganisation(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/organisations/mine'),
    page.getByRole('link', { name: '本单位信息' }).click(),
  ]);
  await pageTitle(page, '本单位信息').waitFor();
  await described(page, '单位名称').getByText(ORG).waitFor();
}

describe('the unit administrator keeps the organisation profile and invites a colleague', () => {
  it('shows the organisation with its credit code and saves a new contact person', async () => {
    const page = b.page;
    await openMyOrganisation(page);
    expect(await described(page, '统一社会信用代码').innerText()).toContain(CREDIT_CODE);
    await shot(page, 'organisation-profile');

    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '编辑单位信息' });
    await modal.waitFor();
    expect(await modal.getByLabel('统一社会信用代码').inputValue()).toBe(CREDIT_CODE);
    expect(await modal.getByLabel('统一社会信用代码').isDisabled()).toBe(true);
    await modal.getByLabel('联系人').fill('钱主任');
    await shot(page, 'organisation-edit-modal');
    const [res] = await Promise.all([page.waitForResponse((r) => isOrganisationPut(r.request())), modal.getByRole('button', { name: /保\s*存/ }).click()]);
    expect(res.status()).toBe(200);
    await page.getByText('单位信息已保存').waitFor();
    await modal.waitFor({ state: 'hidden' });
    await described(page, '联系人').getByText('钱主任').waitFor();
    // Saved on the server, not only in the page.
    await page.reload();
    await described(page, '联系人').getByText('钱主任').waitFor();
    await shot(page, 'organisation-contact-saved');
    await expectNoBrowserErrors(b);
  });

  it('refuses a bad phone number with a field error and saves nothing', async () => {
    const page = b.page;
    const phone = await described(page, '联系电话').innerText();
    const puts: string[] = [];
    const track = (r: Request) => void (isOrganisationPut(r) && puts.push(r.url()));
    page.on('request', track);
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '编辑单位信息' });
    await modal.getByLabel('联系电话').fill('12345');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    const error = modal.locator('.ant-form-item-explain-error').filter({ hasText: '请填写正确的手机号或固定电话' });
    await error.waitFor();
    await shot(page, 'organisation-bad-phone');
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await modal.waitFor({ state: 'hidden' });
    page.off('request', track);
    expect(puts).toEqual([]);
    await page.reload();
    await described(page, '联系人').getByText('钱主任').waitFor();
    expect(await described(page, '联系电话').innerText()).toBe(phone);
    await expectNoBrowserErrors(b);
  });

  it('invites 钱同事, who creates an account through the one-time link', async () => {
    const page = b.page;
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/invitations')),
      page.getByRole('link', { name: '成员与邀请' }).click(),
    ]);
    await pageTitle(page, '成员与邀请').waitFor();
    await page.getByRole('button', { name: '邀请成员' }).click();
    const form = page.locator('.ant-modal').filter({ hasText: '受邀人姓名' });
    await form.getByLabel('受邀人姓名').fill('钱同事');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/invitations')),
      form.getByRole('button', { name: '生成邀请链接' }).click(),
    ]);
    expect(created.status()).toBe(201);
    const secret = page.locator('.ant-modal').filter({ hasText: '邀请链接已生成' });
    await secret.waitFor();
    const link = await secret.getByLabel('邀请链接').inputValue();
    expect(link).toMatch(/\/invite\/[^/]+$/);
    const token = link.slice(link.lastIndexOf('/') + 1);
    await shot(page, 'invitation-link-once');
    await secret.getByRole('button', { name: '我已妥善保存' }).click();
    await secret.waitFor({ state: 'hidden' });
    const invitation = page.locator('.ant-pro-table').filter({ hasText: '邀请记录' }).locator('.ant-table-row').filter({ hasText: '钱同事' });
    await invitation.getByText('待接受').waitFor();
    // Shown once: the page no longer holds the link.
    expect(await page.content()).not.toContain(token);

    // The colleague, with no session, opens the link and creates an account.
    await b.context.clearCookies();
    await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === `/api/invitations/${token}`), page.goto(link)]);
    await page.locator('.ant-descriptions-item-content').getByText(ORG).waitFor();
    await page.getByText(`${ORG}邀请您加入科创平台`).waitFor();
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('钱同事');
    await page.getByLabel('用户名', { exact: true }).fill('e2einvitee');
    await page.getByLabel('密码', { exact: true }).fill('Colleague#2026');
    await page.getByLabel('确认密码').fill('Colleague#2026');
    await shot(page, 'invitation-accept-form');
    const [accepted] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/invitations/${token}/accept`),
      page.getByRole('button', { name: '创建账号并登录' }).click(),
    ]);
    expect(accepted.status()).toBeLessThan(300);
    await page.waitForURL((u) => u.pathname === '/');
    await pageTitle(page, '工作台').waitFor();
    await page.locator('.ant-descriptions-item').filter({ hasText: '所属单位' }).getByText(ORG).waitFor();
    await page.getByText('钱同事').first().waitFor();
    await shot(page, 'invitee-home');

    // The link is single-use.
    await page.goto(link);
    await page.getByText('邀请链接无效或已失效').waitFor();
    await expectNoBrowserErrors(b);
  });

  it('the new colleague, an applicant but not the unit administrator, sees 本单位信息 without 编辑', async () => {
    const page = b.page;
    await page.goto('/');
    await pageTitle(page, '工作台').waitFor();
    await openMyOrganisation(page);
    expect(await described(page, '统一社会信用代码').innerText()).toContain(CREDIT_CODE);
    await described(page, '联系人').getByText('钱主任').waitFor();
    await page.getByText('单位信息由本单位管理员维护，如需修改请联系单位管理员。').waitFor();
    expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '成员与邀请' }).count()).toBe(0);
    await shot(page, 'organisation-profile-applicant');
    await expectNoBrowserErrors(b);
  });

  it('back as the unit administrator, the member is listed and the invitation accepted', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await b.context.addCookies(unitAdmin);
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/members')),
      page.goto('/organisation/members'),
    ]);
    const member = page.locator('.ant-pro-table').filter({ hasText: '单位成员' }).locator('.ant-table-row').filter({ hasText: 'e2einvitee' });
    await member.waitFor();
    expect(await member.innerText()).toContain('钱同事');
    expect(await member.innerText()).toContain('申报单位用户');
    const invitations = page.locator('.ant-pro-table').filter({ hasText: '邀请记录' });
    await invitations.locator('.ant-table-row').filter({ hasText: '钱同事' }).getByText('已接受').waitFor();
    expect(await invitations.locator('.ant-table-row').filter({ hasText: '钱同事' }).getByText('待接受').count()).toBe(0);
    await shot(page, 'members-after-invitation');
    await expectNoBrowserErrors(b);
  });
});
