import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp } from '../../../test/helpers.js';
import { acceptedCall, insertTestExperts, type AcceptedCall } from '../../../test/review-fixtures.js';
import { buildInstance } from './instance.js';
import { findRound } from './rounds.js';

let t: TestApp;
let call: AcceptedCall;
beforeAll(async () => {
  t = await createTestApp();
  call = await acceptedCall(t, 4);
}, 120_000);
afterAll(() => t.close());

describe('review rounds', () => {
  it('BL-8: the officer opens a round on a closed call with every accepted application, audited; a second is refused', async () => {
    const res = await call.officer.post('/api/review/rounds', { callId: call.callId });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json();
    expect(round.stage).toBe('assigning');
    const accepted = await rawSql(t.db, `select count(*)::int as n from applications where call_id = '${call.callId}' and state = 'accepted'`);
    expect(round.applications).toBe(accepted[0]!.n);
    expect(round.applications).toBeGreaterThanOrEqual(4);
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${round.id}'`);
    expect(audit.map((a) => a.action)).toContain('review.round.open');
    expect(problem(await call.officer.post('/api/review/rounds', { callId: call.callId })).code).toBe('REVIEW_ROUND_EXISTS');
    const apps = (await call.officer.get(`/api/review/rounds/${round.id}/applications`)).json();
    expect(apps.items).toHaveLength(round.applications);
    expect(apps.items.every((a: { status: string; scoreCenti: unknown }) => a.status === 'inReview' && a.scoreCenti === null)).toBe(true);
    expect(apps.items.map((a: { applicationId: string }) => a.applicationId)).toEqual(expect.arrayContaining(call.applicationIds));
    const list = (await call.officer.get('/api/review/rounds')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(round.id);
  });

  it('an applicant cannot read rounds; the observer (纪检监督) reads but cannot open one', async () => {
    const applicant = call.clients.get('applicant')!;
    expect((await applicant.get('/api/review/rounds')).statusCode).toBe(403);
    const observer = t.client();
    await observer.login('observer');
    expect((await observer.get('/api/review/rounds')).statusCode).toBe(200);
    expect((await observer.post('/api/review/rounds', { callId: call.callId })).statusCode).toBe(403);
  });

  it('a call that is still open cannot go to review', async () => {
    const open = await rawSql(t.db, `select id from calls where status = 'published' limit 1`);
    if (open[0]) expect(problem(await call.officer.post('/api/review/rounds', { callId: open[0].id })).code).toBe('REVIEW_CALL_NOT_READY');
    expect(problem(await call.officer.post('/api/review/rounds', { callId: '00000000-0000-4000-8000-000000000000' })).code).toBe('REVIEW_CALL_NOT_READY');
  });

  it('回避: an expert at the applicant organisation is a conflict with its reason; the others are candidates with affinity', async () => {
    const [round] = await rawSql(t.db, `select id from review_rounds where call_id = '${call.callId}'`);
    const pool = await insertTestExperts(t, 3, { prefix: 'rounds-e' });
    await rawSql(t.db, `update experts set organisation_credit_code = '91330206MA2KC7HX53', organisation_name = '宁波甬创智能装备有限公司' where id = '${pool[0]!.id}'`);
    const instance = await buildInstance(t.db, await findRound(t.db, round!.id as string));
    const own = await rawSql(t.db, `select a.id from applications a join organisations o on o.id = a.organisation_id where o.credit_code = '91330206MA2KC7HX53' and a.call_id = '${call.callId}' and a.state = 'accepted'`);
    expect(own.length).toBeGreaterThan(0);
    for (const a of own) {
      const c = instance.conflicts.find((x) => x.applicationId === a.id && x.expertId === pool[0]!.id);
      expect(c?.reasons.map((r) => r.kind)).toEqual(['organisation']);
      expect(instance.input.candidates.some((x) => x.application === a.id && x.expert === pool[0]!.id)).toBe(false);
    }
    const other = instance.input.candidates.find((x) => x.expert === pool[1]!.id);
    expect(other?.affinity).toBeGreaterThanOrEqual(100);
  });
});
