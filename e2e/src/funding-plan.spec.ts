/**
 * 资金方案 → 立项: the officer generates the round's funding plan, sees an override over the budget refused,
 * confirms the plan, later approves the list once the notice has cleared, and finds the projects on 立项项目.
 * The earlier steps (scores, meetings, notice) belong to other parts: the spec writes their results into the
 * database while its own server is stopped, as those steps would have left them.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectNoBrowserErrors, openBrowser, pageTitle, rows, shot, signIn } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

let server: OwnServer;
let b: Browser;
let roundId = '';
const WAN = 10_000;

/** Runs SQL on the stopped server's embedded database, then starts the server again. */
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
  roundId = await withDatabase(async (db) => {
    const call = await one(db, `select id from calls where title like '%北仑区关键核心技术攻关项目申报指南%' order by created_at limit 1`);
    // The demo call's submitted applications, accepted and the call closed, as if intake had finished.
    await db.exec(`update applications set state = 'accepted' where call_id = '${call.id}' and state in ('submitted', 'endorsed', 'returned', 'accepted')`);
    await db.exec(`update calls set status = 'closed', closes_at = now() - interval '1 minute', closed_at = now() where id = '${call.id}'`);
    const apps = (await db.query<{ id: string }>(`select id from applications where call_id = '${call.id}' and state = 'accepted' order by application_no`)).rows;
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
    const id = (await one(db, `insert into review_rounds (id, call_id, stage, budget_year) values (gen_random_uuid(), '${call.id}', 'planning', ${year}) returning id`)).id as string;
    for (const [i, a] of apps.entries()) {
      // Every demo application asks for 300万; the 2nd and 4th overlap a city project of 100万 (BL-7: 200万 each).
      if (i === 1 || i === 3) await db.exec(`update applications set content = jsonb_set(content, '{budget,overlaps}', '[{"level":"city","name":"宁波市重大专项（演示）","amountYuan":${100 * WAN}}]'::jsonb) where id = '${a.id}'`);
      await db.exec(`insert into review_outcomes (round_id, application_id, score_centi, rank, inspection) values ('${id}', '${a.id}', ${9000 - i * 250}, ${i + 1}, 'passed')`);
    }
    // Leave 400万 of this year's budget available, so the exact plan and the merit-order fill differ.
    const p = await one(db, `select p.id, coalesce(sum(case when e.kind = 'budget' then e.amount_yuan when e.kind = 'commit' then -e.amount_yuan when e.kind in ('return', 'repay') then e.amount_yuan else 0 end), 0)::bigint as available from programmes p left join budget_entries e on e.programme_id = p.id and e.year = ${year} where p.code = 'beilun-kct' group by p.id`);
    await db.exec(`insert into budget_entries (id, programme_id, year, kind, amount_yuan, reference, note) values (gen_random_uuid(), '${p.id}', ${year}, 'commit', ${Number(p.available) - 400 * WAN}, 'e2e', '演示：已承诺的其他项目')`);
    return id;
  });
  b = await openBrowser({ baseURL: server.baseURL });
  await signIn(b.page, 'officer');
  await b.page.waitForURL((u) => u.pathname === '/');
}, 300_000);
afterAll(async () => {
  await b?.close();
  await server?.dispose();
});

describe('资金方案 and 立项', () => {
  it('the officer generates the exact plan, sees every candidate explained beside the merit-order fill, and an override over the budget is refused', async () => {
    const page = b.page;
    await page.goto(`/review/${roundId}?tab=funding-plan`);
    await page.getByRole('button', { name: '生成资金方案' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '生成资金方案' });
    await dialog.getByLabel('择优目标').waitFor();
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/review/rounds/${roundId}/funding-plan`) && r.request().method() === 'POST'), dialog.getByRole('button', { name: /确\s*定/ }).click()]);
    expect(res.status(), await res.text()).toBe(200);
    await page.getByText('已证明最优').waitFor();
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(4);
    await page.getByText(/择优方案入选而按排名顺序填充未入选/).waitFor();
    await shot(page, 'funding-plan-tab');

    // The top-ranked candidate (300万) does not fit beside the plan: the server refuses with the shortfall.
    const first = rows(page).first();
    await first.getByRole('button', { name: '调入' }).click();
    const override = page.getByRole('dialog').filter({ hasText: '调入方案' });
    await override.getByLabel('调整理由').fill('演示：领导要求优先支持');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/funding-plan/overrides')), override.getByRole('button', { name: /确\s*定/ }).click()]);
    expect(refused.status()).toBe(409);
    await page.getByText(/缺口 \d+万/).first().waitFor();
    await override.getByRole('button', { name: /取\s*消/ }).click();

    await page.getByRole('button', { name: '确认方案' }).click();
    const [confirmed] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/funding-plan/confirm')), page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*认/ }).click()]);
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    await page.getByText('资金方案已确认').waitFor();
    await expectNoBrowserErrors(b);
  });

  it('after the meetings and the notice, the officer approves the list within the ledger and finds the projects on 立项项目', async () => {
    await withDatabase(async (db) => {
      // As the meeting and notice parts would leave it: decided amounts, notice published and its period over.
      await db.exec(`update review_outcomes set decided_amount_yuan = planned_amount_yuan where round_id = '${roundId}' and status = 'inReview'`);
      await db.exec(`update review_rounds set stage = 'notice' where id = '${roundId}'`);
      await db.exec(`insert into review_notices (id, round_id, title, starts_on, ends_on, published_at) values (gen_random_uuid(), '${roundId}', '立项公示（演示）', '2026-01-05', '2026-01-09', now() - interval '30 days')`);
    });
    const page = b.page;
    await page.goto(`/review/${roundId}?tab=approval`);
    await page.getByText('公示期已满且没有未处理的异议').waitFor();
    await shot(page, 'approval-tab');
    await page.getByRole('button', { name: '批准立项' }).click();
    const [approved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/review/rounds/${roundId}/approve`)), page.locator('.ant-modal-confirm').getByRole('button', { name: '批准立项' }).click()]);
    expect(approved.status(), await approved.text()).toBe(200);
    await page.getByText(/已立项 \d+ 项/).first().waitFor();

    await page.goto('/projects');
    await pageTitle(page, '项目库').waitFor();
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(2);
    await page.getByText('BEILUN-KCT-').first().waitFor();
    await shot(page, 'projects-list');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出Excel/ }).click()]);
    expect(download.suggestedFilename()).toContain('立项项目');
    await expectNoBrowserErrors(b);
  });
});
