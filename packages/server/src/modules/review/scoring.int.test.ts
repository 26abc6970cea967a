import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRubricCriteria } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { assignDirectly, insertTestExperts, openedRound, type TestExpert } from '../../../test/review-fixtures.js';
import { SYSTEM_ACTOR } from '../audit/record.js';
import { sendScoringReminders } from './scoring-reminders.js';

let t: TestApp;
let round: Awaited<ReturnType<typeof openedRound>>;
let pool: TestExpert[];
const experts = new Map<string, TestClient>();
/** assignment id by `${appIndex}:${expertIndex}` */
const ids = new Map<string, string>();

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const rubric = (over: Record<string, unknown> = {}) => ({
  criteria: defaultRubricCriteria(),
  closesAt: inHours(24 * 7),
  aggregation: { dropExtremesMin: 5, normalise: false, divergencePoints: 20, championBonusCenti: 0 },
  champions: [],
  ...over,
});
const fullSheet = (base: number) => ({
  entries: {
    innovation: { pointsCenti: 2800 + base, comment: '技术路线清晰，创新性较强（测试）' },
    feasibility: { pointsCenti: 2000, comment: '' },
    team: { pointsCenti: 1500, comment: '' },
    benefit: { pointsCenti: 1600, comment: '' },
  },
  opinion: '同意立项（测试）',
});

async function expertClient(i: number): Promise<TestClient> {
  const username = pool[i]!.username;
  if (!experts.has(username)) {
    const c = t.client();
    await c.login(username);
    experts.set(username, c);
  }
  return experts.get(username)!;
}

beforeAll(async () => {
  t = await createTestApp();
  round = await openedRound(t, 3);
  pool = await insertTestExperts(t, 6, { prefix: 'score-e' });
  const [a0, a1, a2] = round.applicationIds as [string, string, string];
  // e0..e2 on application 0, e0, e1, e3 on 1, e2, e3, e4 on 2; e5 is free (a replacement candidate).
  const plan: [string, number][] = [[a0, 0], [a0, 1], [a0, 2], [a1, 0], [a1, 1], [a1, 3], [a2, 2], [a2, 3], [a2, 4]];
  await rawSql(t.db, `update review_rounds set mode = 'optimal' where id = '${round.roundId}'`);
  await assignDirectly(t, round.roundId, plan.map(([applicationId, e]) => ({ applicationId, expertId: pool[e]!.id })));
  const rows = await rawSql(t.db, `select id, application_id, expert_id from review_assignments where round_id = '${round.roundId}'`);
  for (const r of rows) ids.set(`${round.applicationIds.indexOf(r.application_id as string)}:${pool.findIndex((p) => p.id === r.expert_id)}`, r.id as string);
}, 180_000);
afterAll(() => t.close());

describe('rubric (评分细则)', () => {
  it('refuses weights that do not add up to 100 and a champion outside the round; saves a valid one, audited', async () => {
    const url = `/api/review/rounds/${round.roundId}/rubric`;
    const bad = await round.officer.put(url, rubric({ criteria: defaultRubricCriteria().map((c, i) => (i === 0 ? { ...c, weight: 30 } : c)) }));
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(problem(bad).errors)).toContain('权重之和须为100');
    const stray = await round.officer.put(url, rubric({ aggregation: { dropExtremesMin: 5, normalise: false, divergencePoints: 20, championBonusCenti: 300 }, champions: [{ applicationId: '6f1c1a9e-0000-4000-8000-000000000001', basis: '单项冠军（测试）' }] }));
    expect(problem(stray).code).toBe('REVIEW_SETTINGS_INVALID');
    const ok = await round.officer.put(url, rubric({ aggregation: { dropExtremesMin: 5, normalise: false, divergencePoints: 20, championBonusCenti: 300 }, champions: [{ applicationId: round.applicationIds[2], basis: '工信部制造业单项冠军企业（测试）' }] }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ editable: true, programmeDropExtremesMin: 5, submittedSheets: 0 });
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${round.roundId}' and action = 'review.rubric.save'`);
    expect(audit).toHaveLength(1);
    // An expert may not set it.
    expect((await (await expertClient(0)).put(url, rubric())).statusCode).toBe(403);
  });
});

