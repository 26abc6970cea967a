import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, type TestApp } from '../../../test/helpers.js';
import { acceptedCall, type AcceptedCall } from '../../../test/review-fixtures.js';

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
});
