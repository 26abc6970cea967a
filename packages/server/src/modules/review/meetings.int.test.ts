import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, type MeetingOverview, type MeetingRecordInput } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { openedRound, scoreDirectly, setStage } from '../../../test/review-fixtures.js';

let t: TestApp;
let roundId: string;
let apps: string[];
let officer: TestClient;
let leader: TestClient;
const PLANNED = [3_000_000, 2_500_000, 2_000_000, 1_000_000];
const url = (kind: string) => `/api/review/rounds/${roundId}/meetings/${kind}`;

beforeAll(async () => {
  t = await createTestApp();
  const r = await openedRound(t, 5);
  roundId = r.roundId;
  apps = r.applicationIds;
  officer = r.officer;
  leader = t.client();
  await leader.login('leader');
  await scoreDirectly(t, roundId, apps.map((applicationId, i) => ({ applicationId, scoreCenti: 9000 - i * 100 })));
  // As inspection and the funding plan would leave it: four planned, the fifth failed inspection.
  for (const [i, id] of apps.entries()) {
    if (i < 4) await rawSql(t.db, `update review_outcomes set inspection = 'passed', planned_amount_yuan = ${PLANNED[i]} where round_id = '${roundId}' and application_id = '${id}'`);
    else await rawSql(t.db, `update review_outcomes set inspection = 'failed', status = 'rejected' where round_id = '${roundId}' and application_id = '${id}'`);
  }
  await setStage(t, roundId, 'planning');
}, 180_000);
afterAll(() => t.close());

