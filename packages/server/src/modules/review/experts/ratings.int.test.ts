import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../../test/helpers.js';
import { assignDirectly, insertTestExperts, openedRound, setStage, type AcceptedCall, type TestExpert } from '../../../../test/review-fixtures.js';

let t: TestApp;
let call: AcceptedCall & { roundId: string };
let experts: TestExpert[];
let applicant: TestClient;
let officer: TestClient;
/** The applicant organisation's application (index 0) and demo-a's (index 1). */
let mine: string;
let theirs: string;

beforeAll(async () => {
  t = await createTestApp();
  call = await openedRound(t, 2);
  [mine, theirs] = call.applicationIds as [string, string];
  applicant = call.clients.get('applicant')!;
  officer = call.officer;
  experts = await insertTestExperts(t, 3, { prefix: 'rate-e' });
  await assignDirectly(t, call.roundId, [
    ...experts.map((e) => ({ applicationId: mine, expertId: e.id })),
    { applicationId: theirs, expertId: experts[0]!.id },
    { applicationId: theirs, expertId: experts[1]!.id },
  ]);
}, 180_000);
afterAll(() => t.close());

const url = (id: string) => `/api/applications/${id}/expert-ratings`;

describe('reverse evaluation (反向评价)', () => {
  it('P315-5: while scoring is open the applicant sees no slots and cannot rate', async () => {
    const res = await applicant.get(url(mine));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ open: false, reason: expect.stringContaining('实地核查'), slots: [] });
    const slot = (await rawSql(t.db, `select id from review_assignments where application_id = '${mine}' limit 1`))[0]!.id as string;
    expect(problem(await applicant.post(url(mine), { slot, score: 4 })).code).toBe('EXPERT_RATING_CLOSED');
  });

  it('P315-5: after scoring closes the applicant rates anonymous slots, and no response names or identifies an expert', async () => {
    await setStage(t, call.roundId, 'inspection');
    const res = await applicant.get(url(mine));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.open).toBe(true);
    expect(body.slots.map((s: { label: string }) => s.label)).toEqual(['专家一', '专家二', '专家三']);
    const assignments = await rawSql(t.db, `select id from review_assignments where application_id = '${mine}' order by id`);
    expect(body.slots.map((s: { slot: string }) => s.slot)).toEqual(assignments.map((a) => a.id));
    const rated = await applicant.post(url(mine), { slot: body.slots[1].slot, score: 4, comment: '意见中肯' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json().slots[1]).toMatchObject({ score: 4, comment: '意见中肯', ratedAt: expect.any(String) });
    // Blinded: nothing that names an expert or maps to one across applications.
    for (const text of [res.body, rated.body]) {
      for (const e of experts) {
        expect(text).not.toContain(e.id);
        expect(text).not.toContain(e.userId);
        expect(text).not.toContain(e.username);
      }
      expect(text).not.toContain('测试专家');
      expect(text).not.toContain('测试专家单位');
    }
    const theirSlots = (await rawSql(t.db, `select id from review_assignments where application_id = '${theirs}'`)).map((a) => a.id);
    expect(body.slots.map((s: { slot: string }) => s.slot).some((s: string) => theirSlots.includes(s))).toBe(false);
  });

  it('P315-5: one rating per slot; scores 1–5; a slot of another application is not found', async () => {
    const slots = (await applicant.get(url(mine))).json().slots as { slot: string }[];
    expect(problem(await applicant.post(url(mine), { slot: slots[1]!.slot, score: 5 })).code).toBe('EXPERT_RATING_EXISTS');
    expect((await applicant.post(url(mine), { slot: slots[0]!.slot, score: 6 })).statusCode).toBe(400);
    expect((await applicant.post(url(mine), { slot: slots[0]!.slot, score: 0 })).statusCode).toBe(400);
    const other = (await rawSql(t.db, `select id from review_assignments where application_id = '${theirs}' limit 1`))[0]!.id as string;
    expect(problem(await applicant.post(url(mine), { slot: other, score: 3 })).code).toBe('EXPERT_RATING_SLOT_NOT_FOUND');
    expect((await rawSql(t.db, `select count(*)::int as n from expert_ratings`))[0]!.n).toBe(1);
  });

  it('another organisation, an officer and an expert cannot read or rate this application’s reviewers', async () => {
    const demoA = call.clients.get('demo-a')!;
    expect(problem(await demoA.get(url(mine))).code).toBe('APPLICATION_NOT_FOUND');
    const slot = (await rawSql(t.db, `select id from review_assignments where application_id = '${mine}' order by id limit 1`))[0]!.id as string;
    expect(problem(await demoA.post(url(mine), { slot, score: 1 })).code).toBe('APPLICATION_NOT_FOUND');
    expect(problem(await officer.get(url(mine))).code).toBe('APPLICATION_NOT_FOUND');
    const expert = t.client();
    await expert.login('rate-e1');
    expect((await expert.get(url(mine))).statusCode).toBe(403);
    expect((await t.client().get(url(mine))).statusCode).toBe(401);
    expect((await rawSql(t.db, `select count(*)::int as n from expert_ratings`))[0]!.n).toBe(1);
  });

  it('P315-5: the officer sees the aggregate, workload and assignments on the expert page and rates the expert once per round', async () => {
    const rated = (await rawSql(t.db, `select expert_id from expert_ratings`))[0]!.expert_id as string;
    const detail = (await officer.get(`/api/experts/${rated}`)).json();
    expect(detail.ratings).toMatchObject({ averageCenti: 400, count: 1, items: [{ raterKind: 'applicant', score: 4, comment: '意见中肯' }] });
    expect(detail.ratings.distribution.find((d: { score: number }) => d.score === 4).count).toBe(1);
    expect(detail.workload).toEqual([expect.objectContaining({ roundId: call.roundId, stage: 'inspection', total: expect.any(Number), open: 0, canRate: true })]);
    expect(detail.assignments.every((a: { state: string }) => a.state === 'closed')).toBe(true);
    const res = await officer.post(`/api/experts/${rated}/ratings`, { roundId: call.roundId, score: 5, comment: '按时完成' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().ratings).toMatchObject({ averageCenti: 450, count: 2 });
    expect(res.json().workload[0].canRate).toBe(false);
    expect(problem(await officer.post(`/api/experts/${rated}/ratings`, { roundId: call.roundId, score: 3 })).code).toBe('EXPERT_RATING_EXISTS');
    const row = (await officer.get(`/api/experts?q=${encodeURIComponent(detail.expert.name)}`)).json().items[0];
    expect(row).toMatchObject({ ratingCenti: 450, ratingCount: 2 });
    const audit = await rawSql(t.db, `select count(*)::int as n from audit_events where action = 'review.expert.rate' and entity_id = '${rated}'`);
    expect(audit[0]!.n).toBe(2);
  });

  it('P315-5: an officer cannot rate an expert in a round the expert did not work in, nor before scoring closes', async () => {
    const idle = await insertTestExperts(t, 1, { prefix: 'rate-idle' });
    expect(problem(await officer.post(`/api/experts/${idle[0]!.id}/ratings`, { roundId: call.roundId, score: 3 })).code).toBe('EXPERT_RATING_SLOT_NOT_FOUND');
    await setStage(t, call.roundId, 'scoring');
    expect(problem(await officer.post(`/api/experts/${experts[2]!.id}/ratings`, { roundId: call.roundId, score: 3 })).code).toBe('EXPERT_RATING_CLOSED');
    await setStage(t, call.roundId, 'inspection');
    const expert = t.client();
    await expert.login('rate-e1');
    expect((await expert.post(`/api/experts/${experts[2]!.id}/ratings`, { roundId: call.roundId, score: 3 })).statusCode).toBe(403);
  });
});
