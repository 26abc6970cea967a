import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, noticePeriod, publicNoticeDetailResponse, publicNoticeListResponse, shanghaiDate, workingCalendar, OFFICIAL_CALENDAR_2026 } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { openedRound, setStage } from '../../../test/review-fixtures.js';
import { noticeClearance } from './notice-gate.js';
import { loadWorkingCalendar } from './working-calendar.js';

let t: TestApp;
let round: Awaited<ReturnType<typeof openedRound>>;
let officer: TestClient;
const observer = () => login('observer');
async function login(u: string): Promise<TestClient> {
  const c = t.client();
  await c.login(u);
  return c;
}

/** A multipart objection as the public page sends it: fields, and optionally the sealed letter under `seal`. */
async function sendObjection(c: TestClient, noticeId: string, fields: Record<string, string>, seal?: { name: string; bytes: Buffer; type: string }) {
  const boundary = `----kcobj${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  if (seal) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="seal"; filename="${seal.name}"\r\nContent-Type: ${seal.type}\r\n\r\n`, 'utf8'), seal.bytes, Buffer.from('\r\n', 'utf8'));
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return c.app.inject({ method: 'POST', url: `/api/public/notices/${noticeId}/objections`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': await c.csrfToken(), cookie: c.cookieHeader() }, payload: Buffer.concat(parts), remoteAddress: c.ip });
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const TEXT = '该项目申报材料所列的研发投入与企业实际情况明显不符，请予以核查并说明。';

let noticeId = '';
let items: { id: string; applicationId: string; projectTitle: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  round = await openedRound(t, 4);
  officer = round.officer;
  // As the executive meeting would leave it: three decided amounts, one application without.
  const [a, b, c] = round.applicationIds;
  await rawSql(t.db, `update review_outcomes set decided_amount_yuan = 500000, rank = 1 where application_id = '${a}'`);
  await rawSql(t.db, `update review_outcomes set decided_amount_yuan = 1234500, rank = 2 where application_id = '${b}'`);
  await rawSql(t.db, `update review_outcomes set decided_amount_yuan = 300000, rank = 3 where application_id = '${c}'`);
}, 180_000);
afterAll(() => t.close());

describe('public notice (社会公示, BL-8)', () => {
  it('BL-8: the list is drafted only at the notice stage, by officers, from a start that has not passed', async () => {
    await setStage(t, round.roundId, 'executiveMeeting');
    expect(problem(await officer.post(`/api/review/rounds/${round.roundId}/notice`, { startsOn: shanghaiDate(new Date()) })).code).toBe('REVIEW_STAGE_REFUSED');
    await setStage(t, round.roundId, 'notice');
    expect((await (await observer()).post(`/api/review/rounds/${round.roundId}/notice`, { startsOn: shanghaiDate(new Date()) })).statusCode).toBe(403);
    const past = problem(await officer.post(`/api/review/rounds/${round.roundId}/notice`, { startsOn: addDays(shanghaiDate(new Date()), -1) }));
    expect(past.code).toBe('REVIEW_NOTICE_START_PASSED');
    expect(await rawSql(t.db, `select id from review_notices where round_id = '${round.roundId}'`)).toEqual([]);
  });

  it('BL-8: drafts the decided projects with a period of working days computed by the domain from the calendar', async () => {
    const today = shanghaiDate(new Date());
    const res = await officer.post(`/api/review/rounds/${round.roundId}/notice`, { startsOn: today });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const expected = noticePeriod(await loadWorkingCalendar(t.db), today, 5);
    expect(body.notice.period).toEqual(expected);
    expect(body.notice.publishedAt).toBeNull();
    expect(body.notice.items.map((i: { amountYuan: number; amountWanText: string; categoryLabel: string }) => [i.amountYuan, i.amountWanText, i.categoryLabel])).toEqual([
      [500000, '50万元', '强链类'],
      [1234500, '123.45万元', '强链类'],
      [300000, '30万元', '强链类'],
    ]);
    expect(body.defaultWorkingDays).toBe(5);
    noticeId = body.notice.id;
    items = body.notice.items;
    // Not public before it is published.
    expect((await t.client().get('/api/public/notices')).json().items).toEqual([]);
    expect((await t.client().get(`/api/public/notices/${noticeId}`)).statusCode).toBe(404);
  });

  it('the 2026 State Council arrangement is seeded as reference data', async () => {
    const cal = (await officer.get('/api/review/working-calendar?year=2026')).json();
    expect(cal.days.filter((d: { kind: string }) => d.kind === 'workday')).toHaveLength(6);
    expect(cal.days[0]).toMatchObject({ date: '2026-01-01', kind: 'holiday', name: '元旦' });
    expect(noticePeriod(workingCalendar(OFFICIAL_CALENDAR_2026), '2026-02-13', 5).endsOn).toBe('2026-02-26');
  });

  it('BL-8: publishing puts the list on the public portal (API contract of both public routes)', async () => {
    const res = await officer.post(`/api/review/rounds/${round.roundId}/notice/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(problem(await officer.post(`/api/review/rounds/${round.roundId}/notice`, { startsOn: shanghaiDate(new Date()) })).code).toBe('REVIEW_NOTICE_PUBLISHED');
    // The suite runs on any day: on a weekend or holiday the period begins on the next working day, so open it today.
    await rawSql(t.db, `update review_notices set starts_on = '${shanghaiDate(new Date())}' where id = '${noticeId}'`);
    const list = await t.client().get('/api/public/notices');
    expect(list.statusCode).toBe(200);
    const parsed = publicNoticeListResponse.parse(list.json());
    expect(parsed.items).toHaveLength(1);
    const n = parsed.items[0]!;
    expect(Object.keys(n).sort()).toEqual(['callTitle', 'id', 'items', 'objectionGuide', 'period', 'phase', 'publishedAt', 'title']);
    expect(Object.keys(n.period).sort()).toEqual(['endsOn', 'startsOn', 'workingDays']);
    expect(n.phase).toBe('open');
    expect(Object.keys(n.items[0]!).sort()).toEqual(['amountWanText', 'amountYuan', 'categoryCode', 'categoryLabel', 'id', 'organisationName', 'projectTitle', 'withdrawn', 'withdrawnOn']);
    expect(n.items[0]).toMatchObject({ amountYuan: 500000, amountWanText: '50万元', withdrawn: false, withdrawnOn: null });
    const one = await t.client().get(`/api/public/notices/${noticeId}`);
    expect(one.statusCode).toBe(200);
    const detail = publicNoticeDetailResponse.parse(one.json());
    expect(detail.items).toEqual(n.items);
    // The application ids stay inside: the public sees list item ids only.
    expect(one.body).not.toContain(round.applicationIds[0]);
  });

  it('refuses an objection without a real name, contact and text, with Chinese field errors', async () => {
    const res = await sendObjection(t.client(), noticeId, { itemId: items[0]!.id, objectorKind: 'person', name: '王', contact: '123', text: '太短' });
    expect(res.statusCode).toBe(422);
    const p = problem(res);
    expect(p.code).toBe('REVIEW_OBJECTION_INVALID');
    expect(p.errors!.map((e) => e.field).sort()).toEqual(['contact', 'name', 'text']);
    expect(p.errors!.find((e) => e.field === 'contact')!.message).toMatch(/手机号/);
  });

  it('an organisation needs its sealed letter, checked by content type and size before it is stored', async () => {
    const fields = { itemId: items[1]!.id, objectorKind: 'organisation', name: '演示联系人', organisationName: '演示异议单位', contact: '0574-55550999', text: TEXT };
    expect(problem(await sendObjection(t.client(), noticeId, fields)).errors).toEqual([{ field: 'seal', message: expect.stringMatching(/公章/) }]);
    const fake = problem(await sendObjection(t.client(), noticeId, fields, { name: '异议函.pdf', bytes: Buffer.from('MZ not a pdf at all'), type: 'application/pdf' }));
    expect(fake.code).toBe('REVIEW_OBJECTION_SEAL_INVALID');
    const big = await sendObjection(t.client(), noticeId, fields, { name: '异议函.png', bytes: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), type: 'image/png' });
    expect(big.statusCode).toBe(413);
    expect(problem(big).code).toBe('REVIEW_OBJECTION_SEAL_TOO_LARGE');
    expect(await rawSql(t.db, `select id from review_objections where notice_id = '${noticeId}'`)).toEqual([]);
    const ok = await sendObjection(t.client(), noticeId, fields, { name: '异议函.png', bytes: PNG, type: 'image/png' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().reference).toMatch(/^YY-[A-Z2-9]{8}$/);
  });

  it('a person objects in writing with a real name and a phone; the identity is stored apart, only for officers', async () => {
    const res = await sendObjection(t.client(), noticeId, { itemId: items[0]!.id, objectorKind: 'person', name: '张演示', contact: '13900001111', text: TEXT });
    expect(res.statusCode, res.body).toBe(201);
    const { reference } = res.json();
    const parties = await officer.get(`/api/review/rounds/${round.roundId}/notice/objectors`);
    expect(parties.statusCode).toBe(200);
    expect(parties.json().items.find((p: { reference: string }) => p.reference === reference)).toMatchObject({ objectorKind: 'person', name: '张演示', contact: '13900001111', seal: null });
    const sealed = parties.json().items.find((p: { objectorKind: string }) => p.objectorKind === 'organisation');
    expect(sealed.seal).toMatchObject({ contentType: 'image/png', size: PNG.length });
    const file = await officer.get(`/api/review/objections/${sealed.objectionId}/seal`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);

    // Nobody else: not the observer, the leader, an applicant, the public, the round page or the audit trail.
    for (const u of ['observer', 'leader', 'applicant', 'expert']) {
      const c = await login(u);
      expect((await c.get(`/api/review/rounds/${round.roundId}/notice/objectors`)).statusCode, u).toBe(403);
      expect((await c.get(`/api/review/objections/${sealed.objectionId}/seal`)).statusCode, u).toBe(403);
    }
    const seen = [
      (await (await observer()).get(`/api/review/rounds/${round.roundId}/notice`)).body,
      (await (await login('leader')).get(`/api/review/rounds/${round.roundId}/notice`)).body,
      (await t.client().get(`/api/public/notices/${noticeId}`)).body,
      (await t.client().get('/api/public/notices')).body,
      JSON.stringify(await rawSql(t.db, `select detail, changes from audit_events where entity_type = 'reviewObjection'`)),
    ];
    expect((await (await observer()).get(`/api/review/rounds/${round.roundId}/notice`)).json().objections).toHaveLength(2);
    for (const body of seen) for (const secret of ['张演示', '13900001111', '演示联系人', '0574-55550999', '演示异议单位']) expect(body).not.toContain(secret);
    const xlsx = await officer.get(`/api/review/rounds/${round.roundId}/notice/objections.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await (await observer()).get(`/api/review/rounds/${round.roundId}/notice/objections.xlsx`)).statusCode).toBe(403);
    const [audited] = await rawSql(t.db, `select detail->>'reference' as reference from audit_events where action = 'review.objection.submit' and detail->>'reference' = '${reference}'`);
    expect(audited).toEqual({ reference });
  });

  it('rate-limits objections per address in the shared database store', async () => {
    const c = t.client();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await sendObjection(c, noticeId, { itemId: items[0]!.id, objectorKind: 'person', name: '王', contact: 'x', text: 'x' })).statusCode);
    expect(codes).toEqual([422, 422, 422, 422, 422, 429]);
    const [row] = await rawSql(t.db, `select hits from rate_limit_counters where key like '%/api/public/notices/:id/objections|${c.ip}'`);
    expect(Number(row!.hits)).toBe(6);
  });

  it('BL-8: approval waits while the period runs and while an objection is open', async () => {
    const clearance = await noticeClearance(t.db, round.roundId);
    expect(clearance.cleared).toBe(false);
    expect(clearance.problems).toEqual([expect.stringMatching(/^公示期至/), '还有2件异议尚未处理']);
    const status = (await officer.get(`/api/review/rounds/${round.roundId}/notice`)).json().clearance;
    expect(status.cleared).toBe(false);
  });

  it('BL-8: dismissing needs reasons; upholding withdraws the item from the list and the round; each audited once', async () => {
    const { objections } = (await officer.get(`/api/review/rounds/${round.roundId}/notice`)).json() as { objections: { id: string; itemId: string; status: string }[] };
    const onFirst = objections.find((o) => o.itemId === items[0]!.id)!;
    const onSecond = objections.find((o) => o.itemId === items[1]!.id)!;
    expect((await officer.post(`/api/review/objections/${onFirst.id}/resolve`, { decision: 'dismissed', reasons: '' })).statusCode).toBe(400);
    expect((await (await observer()).post(`/api/review/objections/${onFirst.id}/resolve`, { decision: 'dismissed', reasons: '经核查反映的问题不属实，异议不成立。' })).statusCode).toBe(403);
    expect((await officer.post(`/api/review/objections/${onFirst.id}/resolve`, { decision: 'dismissed', reasons: '经核查反映的问题不属实，异议不成立。' })).statusCode).toBe(204);
    expect(problem(await officer.post(`/api/review/objections/${onFirst.id}/resolve`, { decision: 'upheld', reasons: '经核查反映的问题不属实，异议不成立。' })).code).toBe('REVIEW_OBJECTION_RESOLVED');
    expect((await officer.post(`/api/review/objections/${onSecond.id}/resolve`, { decision: 'upheld', reasons: '经核查，该单位研发投入数据与审计报告不符，撤回公示。' })).statusCode).toBe(204);

    const [outcome] = await rawSql(t.db, `select status from review_outcomes where round_id = '${round.roundId}' and application_id = '${items[1]!.applicationId}'`);
    expect(outcome).toEqual({ status: 'withdrawn' });
    const pub = (await t.client().get(`/api/public/notices/${noticeId}`)).json();
    expect(pub.items.map((i: { withdrawn: boolean }) => i.withdrawn)).toEqual([false, true, false]);
    expect(pub.items[1].withdrawnOn).toBe(shanghaiDate(new Date()));
    expect(JSON.stringify(pub)).not.toContain('审计报告');
    const audit = await rawSql(t.db, `select action, detail->>'reference' as reference from audit_events where entity_type = 'reviewObjection' and action <> 'review.objection.submit' order by occurred_at, id`);
    expect(audit.map((a) => a.action)).toEqual(['review.objection.dismiss', 'review.objection.uphold']);
    // An objection to a withdrawn item is refused.
    const late = problem(await sendObjection(t.client(), noticeId, { itemId: items[1]!.id, objectorKind: 'person', name: '李演示', contact: 'li@demo.example', text: TEXT }));
    expect(late.errors).toEqual([{ field: 'itemId', message: '该项目已撤回公示' }]);
  });

  it('BL-8: objections only within the period; approval clears the day after it with every objection resolved', async () => {
    const [n] = await rawSql(t.db, `select starts_on, ends_on from review_notices where id = '${noticeId}'`);
    const endsOn = String(n!.ends_on);
    const res = await sendObjection(t.client(), noticeId, { itemId: items[0]!.id, objectorKind: 'person', name: '李演示', contact: 'li@demo.example', text: TEXT });
    expect(res.statusCode).toBe(201);
    await rawSql(t.db, `update review_objections set status = 'dismissed', reasons = '测试：已处理', resolved_at = now() where status = 'open'`);
    const lastDay = new Date(`${endsOn}T23:59:00+08:00`);
    expect((await noticeClearance(t.db, round.roundId, lastDay)).cleared).toBe(false);
    const dayAfter = new Date(`${addDays(endsOn, 1)}T00:00:00+08:00`);
    expect(await noticeClearance(t.db, round.roundId, dayAfter)).toEqual({ cleared: true, problems: [], withdrawn: [items[1]!.applicationId] });
    // Move the period into the past: the window is shut.
    await rawSql(t.db, `update review_notices set starts_on = '2026-01-05', ends_on = '2026-01-09' where id = '${noticeId}'`);
    const closed = problem(await sendObjection(t.client(), noticeId, { itemId: items[0]!.id, objectorKind: 'person', name: '李演示', contact: 'li@demo.example', text: TEXT }));
    expect(closed.code).toBe('REVIEW_OBJECTION_CLOSED');
    await rawSql(t.db, `update review_notices set starts_on = '${String(n!.starts_on)}', ends_on = '${endsOn}' where id = '${noticeId}'`);
  });

  it('officers edit the calendar: set, remove and import a year, each audited; others may not', async () => {
    expect((await officer.put('/api/review/working-calendar/2027-01-01', { kind: 'holiday', name: '元旦' })).statusCode).toBe(204);
    expect((await (await observer()).put('/api/review/working-calendar/2027-01-02', { kind: 'holiday', name: '元旦' })).statusCode).toBe(403);
    const bad = problem(await officer.post('/api/review/working-calendar/import', { year: 2027, text: '2027-02-30,放假,春节' }));
    expect(bad.code).toBe('REVIEW_CALENDAR_INVALID');
    const imported = await officer.post('/api/review/working-calendar/import', { year: 2027, text: '2027-01-01,放假,元旦\n2027-01-02,放假,元旦\n2027-01-03,放假,元旦\n2027-02-06,上班,春节（演示）' });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().days).toHaveLength(4);
    expect((await officer.request('DELETE', '/api/review/working-calendar/2027-02-06')).statusCode).toBe(204);
    expect((await officer.get('/api/review/working-calendar?year=2027')).json().days).toHaveLength(3);
    const actions = await rawSql(t.db, `select action from audit_events where entity_type = 'workingCalendar' order by occurred_at, id`);
    expect(actions.map((a) => a.action)).toEqual(['calendar.day.set', 'calendar.year.import', 'calendar.day.remove']);
  });
});