const today = () => shanghaiDate(new Date());
function record(agenda: MeetingOverview['agenda'], over: Partial<MeetingRecordInput> = {}): MeetingRecordInput {
  return {
    heldOn: today(),
    minutesNo: '局党组〔2026〕12号',
    agenda: '审议资金安排方案',
    minutes: '会议同意按方案立项。',
    decisions: agenda.map((a) => ({ applicationId: a.applicationId, decision: 'approve', amountYuan: a.proposedAmountYuan, note: '' })),
    ...over,
  };
}
const read = async (kind: string, c = officer) => (await c.get(url(kind))).json() as MeetingOverview;
const stage = async () => (await rawSql(t.db, `select stage from review_rounds where id = '${roundId}'`))[0]!.stage;
/** The database's refusal of a statement (drizzle wraps it; the cause carries the trigger's message), or '' if it ran. */
const refusal = (query: string) => rawSql(t.db, query).then(() => '', (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message);
const outcomes = async () => rawSql(t.db, `select application_id, status, decided_amount_yuan from review_outcomes where round_id = '${roundId}'`);

describe('decision meetings (局党组会议 → 区政府常务会议)', () => {
  it('BL-8: the party meeting cannot be recorded before the funding plan is done (stage guard)', async () => {
    const o = await read('party');
    expect(o.agenda.map((a) => a.applicationId)).toEqual(apps.slice(0, 4));
    expect(o.actions).toEqual({ record: false, signOff: false });
    expect(problem(await officer.put(url('party'), record(o.agenda))).code).toBe('REVIEW_STAGE_REFUSED');
    await setStage(t, roundId, 'partyMeeting');
    expect(problem(await officer.put(url('executive'), record(o.agenda))).code).toBe('REVIEW_STAGE_REFUSED');
  });

  it('BL-4: an amount above the plan is refused with a Chinese field error; a reject or defer needs a note; every item needs a decision', async () => {
    const o = await read('party');
    expect(o.actions.record).toBe(true);
    const base = record(o.agenda);
    const above = await officer.put(url('party'), { ...base, decisions: base.decisions.map((d, i) => (i === 0 ? { ...d, amountYuan: PLANNED[0]! + 1 } : d)) });
    expect(above.statusCode).toBe(422);
    const err = problem(above).errors!.find((e) => e.field === 'decisions.0.amountYuan');
    expect(err?.message).toContain('不能高于资金方案金额300万元');
    const noNote = await officer.put(url('party'), { ...base, decisions: base.decisions.map((d, i) => (i === 1 ? { ...d, decision: 'reject', amountYuan: null } : d)) });
    expect(problem(noNote).errors).toContainEqual({ field: 'decisions.1.note', message: '不予立项须写明理由' });
    const missing = await officer.put(url('party'), { ...base, decisions: base.decisions.slice(1) });
    expect(problem(missing).errors?.map((e) => e.field)).toContain('decisions');
    const outsider = await officer.put(url('party'), { ...base, decisions: [...base.decisions, { applicationId: apps[4], decision: 'approve', amountYuan: 1, note: '' }] });
    expect(problem(outsider).errors).toContainEqual({ field: 'decisions.4.applicationId', message: '该申报书不在本次会议议程中' });
    expect(problem(await officer.put(url('party'), { ...base, minutesNo: '' })).errors?.[0]?.field).toBe('minutesNo');
    expect((await rawSql(t.db, `select count(*)::int as n from review_meetings where round_id = '${roundId}'`))[0]!.n).toBe(0);
  });

  it('the officer records the party meeting (an amount lowered, one deferred), audited; only a leader signs off', async () => {
    const o = await read('party');
    const base = record(o.agenda);
    const decisions = base.decisions.map((d, i) => (i === 1 ? { ...d, amountYuan: 2_000_000, note: '调减' } : i === 3 ? { ...d, decision: 'defer' as const, amountYuan: null, note: '用地未落实' } : d));
    const res = await officer.put(url('party'), { ...base, decisions });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as MeetingOverview;
    expect(saved.meeting).toMatchObject({ minutesNo: '局党组〔2026〕12号', signedAt: null, recordedByName: '周经办' });
    expect(saved.actions).toEqual({ record: true, signOff: false });
    expect((await read('party', leader)).actions).toEqual({ record: false, signOff: true });
    const audit = await rawSql(t.db, `select detail from audit_events where action = 'review.meeting.record' and entity_id = '${saved.meeting!.id}'`);
    expect(audit[0]!.detail).toMatchObject({ kind: 'party', minutesNo: '局党组〔2026〕12号' });
    // Nothing applies before the sign-off.
    expect((await outcomes()).filter((r) => r.status === 'deferred')).toHaveLength(0);
    expect((await officer.post(`${url('party')}/signoff`)).statusCode).toBe(403);
    const observer = t.client();
    await observer.login('observer');
    expect((await observer.post(`${url('party')}/signoff`)).statusCode).toBe(403);
    expect((await observer.get(url('party'))).statusCode).toBe(200);
  });

  it('applicant and expert are refused (403) everywhere', async () => {
    const o = await read('party');
    for (const u of ['applicant', 'expert']) {
      const c = t.client();
      await c.login(u);
      expect((await c.get(url('party'))).statusCode).toBe(403);
      expect((await c.put(url('party'), record(o.agenda))).statusCode).toBe(403);
      expect((await c.post(`${url('party')}/signoff`)).statusCode).toBe(403);
    }
  });

  it('BL-8: the leader signs off; the deferral applies, the minutes are frozen (use case and trigger), the round moves to the executive meeting', async () => {
    const res = await leader.post(`${url('party')}/signoff`);
    expect(res.statusCode, res.body).toBe(200);
    const signed = res.json() as MeetingOverview;
    expect(signed.meeting).toMatchObject({ signedByName: '吴局长' });
    expect(signed.meeting!.signedAt).not.toBeNull();
    expect(signed.actions).toEqual({ record: false, signOff: false });
    expect(await stage()).toBe('executiveMeeting');
    const rows = await outcomes();
    expect(rows.find((r) => r.application_id === apps[3])!.status).toBe('deferred');
    const audit = await rawSql(t.db, `select action from audit_events where (entity_id = '${signed.meeting!.id}' and action = 'review.meeting.signoff') or (entity_id = '${roundId}' and action = 'review.round.advance')`);
    expect(audit.map((a) => a.action).sort()).toEqual(['review.meeting.signoff', 'review.round.advance']);
    // Frozen: the round has moved on (stage), the use case refuses, and the database refuses a direct change.
    expect(problem(await officer.put(url('party'), record(signed.agenda))).code).toBe('REVIEW_STAGE_REFUSED');
    await setStage(t, roundId, 'partyMeeting');
    expect(problem(await officer.put(url('party'), record(signed.agenda))).code).toBe('REVIEW_MEETING_SIGNED');
    expect(problem(await leader.post(`${url('party')}/signoff`)).code).toBe('REVIEW_MEETING_SIGNED');
    await setStage(t, roundId, 'executiveMeeting');
    expect(await refusal(`update review_meetings set minutes = 'changed' where id = '${signed.meeting!.id}'`)).toMatch(/signed off/);
    expect(await refusal(`update review_meeting_decisions set amount_yuan = 1 where meeting_id = '${signed.meeting!.id}' and decision = 'approve'`)).toMatch(/signed off/);
    expect(await refusal(`delete from review_meeting_decisions where meeting_id = '${signed.meeting!.id}'`)).toMatch(/signed off/);
    expect((await read('party')).meeting!.minutes).toBe('会议同意按方案立项。');
  });

  it('the executive meeting decides what the party approved, from the party amount, capped by the plan; sign-off sets decided amounts and statuses and opens the notice', async () => {
    const o = await read('executive');
    expect(o.agenda.map((a) => [a.applicationId, a.proposedAmountYuan, a.capYuan])).toEqual([
      [apps[0], 3_000_000, 3_000_000],
      [apps[1], 2_000_000, 2_500_000],
      [apps[2], 2_000_000, 2_000_000],
    ]);
    expect(problem(await leader.post(`${url('executive')}/signoff`)).code).toBe('REVIEW_MEETING_NOT_RECORDED');
    const base = record(o.agenda, { minutesNo: '区政府常务会议纪要〔2026〕8号' });
    const over = await officer.put(url('executive'), { ...base, decisions: base.decisions.map((d, i) => (i === 2 ? { ...d, amountYuan: 2_000_001 } : d)) });
    expect(problem(over).errors?.[0]?.field).toBe('decisions.2.amountYuan');
    const decisions = base.decisions.map((d, i) => (i === 1 ? { ...d, amountYuan: 1_800_000 } : i === 2 ? { ...d, decision: 'reject' as const, amountYuan: null, note: '不符合产业导向' } : d));
    expect((await officer.put(url('executive'), { ...base, decisions })).statusCode).toBe(200);
    const res = await leader.post(`${url('executive')}/signoff`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await stage()).toBe('notice');
    const rows = new Map((await outcomes()).map((r) => [r.application_id, r]));
    expect(rows.get(apps[0]!)).toMatchObject({ status: 'inReview', decided_amount_yuan: 3_000_000 });
    expect(rows.get(apps[1]!)).toMatchObject({ status: 'inReview', decided_amount_yuan: 1_800_000 });
    expect(rows.get(apps[2]!)).toMatchObject({ status: 'rejected', decided_amount_yuan: null });
    expect(rows.get(apps[3]!)).toMatchObject({ status: 'deferred', decided_amount_yuan: null });
  });

  it('the signed minutes download as a PDF for leaders and observers; an applicant is refused', async () => {
    const pdf = await leader.get(`${url('executive')}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const applicant = t.client();
    await applicant.login('applicant');
    expect((await applicant.get(`${url('party')}/minutes.pdf`)).statusCode).toBe(403);
  });
});
