/**
 * 任务书 in the browser (issue 14): the officer opens an approved project, sees a lowered indicator refused beside
 * its field, fixes it, marks an indicator non-core and submits the task book for signing; the undertaker signs as
 * 乙方, the officer as 甲方, and the project shows 执行中; the signed PDF downloads. A supplement drafted by an
 * approved change is then compared with the signed version side by side. The approval itself is the review
 * part's: this spec runs a server of its own in this process and approves projects through the real use case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskBookContent } from '@kechuang/domain';
import { buildApp } from '../../packages/server/src/app.js';
import { openDatabase, type Database } from '../../packages/server/src/db/client.js';
import { seedDemo } from '../../packages/server/src/db/seed/demo.js';
import { seedPlans } from '../../packages/server/src/db/seed/monitoring.js';
import { seedProgrammes } from '../../packages/server/src/db/seed/programmes.js';
import { draftTaskBookSupplement } from '../../packages/server/src/modules/projects/task-book-edit.js';
import { taskBookInForce } from '../../packages/server/src/modules/projects/task-book-store.js';
import { actorOf, approvedProjects } from '../../packages/server/test/project-fixtures.js';
import { rawSql, TestClient, testConfig, type TestApp } from '../../packages/server/test/helpers.js';
import { type Browser, expectNoBrowserErrors, openBrowser, shot, signIn } from './browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    runId: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let database: Database;
let app: FastifyInstance;
let t: TestApp;
let baseURL: string;
let projectId: string;
let officer: Browser;
let applicant: Browser;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-e2e-task-book-'));
  database = await openDatabase({ databaseUrl: null, dataDir: path.join(tmp, 'data') });
  await database.migrate();
  await seedProgrammes(database.db);
  await seedPlans(database.db);
  await seedDemo(database.db);
  app = await buildApp({ database, config: { ...testConfig, webDist: path.join(root, 'packages/web/dist') } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseURL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let ip = 1;
  t = { app, db: database.db, database, client: () => new TestClient(app, `10.78.0.${ip++}`), auditTampered: () => {}, close: async () => {} };
  // The first project belongs to the demo applicant's organisation (round-robin in the fixture).
  projectId = (await approvedProjects(t, 1, 2_500_000)).projectIds[0]!;
  officer = await openBrowser({ baseURL });
  await signIn(officer.page, 'officer');
  applicant = await openBrowser({ baseURL });
  await signIn(applicant.page, 'applicant');
}, 240_000);
afterAll(async () => {
  await officer?.close();
  await applicant?.close();
  await app?.close();
  await database?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const confirm = async (page: Browser['page'], name: RegExp, url: string) => {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(url) && r.request().method() !== 'GET'), page.locator('.ant-modal-confirm').getByRole('button', { name }).click()]);
  expect(res.status(), await res.text()).toBe(200);
};

describe('任务书: check, freeze, sign, PDF', () => {
  it('the officer sees a lowered indicator refused beside its field, fixes it, marks one non-core and submits for signing (提交签署)', async () => {
    const page = officer.page;
    await page.goto(`/projects/${projectId}`);
    // An approved project opens at the task book.
    await page.getByRole('tab', { name: '任务书', selected: true }).waitFor();
    await page.getByText('草拟中').first().waitFor();
    await page.getByText(/已与申报书逐项核对/).waitFor();
    await shot(page, 'project-task-book-draft');

    await page.getByRole('button', { name: '编辑草稿' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('目标值 1').fill('1');
    const [saved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/task-book/draft')), drawer.getByRole('button', { name: /保存草稿/ }).click()]);
    expect(saved.status()).toBe(200);
    await drawer.getByText(/目标值低于原要求/).waitFor();
    await shot(page, 'project-task-book-editor-refused');

    await drawer.getByLabel('目标值 1').fill('120000');
    await drawer.getByLabel('核心指标 2').click();
    await page.locator('.ant-select-dropdown:visible').getByText('非核心', { exact: true }).click();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/task-book/draft')), drawer.getByRole('button', { name: /保存草稿/ }).click()]);
    await drawer.waitFor({ state: 'hidden' });
    await page.getByText('非核心', { exact: true }).waitFor();

    await page.getByRole('button', { name: /提交签署/ }).click();
    await confirm(page, /提交签署/, '/freeze');
    await page.getByText(/待签署：甲方（科技局）、乙方（承担单位）/).waitFor();
    await shot(page, 'project-task-book-signing');
    await expectNoBrowserErrors(officer);
  });

  it('the undertaker signs as 乙方, the officer as 甲方, and the project shows 执行中', async () => {
    const page = applicant.page;
    await page.goto(`/projects/${projectId}`);
    await page.getByRole('button', { name: /签署（乙方（承担单位））/ }).click();
    await page.locator('.ant-modal-confirm').getByText(/签署后不可撤回/).waitFor();
    await shot(page, 'project-task-book-undertaker-confirm');
    await confirm(page, /确认签署/, '/sign');
    await page.getByText(/待签署：甲方（科技局）/).waitFor();
    await expect.poll(async () => page.getByRole('button', { name: /签署（/ }).count()).toBe(0);

    const o = officer.page;
    await o.reload();
    await o.getByRole('button', { name: /签署（甲方（科技局））/ }).click();
    await confirm(o, /确认签署/, '/sign');
    await o.locator('.ant-page-header').getByText('执行中').waitFor();
    await o.getByRole('tab', { name: '任务书' }).click();
    await o.getByText('现行', { exact: true }).waitFor();
    await shot(o, 'project-task-book-signed');
    expect((await rawSql(t.db, `select state from projects where id = '${projectId}'`))[0]!.state).toBe('executing');
    await expectNoBrowserErrors(applicant);
  });

  it('the signed PDF downloads, and GET /api/projects/:id/task-book serves the same version', { timeout: 240_000 }, async () => {
    const page = applicant.page;
    // Executing now, the project opens at 概况: the task book is one tab away.
    await page.goto(`/projects/${projectId}`);
    await page.getByRole('tab', { name: '任务书' }).click();
    // Rendered in a worker thread (a cold one starts its own TypeScript loader first): allow for a loaded machine.
    const [res0, download] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/pdf'), { timeout: 110_000 }),
      page.waitForEvent('download', { timeout: 110_000 }),
      page.getByRole('button', { name: /下载 PDF/ }).click(),
    ]);
    expect(res0.status()).toBe(200);
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/任务书.*第1版\.pdf$/);
    const c = t.client();
    await c.login('applicant');
    const res = await c.get(`/api/projects/${projectId}/task-book`);
    expect(res.statusCode).toBe(200);
    const [v] = await rawSql(t.db, `select content_hash from task_book_versions where project_id = '${projectId}' and status = 'signed'`);
    expect(res.headers['x-content-hash']).toBe(v!.content_hash);
  });

  it('a supplement (补充任务书) from an approved change is shown beside the signed version', async () => {
    const actor = await actorOf(t, 'officer');
    await t.db.transaction(async (tx) => {
      const inForce = (await taskBookInForce(tx, projectId))!;
      const next = structuredClone(inForce.content as TaskBookContent);
      next.indicators[0]!.targetValue = '150000';
      next.parties.department = '演示区经济和信息化局';
      await draftTaskBookSupplement(tx, actor, projectId, { content: next, changeId: null, summary: '演示：指标调整获批，生成补充任务书草稿' });
    });
    const page = officer.page;
    await page.goto(`/projects/${projectId}?tab=taskBook`);
    await page.getByText('补充任务书第2版').waitFor();
    await page.getByRole('button', { name: '与上一版对照' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByText('第2版与第1版对照').waitFor();
    await dialog.getByText(/目标 150000/).waitFor();
    await shot(page, 'project-task-book-compare');
    await dialog.getByRole('button', { name: /关\s*闭/ }).first().click();
    await expectNoBrowserErrors(officer);
  });
});
