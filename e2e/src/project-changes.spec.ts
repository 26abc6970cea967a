/**
 * 项目变更: the applicant reads the table of change types on a signed demo project and asks for a 6-month
 * extension (the form shows the current and the new effective end and every deadline that moves); the officer
 * approves it with reasons; the header's 执行期, the effective end and the acceptance deadline move; a second
 * extension is refused with the reason in Chinese. Signing belongs to the task-book part: while the spec's own
 * server is stopped, the demo projects still awaiting a signature (but the first) are signed as it would have.
 */
import { PGlite } from '@electric-sql/pglite';
import { addMonths, type ProjectChanges } from '@kechuang/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, shot, signIn } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

let server: OwnServer;
let applicant: Browser;
let officer: Browser;
let projectId = '';

async function withDatabase<T>(work: (db: PGlite) => Promise<T>): Promise<T> {
  await server.stop();
  const db = await PGlite.create(server.dataDir);
  try {
    return await work(db);
  } finally {
    await db.close();
    await server.start();
  }
}

beforeAll(async () => {
  server = await ownServer();
  projectId = await withDatabase(async (db) => {
    const batch = (await db.query<{ id: string; state: string }>(`select p.id, p.state from projects p join calls c on c.id = p.call_id where c.title like '%演示·已立项批次%' order by p.project_no`)).rows;
    expect(batch.length).toBeGreaterThanOrEqual(7);
    for (const p of batch.slice(1).filter((x) => x.state === 'approved')) {
      const v = (await db.query<{ id: string; content_hash: string }>(`select id, content_hash from task_book_versions where project_id = '${p.id}' order by version_no desc limit 1`)).rows[0]!;
      await db.exec(`update task_book_versions set status = 'signing', frozen_at = now() where id = '${v.id}' and status = 'draft';
        insert into task_book_signatures (version_id, party, signed_by, signer_name, signed_at, content_hash)
          select '${v.id}', 'bureau', id, '周经办', now(), '${v.content_hash}' from users where username = 'officer' on conflict do nothing;
        insert into task_book_signatures (version_id, party, signed_by, signer_name, signed_at, content_hash)
          select '${v.id}', 'undertaker', u.id, u.name, now(), '${v.content_hash}' from users u join projects p on p.organisation_id = u.organisation_id where p.id = '${p.id}' limit 1 on conflict do nothing;
        update task_book_versions set status = 'signed', signed_at = now() where id = '${v.id}';
        update projects set state = 'executing', state_changed_at = now() where id = '${p.id}';
        insert into project_events (id, project_id, at, kind, summary, detail) values (gen_random_uuid(), '${p.id}', now(), 'taskBook.signed', '任务书已签订生效（演示）', '{}'::jsonb);`);
    }
    // A signed project of the demo applicant's organisation with no extension asked for yet.
    const row = (await db.query<{ id: string }>(`select p.id from projects p join calls c on c.id = p.call_id join users u on u.organisation_id = p.organisation_id and u.username = 'applicant'
      where c.title like '%演示·已立项批次%' and p.state = 'executing' and not exists (select 1 from project_changes x where x.project_id = p.id and x.type = 'extension') order by p.project_no limit 1`)).rows[0];
    expect(row, 'a signed demo project of the applicant').toBeDefined();
    return row!.id;
  });
  applicant = await openBrowser({ baseURL: server.baseURL });
  officer = await openBrowser({ baseURL: server.baseURL });
  for (const b of [applicant, officer]) await b.page.setViewportSize({ width: 1280, height: 720 });
  await signIn(applicant.page, 'applicant');
  await signIn(officer.page, 'officer');
}, 300_000);
afterAll(async () => {
  await applicant?.close();
  await officer?.close();
  await server?.dispose();
});

const changesOf = async (page: Page) => (await (await page.request.get(`/api/projects/${projectId}/changes`)).json()) as ProjectChanges;
const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

async function openChanges(page: Page) {
  await page.goto(`/projects/${projectId}?tab=changes`);
  await page.getByText('变更类型表').waitFor();
}

describe('项目变更: an extension approved moves every deadline', () => {
  let before: ProjectChanges;

  it('the applicant sees the table of change types and asks for 6 months; the form shows the new effective end and the deadlines that move', async () => {
    const page = applicant.page;
    await openChanges(page);
    before = await changesOf(page);
    expect(before.canRequest).toBe(true);
    const extensionRow = page.locator('tr', { hasText: '项目延期' });
    await extensionRow.getByText('科技局审批').waitFor();
    await page.locator('tr', { hasText: '预算调整（科目之间）' }).getByText('承担单位审批（报科技局备案）').waitFor();
    await noSidewaysScroll(page);
    await shot(page, 'project-changes-types');

    await extensionRow.getByRole('button', { name: '申请变更' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '申请项目延期' });
    const after = addMonths(before.effectiveEndDate!, 6);
    await dialog.getByTestId('extension-new-end').filter({ hasText: after }).waitFor();
    await dialog.getByText('验收申请截止').waitFor();
    await dialog.getByLabel('变更理由').fill('关键设备进口交付推迟，申请延期6个月（演示）');
    await shot(page, 'project-changes-extension-form');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/changes`) && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /提\s*交\s*申\s*请/ }).click(),
    ]);
    expect(res.status(), await res.text()).toBe(201);
    await page.locator('.ant-table-row', { hasText: '延期 6 个月' }).getByText('待审批').waitFor();
    await expectNoBrowserErrors(applicant);
  });

  it('the officer approves with reasons: the header 执行期, the effective end and the acceptance deadline move', async () => {
    const page = officer.page;
    await openChanges(page);
    const row = page.locator('.ant-table-row', { hasText: '延期 6 个月' });
    await row.getByRole('button', { name: /^批\s*准$/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '批准变更第' });
    await dialog.getByLabel('决定理由').fill('设备交付推迟属实，同意延期6个月（演示）');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/projects/${projectId}/changes/`) && r.url().endsWith('/approve')),
      dialog.getByRole('button', { name: /^批\s*准$/ }).click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const after = addMonths(before.effectiveEndDate!, 6);
    await row.getByText('已批准').waitFor();
    await page.getByTestId('changes-effective-end').filter({ hasText: after }).waitFor();
    await page.locator('.ant-descriptions-item', { hasText: '执行期' }).getByText(`${before.startDate} 至 ${after}`).waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const acceptance = page.locator('tr.ant-table-row', { hasText: '验收申请截止' });
    await acceptance.getByText(addMonths(after, before.settings.acceptanceWindowMonths)).waitFor();
    await acceptance.getByText(addMonths(before.effectiveEndDate!, before.settings.acceptanceWindowMonths)).waitFor();
    await noSidewaysScroll(page);
    await shot(page, 'project-changes-approved');
    const now = await changesOf(page);
    expect(now.effectiveEndDate).toBe(after);
    expect(now.approvedExtensionMonths).toEqual([6]);
    await expectNoBrowserErrors(officer);
  });

  it('a second extension is refused, with the reason in Chinese', async () => {
    const page = applicant.page;
    await openChanges(page);
    await page.locator('tr', { hasText: '项目延期' }).getByRole('button', { name: '申请变更' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '申请项目延期' });
    await dialog.getByLabel('变更理由').fill('再次申请延期（演示）');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/changes`) && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /提\s*交\s*申\s*请/ }).click(),
    ]);
    expect(res.status()).toBe(422);
    await dialog.getByTestId('change-refused').filter({ hasText: '延期次数已达上限：本项目已批准延期1次，最多1次' }).waitFor();
    await shot(page, 'project-changes-second-refused');
    await expectNoBrowserErrors(applicant);
  });
});