describe('expert workspace and blinding', () => {
  it('lists only the expert’s own active assignments, with the deadline', async () => {
    const e0 = await expertClient(0);
    const list = (await e0.get('/api/review/my-assignments')).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.get('0:0'), ids.get('1:0')].sort());
    expect(list.items[0].closesAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain('测试专家');
  });

  it('P315-5 blinding: another expert’s assignment is a 404 that names nobody; experts cannot read progress or the round', async () => {
    const e0 = await expertClient(0);
    for (const url of [`/api/review/assignments/${ids.get('2:4')}`, `/api/review/assignments/${ids.get('2:4')}/application`]) {
      const res = await e0.get(url);
      expect(res.statusCode).toBe(404);
      expect(problem(res).code).toBe('REVIEW_ASSIGNMENT_NOT_FOUND');
      expect(res.body).not.toMatch(/测试专家|score-e/);
    }
    expect(problem(await e0.post(`/api/review/assignments/${ids.get('2:4')}/decline`, { reason: '试探' })).code).toBe('REVIEW_ASSIGNMENT_NOT_FOUND');
    expect((await e0.get(`/api/review/rounds/${round.roundId}/scoring`)).statusCode).toBe(403);
    expect((await e0.get(`/api/review/rounds/${round.roundId}/applications`)).statusCode).toBe(403);
    // Applicants see nothing of review either.
    expect((await round.clients.get('applicant')!.get(`/api/review/rounds/${round.roundId}/scoring`)).statusCode).toBe(403);
    expect((await round.clients.get('applicant')!.get('/api/review/my-assignments')).statusCode).toBe(403);
  });

  it('the application is read only after the declaration; then the frozen version and its files', async () => {
    const e0 = await expertClient(0);
    const id = ids.get('0:0')!;
    expect(problem(await e0.get(`/api/review/assignments/${id}/application`)).code).toBe('REVIEW_DECLARATION_REQUIRED');
    expect((await e0.get(`/api/review/assignments/${id}`)).json().state).toBe('toDeclare');
    const opened = await e0.post(`/api/review/assignments/${id}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().state).toBe('scoring');
    const read = await e0.get(`/api/review/assignments/${id}/application`);
    expect(read.statusCode, read.body).toBe(200);
    const app = read.json();
    expect(app.title).toContain('评审测试');
    expect(JSON.stringify(app.content)).not.toMatch(/33020619800101\d{4}/); // the leader's ID number is masked
    expect(app.attachments.length).toBeGreaterThan(0);
    const file = await e0.get(`/api/review/assignments/${id}/attachments/${app.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    // Another expert cannot fetch the same file through their own, unopened assignment.
    const e1 = await expertClient(1);
    expect((await e1.get(`/api/review/assignments/${ids.get('0:1')}/attachments/${app.attachments[0].id}`)).statusCode).toBe(409);
  });

  it('after opening, a declaration of conflict is refused and nothing changes', async () => {
    const e0 = await expertClient(0);
    const id = ids.get('0:0')!;
    expect(problem(await e0.post(`/api/review/assignments/${id}/decline`, { reason: '曾与申报单位合作' })).code).toBe('REVIEW_ALREADY_OPENED');
    const [row] = await rawSql(t.db, `select status, declined_at from review_assignments where id = '${id}'`);
    expect(row).toMatchObject({ status: 'active', declined_at: null });
  });

  it('回避: a declared conflict declines, is recorded on the profile, and draws the best remaining candidate (optimal mode) in one transaction', async () => {
    const e2 = await expertClient(2);
    const id = ids.get('0:2')!;
    const res = await e2.post(`/api/review/assignments/${id}/decline`, { reason: '本人近三年与申报单位有合作关系' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ declined: true, replaced: true });
    expect(res.body).not.toMatch(/测试专家|score-e/);
    const [declined] = await rawSql(t.db, `select status, decline_reason, declined_at from review_assignments where id = '${id}'`);
    expect(declined).toMatchObject({ status: 'declined', decline_reason: '本人近三年与申报单位有合作关系' });
    const [profile] = await rawSql(t.db, `select declared_conflicts from experts where id = '${pool[2]!.id}'`);
    expect(JSON.stringify(profile!.declared_conflicts)).toContain('本人近三年与申报单位有合作关系');
    // Not on application 0: e3, e4, e5 (and any other active expert); equal affinity → the lowest expert id.
    const [repl] = await rawSql(t.db, `select expert_id, source, replaces_id from review_assignments where replaces_id = '${id}'`);
    const others = await rawSql(t.db, `select id from experts where status = 'active' and available and id not in ('${pool[0]!.id}', '${pool[1]!.id}', '${pool[2]!.id}') order by id`);
    expect(repl).toMatchObject({ source: 'replacement', expert_id: others[0]!.id });
    const outbox = await rawSql(t.db, `select template_key, recipient_user_id from notification_outbox where template_key = 'review.replacementAssigned'`);
    expect(outbox.length).toBeGreaterThan(0);
    const audit = await rawSql(t.db, `select action from audit_events where action in ('review.assignment.decline', 'review.assignment.replace')`);
    expect(audit.map((a) => a.action).sort()).toEqual(['review.assignment.decline', 'review.assignment.replace']);
    // The decliner no longer lists it.
    const list = (await e2.get('/api/review/my-assignments')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});

describe('score sheets (评分表)', () => {
  it('checks per-criterion limits on a draft, every score and required comment on submission; read-only after', async () => {
    const e0 = await expertClient(0);
    const id = ids.get('0:0')!;
    const over = await e0.put(`/api/review/assignments/${id}/sheet`, { entries: { innovation: { pointsCenti: 3600, comment: '' } }, opinion: '' });
    expect(problem(over).code).toBe('REVIEW_SHEET_INVALID');
    expect(problem(over).errors![0]!.field).toBe('entries.innovation.pointsCenti');
    const draft = await e0.put(`/api/review/assignments/${id}/sheet`, { entries: { innovation: { pointsCenti: 3000, comment: '' } }, opinion: '' });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().sheet.status).toBe('draft');
    const noComment = await e0.post(`/api/review/assignments/${id}/sheet/submit`, { ...fullSheet(0), entries: { ...fullSheet(0).entries, innovation: { pointsCenti: 3000, comment: ' ' } } });
    expect(problem(noComment).errors!.map((e) => e.field)).toEqual(['entries.innovation.comment']);
    const sub = await e0.post(`/api/review/assignments/${id}/sheet/submit`, fullSheet(200));
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().sheet).toMatchObject({ status: 'submitted', totalCenti: 3000 + 2000 + 1500 + 1600 });
    expect(sub.json().state).toBe('submitted');
    expect(problem(await e0.put(`/api/review/assignments/${id}/sheet`, fullSheet(0))).code).toBe('REVIEW_SHEET_SUBMITTED');
    expect(problem(await e0.post(`/api/review/assignments/${id}/sheet/submit`, fullSheet(0))).code).toBe('REVIEW_SHEET_SUBMITTED');
    // The rubric is now locked.
    expect(problem(await round.officer.put(`/api/review/rounds/${round.roundId}/rubric`, rubric())).code).toBe('REVIEW_RUBRIC_LOCKED');
  });

  it('reminders go out once per unsubmitted assignment when 48 h or less remain', async () => {
    const actor = { ...SYSTEM_ACTOR, name: 'test' };
    expect(await sendScoringReminders(t.db, actor)).toBe(0); // a week left
    await rawSql(t.db, `update review_rounds set settings = jsonb_set(settings, '{scoring,closesAt}', to_jsonb('${inHours(30)}'::text)) where id = '${round.roundId}'`);
    const first = await sendScoringReminders(t.db, actor);
    const [{ n }] = (await rawSql(t.db, `select count(*)::int as n from review_assignments a left join review_sheets s on s.assignment_id = a.id where a.round_id = '${round.roundId}' and a.status = 'active' and (s.status is null or s.status <> 'submitted')`)) as [{ n: number }];
    expect(first).toBe(n);
    expect(await sendScoringReminders(t.db, actor)).toBe(0);
    const rows = await rawSql(t.db, `select count(*)::int as n from notification_outbox where template_key = 'review.scoreReminder'`);
    expect(rows[0]!.n).toBe(n * 2); // inApp + sms
    const progress = (await round.officer.get(`/api/review/rounds/${round.roundId}/scoring`)).json();
    expect(progress.experts.reduce((s: number, e: { reminded: number }) => s + e.reminded, 0)).toBe(n);
  });
});

describe('panel meeting (会评), closing and aggregation', () => {
  it('closing before every sheet is in and before the deadline is refused, naming the missing sheets', async () => {
    const res = await round.officer.post(`/api/review/rounds/${round.roundId}/scoring/close`, { reason: '' });
    expect(problem(res).code).toBe('REVIEW_SCORING_INCOMPLETE');
    expect(problem(res).detail).toContain('份评分表未提交');
  });

  it('every other expert scores; the panel adjusts one score with a reason; minutes are required to end it', async () => {
    const rows = await rawSql(t.db, `select a.id, a.expert_id from review_assignments a where a.round_id = '${round.roundId}' and a.status = 'active' and a.id <> '${ids.get('0:0')}' and a.id <> '${ids.get('2:4')}'`);
    let base = 0;
    for (const r of rows) {
      const username = (await rawSql(t.db, `select u.username from users u join experts e on e.user_id = u.id where e.id = '${r.expert_id}'`))[0]!.username as string;
      const c = t.client();
      await c.login(username);
      expect((await c.post(`/api/review/assignments/${r.id}/open`)).statusCode).toBe(200);
      const s = await c.post(`/api/review/assignments/${r.id}/sheet/submit`, fullSheet((base += 100)));
      expect(s.statusCode, s.body).toBe(200);
    }
    const url = `/api/review/rounds/${round.roundId}/panel`;
    expect((await round.officer.post(url)).statusCode).toBe(201);
    const moved = await round.officer.put(url, { currentApplicationId: round.applicationIds[0] });
    expect(moved.json().currentApplicationId).toBe(round.applicationIds[0]);
    expect(problem(await round.officer.post(`${url}/adjustments`, { assignmentId: ids.get('0:0'), scoreCenti: 9000, reason: '' })).status).toBe(400);
    const adj = await round.officer.post(`${url}/adjustments`, { assignmentId: ids.get('0:0'), scoreCenti: 9000, reason: '会评认为创新性评价偏低（测试）' });
    expect(adj.statusCode, adj.body).toBe(200);
    expect(adj.json().adjustments[0]).toMatchObject({ beforeCenti: 8100, afterCenti: 9000 });
    expect(problem(await round.officer.post(`${url}/adjustments`, { assignmentId: ids.get('2:4'), scoreCenti: 9000, reason: '未提交的不能调整' })).code).toBe('REVIEW_PANEL_REFUSED');
    expect(problem(await round.officer.post(`/api/review/rounds/${round.roundId}/scoring/close`, { reason: 'x' })).code).toBe('REVIEW_PANEL_REFUSED');
    expect(problem(await round.officer.post(`${url}/close`)).code).toBe('REVIEW_PANEL_REFUSED');
    await round.officer.put(url, { minutes: '会评纪要：对申报书逐一讨论（测试）。' });
    expect((await round.officer.post(`${url}/close`)).json().status).toBe('closed');
  });

  it('after the deadline, a sheet can no longer be submitted (in Chinese)', async () => {
    await rawSql(t.db, `update review_rounds set settings = jsonb_set(settings, '{scoring,closesAt}', to_jsonb('${inHours(-1)}'::text)) where id = '${round.roundId}'`);
    const e4 = await expertClient(4);
    expect((await e4.post(`/api/review/assignments/${ids.get('2:4')}/open`)).statusCode).toBe(409);
    const res = await e4.post(`/api/review/assignments/${ids.get('2:4')}/sheet/submit`, fullSheet(0));
    expect(problem(res).code).toBe('REVIEW_SCORING_CLOSED');
    expect(problem(res).detail).toContain('截止');
  });

  it('BL-4 / YJ-9 / BL-8: closing after the deadline needs a reason, aggregates (adjusted score, champion bonus), ranks and moves to inspection in one audited step', async () => {
    const url = `/api/review/rounds/${round.roundId}/scoring/close`;
    const noReason = await round.officer.post(url, { reason: '' });
    expect(problem(noReason).detail).toContain('测试专家5'); // officers see who is missing
    const res = await round.officer.post(url, { reason: '专家5逾期未提交，经研究按已提交评分汇总（测试）' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'inspection', aggregated: 3 });
    expect(res.json().missing).toHaveLength(1);
    const apps = (await round.officer.get(`/api/review/rounds/${round.roundId}/applications`)).json().items as { applicationId: string; scoreCenti: number; rank: number; divergent: boolean }[];
    const by = new Map(apps.map((a) => [a.applicationId, a]));
    const sheets = await rawSql(t.db, `select a.application_id, coalesce(s.adjusted_centi, s.total_centi) as v from review_sheets s join review_assignments a on a.id = s.assignment_id where s.status = 'submitted' and a.status = 'active' and s.round_id = '${round.roundId}'`);
    for (const [i, id] of round.applicationIds.entries()) {
      const vs = sheets.filter((s) => s.application_id === id).map((s) => Number(s.v));
      const sum = vs.reduce((a, b) => a + b, 0);
      // Fewer than 5 scores: plain average, half up; application 2 is a champion (+3 points).
      const expected = Math.floor((2 * sum + vs.length) / (2 * vs.length)) + (i === 2 ? 300 : 0);
      expect(by.get(id)!.scoreCenti).toBe(expected);
    }
    expect(apps.map((a) => a.rank).sort()).toEqual([1, 2, 3]);
    const ordered = [...apps].sort((a, b) => a.rank - b.rank);
    for (let i = 1; i < ordered.length; i++) expect(ordered[i - 1]!.scoreCenti).toBeGreaterThanOrEqual(ordered[i]!.scoreCenti);
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${round.roundId}' order by seq`);
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['review.scoring.close', 'review.round.advance']);
    // Closed: experts' sheets are read-only, the list still shows the assignment.
    expect(problem(await round.officer.post(url, { reason: '再次' })).code).toBe('REVIEW_STAGE_REFUSED');
  });
});
