/**
 * 中期检查 and 终止 (YZ-7, BL-10): the officer opens a mid-term check and records 合格 with its basis; terminates
 * another project, sees what is released and owed and the funding plan's choice of the next candidate with its
 * explanation, confirms, and finds the new project on 立项项目; the ledger reconciles to the 元. The earlier parts
 * (signing) and a waiting candidate are written into the database while the spec's own server is stopped.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, shot, signIn } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

let server: OwnServer;
let b: Browser;
let checkedId = '';
let terminatedId = '';
let year = 0;

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
const one = async (db: PGlite, q: string) => ((await db.query<Record<string, unknown>>(q)).rows[0] ?? {}) as Record<string, unknown>;

beforeAll(async () => {
  server = await ownServer();
  await withDatabase(async (db) => {
    const round = await one(db, `select id, budget_year from review_rounds where stage = 'approved' order by created_at limit 1`);
    year = Number(round.budget_year);
    const list = (await db.query<{ id: string; application_id: string; state: string }>(`select id, application_id, state from projects where round_id = '${round.id}' order by project_no`)).rows;
    // The demo's 'executing' project (role 2) for the check, and the first plain executing one after the demo's
    // roles (the execution demo signed and paid it) to terminate.
    checkedId = list[1]!.id;
    const plain = list.slice(7).find((p) => p.state === 'executing')!;
    terminatedId = plain.id;
    // A waiting candidate ranked below the funded ones: a twin of the project to terminate (same amount), 未入选.
    const app = plain.application_id;
    await db.exec(`create temp table twin as select * from applications where id = '${app}'`);
    await db.exec(`update twin set id = gen_random_uuid(), application_no = 'SB-E2E-000001', content = jsonb_set(content, '{basic,title}', '"候补项目：压铸模具随形冷却流道设计（演示）"')`);
    await db.exec(`insert into applications select * from twin`);
    await db.exec(`insert into review_outcomes (round_id, application_id, score_centi, rank, status) select '${round.id}', id, 6000, 99, 'rejected' from twin`);
  });
  b = await openBrowser({ baseURL: server.baseURL });
  await signIn(b.page, 'officer');
  await b.page.waitForURL((u) => u.pathname === '/');
}, 400_000);
afterAll(async () => {
  await b?.close();
  await server?.dispose();
});

describe('中期检查 and 终止 with reallocation', () => {
  it('YZ-7/BL-10: the officer opens a mid-term check and records 合格 with its basis', async () => {
    const page = b.page;
    await page.goto(`/projects/${checkedId}?tab=midterm`);
    await page.getByText(/须进行中期检查|中期检查非必需/).waitFor();
    await page.getByLabel('材料报送截止').click();
    await page.getByLabel('材料报送截止').fill('2027-03-31');
    await page.keyboard.press('Enter');
    const [opened] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/${checkedId}/midterm`) && r.request().method() === 'POST'), page.getByRole('button', { name: '启动中期检查' }).click()]);
    expect(opened.status(), await opened.text()).toBe(200);
    await page.getByText('记录检查结论').waitFor();
    await page.getByLabel('结论依据').fill('任务书年度考核指标均已完成，经费执行率 62%，专家组一致同意继续滚动支持（演示）');
    await shot(page, 'project-midterm-outcome-form');
    const [saved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/midterm/outcome')), page.getByRole('button', { name: '保存结论' }).click()]);
    expect(saved.status(), await saved.text()).toBe(200);
    await page.getByText('继续滚动支持', { exact: true }).waitFor();
    await page.locator('.ant-tag').filter({ hasText: /^合格$/ }).first().waitFor();
    await shot(page, 'project-midterm-passed');
    await expectNoBrowserErrors(b);
  });

  it('BL-10: the officer terminates another project, sees the release, the recovery and the engine\'s choice with its explanation, and the new project appears on 立项项目; the ledger reconciles', async () => {
    const page = b.page;
    const before = await (await page.request.get(`/api/projects/${terminatedId}`)).json() as { projectNo: string; ledger: { committedYuan: number; undisbursedYuan: number } };
    await page.goto(`/projects/${terminatedId}?tab=midterm`);
    await page.getByRole('button', { name: '终止项目' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '终止项目' });
    await dialog.getByLabel('决定文号').fill('仑科〔2026〕演示88号');
    await dialog.getByLabel('终止依据').fill('中期核查发现关键技术路线无法实现（演示）');
    const preview = dialog.getByTestId('reallocation-preview');
    await preview.getByText('收回未拨付承诺（释放预算）').waitFor();
    await preview.locator('.ant-tag').filter({ hasText: /^入选$/ }).first().waitFor();
    await preview.getByText(/可用预算/).first().waitFor();
    await shot(page, 'project-terminate-preview');
    const [done] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/${terminatedId}/terminate`)), dialog.getByRole('button', { name: /确认终止并重新分配/ }).click()]);
    expect(done.status(), await done.text()).toBe(200);
    const v = await done.json() as { termination: { releasedYuan: number; owedYuan: number }; reallocation: { candidates: { status: string; explanation: string; project: { id: string; projectNo: string } | null }[] } };
    expect(v.termination.releasedYuan).toBe(before.ledger.undisbursedYuan);
    const chosen = v.reallocation.candidates.find((c) => c.status === 'selected')!;
    expect(chosen.project).toBeTruthy();
    expect(chosen.explanation.length).toBeGreaterThan(10);
    await page.getByText('项目已终止').waitFor();
    await page.getByText('释放资金的重新分配（BL-10）').waitFor();
    await page.getByRole('link', { name: chosen.project!.projectNo }).first().waitFor();
    await shot(page, 'project-terminated-reallocated');

    // The new project knows where its money came from.
    await page.goto(`/projects/${chosen.project!.id}?tab=midterm`);
    await page.getByText(/本项目由资金重新分配立项/).waitFor();
    await shot(page, 'project-reallocated-new');

    await page.goto('/projects');
    await pageTitle(page, '项目库').waitFor();
    await page.getByText(chosen.project!.projectNo).first().waitFor();
    await shot(page, 'project-list-after-reallocation');

    // The ledger reconciles to the 元: the terminated project's commitment is fully released (nothing was paid), the new one committed.
    const ledger = await (await page.request.get(`/api/programmes/beilun-kct/budget/${year}`)).json() as { budgetYuan: number; committedYuan: number; returnedYuan: number; availableYuan: number; entries: { kind: string; amountYuan: number; reference: string }[] };
    const of = (ref: string, kind: string) => ledger.entries.filter((e) => e.reference === ref && e.kind === kind).reduce((s, e) => s + e.amountYuan, 0);
    expect(of(`project:${before.projectNo}`, 'commit')).toBe(before.ledger.committedYuan);
    expect(of(`project:${before.projectNo}`, 'return')).toBe(before.ledger.undisbursedYuan);
    const created = await (await page.request.get(`/api/projects/${chosen.project!.id}`)).json() as { approvedAmountYuan: number };
    expect(of(`project:${chosen.project!.projectNo}`, 'commit')).toBe(created.approvedAmountYuan);
    expect(ledger.availableYuan).toBe(ledger.budgetYuan - ledger.committedYuan + ledger.returnedYuan);
    expect(ledger.availableYuan).toBeGreaterThanOrEqual(0);
    await expectNoBrowserErrors(b);
  });
});
