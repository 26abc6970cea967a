import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INSPECTION_CHECKLIST, shanghaiDate, type InspectionOverview, type InspectionRecordInput } from '@kechuang/domain';
import { createTestApp, problem, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { openedRound, scoreDirectly, setStage } from '../../../test/review-fixtures.js';
import { solidPng } from '../../db/seed/demo-review-meetings.js';

let t: TestApp;
let roundId: string;
let apps: string[];
let officer: TestClient;
let leader: TestClient;
const base = () => `/api/review/rounds/${roundId}/inspection`;

beforeAll(async () => {
  t = await createTestApp();
  const r = await openedRound(t, 5);
  roundId = r.roundId;
  apps = r.applicationIds;
  officer = r.officer;
  leader = t.client();
  await leader.login('leader');
  // Ranked 1..5 in the order created.
  await scoreDirectly(t, roundId, apps.map((applicationId, i) => ({ applicationId, scoreCenti: 9000 - i * 100 })));
}, 180_000);
afterAll(() => t.close());

const today = () => shanghaiDate(new Date());
function passing(overview: InspectionOverview, over: Partial<InspectionRecordInput> = {}): InspectionRecordInput {
  return { inspectedOn: today(), inspectors: ['张核查', '李核查'], items: overview.checklist.map((c) => ({ key: c.key, passed: true, finding: '' })), findings: '现场情况与材料一致', result: 'passed', basis: '', ...over };
}
const overview = async () => (await officer.get(base())).json() as InspectionOverview;
const outcome = async (applicationId: string) => (await rawSql(t.db, `select inspection, status from review_outcomes where round_id = '${roundId}' and application_id = '${applicationId}'`))[0]!;

describe('site inspection (实地核查)', () => {
  it('BL-8: nothing is recorded before the round reaches inspection (stage guard); the checklist may be prepared during scoring', async () => {
    await setStage(t, roundId, 'scoring');
    const o = await overview();
    expect(o.checklistIsDefault).toBe(true);
    expect(o.checklist).toEqual(DEFAULT_INSPECTION_CHECKLIST);
    const rec = await officer.put(`${base()}/applications/${apps[0]}`, passing(o));
    expect(problem(rec).code).toBe('REVIEW_STAGE_REFUSED');
    expect(problem(await officer.post(`${base()}/finish`)).code).toBe('REVIEW_STAGE_REFUSED');
    const edited = await officer.put(`${base()}/checklist`, { items: [...o.checklist, { label: '安全生产许可齐全' }] });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json() as InspectionOverview;
    expect(after.checklistIsDefault).toBe(false);
    expect(after.checklist.at(-1)).toEqual({ key: 'item1', label: '安全生产许可齐全' });
    expect(problem(await officer.put(`${base()}/checklist`, { items: [{ label: '甲' }, { label: '甲' }] })).code).toBe('REVIEW_INSPECTION_INVALID');
    await setStage(t, roundId, 'inspection');
  });

  it('default selection is every application in review in rank order; narrowing to the top N needs a recorded reason', async () => {
    const o = await overview();
    expect(o.items.map((i) => i.applicationId)).toEqual(apps);
    const noReason = await officer.put(`${base()}/selection`, { topN: 4, reason: '' });
    expect(problem(noReason).errors?.[0]?.field).toBe('reason');
    const res = await officer.put(`${base()}/selection`, { topN: 4, reason: '预算仅够前四名，末位不予核查' });
    expect(res.statusCode, res.body).toBe(200);
    const narrowed = res.json() as InspectionOverview;
    expect(narrowed.items.map((i) => i.applicationId)).toEqual(apps.slice(0, 4));
    expect(narrowed.excluded).toBe(1);
    const audit = await rawSql(t.db, `select detail from audit_events where action = 'review.inspection.selection' and entity_id = '${roundId}'`);
    expect(audit[0]!.detail).toMatchObject({ reason: '预算仅够前四名，末位不予核查' });
    expect(problem(await officer.put(`${base()}/applications/${apps[4]}`, passing(o))).code).toBe('REVIEW_INSPECTION_NOT_SELECTED');
  });

  it('a failed verdict needs its basis, and every checklist item needs a result (Chinese field errors); nothing is written', async () => {
    const o = await overview();
    const noBasis = await officer.put(`${base()}/applications/${apps[3]}`, passing(o, { result: 'failed' }));
    expect(noBasis.statusCode).toBe(422);
    expect(problem(noBasis).errors).toContainEqual({ field: 'basis', message: '核查不通过须说明依据' });
    const missingItem = await officer.put(`${base()}/applications/${apps[3]}`, passing(o, { items: passing(o).items.slice(1) }));
    expect(problem(missingItem).errors?.[0]?.message).toMatch(/请填写“.+”的核查结果/);
    const future = await officer.put(`${base()}/applications/${apps[3]}`, passing(o, { inspectedOn: '2999-01-01' }));
    expect(problem(future).errors?.[0]?.field).toBe('inspectedOn');
    expect(await outcome(apps[3]!)).toEqual({ inspection: null, status: 'inReview' });
  });

  it('a pass records passed; a fail sets the outcome failed and rejected; both audited', async () => {
    const o = await overview();
    for (const id of apps.slice(0, 3)) {
      const res = await officer.put(`${base()}/applications/${id}`, passing(o));
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await outcome(apps[0]!)).toEqual({ inspection: 'passed', status: 'inReview' });
    const items = passing(o).items.map((i, n) => (n === 1 ? { ...i, passed: false, finding: '未见所列设备' } : i));
    const failed = await officer.put(`${base()}/applications/${apps[3]}`, passing(o, { items, result: 'failed', basis: '研发条件不具备' }));
    expect(failed.statusCode, failed.body).toBe(200);
    expect(await outcome(apps[3]!)).toEqual({ inspection: 'failed', status: 'rejected' });
    const shown = (failed.json() as InspectionOverview).items.find((i) => i.applicationId === apps[3]);
    expect(shown?.record).toMatchObject({ result: 'failed', basis: '研发条件不具备', inspectors: ['张核查', '李核查'] });
    const xlsx = await leader.get(`${base()}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await rawSql(t.db, `select changes from audit_events where action = 'review.inspection.record' and detail->>'applicationId' = '${apps[3]}'`);
    expect(audit[0]!.changes).toMatchObject({ inspection: { before: null, after: 'failed' }, status: { before: 'inReview', after: 'rejected' } });
  });

  it('photos: JPEG/PNG by content within the size limit are kept; other content and oversize files are refused with 4xx and the server keeps answering', async () => {
    const url = `${base()}/applications/${apps[0]}/photos`;
    const png = solidPng(32, 24, [200, 50, 50]);
    const ok = await officer.upload(url, '现场.png', png, 'image/png');
    expect(ok.statusCode, ok.body).toBe(201);
    const photo = ok.json() as { id: string; contentType: string };
    expect(photo.contentType).toBe('image/png');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
    expect((await officer.upload(url, 'renamed.png', jpeg, 'image/png')).json().contentType).toBe('image/jpeg');
    const pdf = await officer.upload(url, 'photo.jpg', Buffer.from('%PDF-1.4 not an image'), 'image/jpeg');
    expect(pdf.statusCode).toBe(415);
    expect(problem(pdf).code).toBe('REVIEW_PHOTO_TYPE_REFUSED');
    const big = await officer.upload(url, 'big.png', Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]), 'image/png');
    expect(big.statusCode).toBe(413);
    expect(problem(big).code).toBe('REVIEW_PHOTO_TOO_LARGE');
    expect((await officer.get(base())).statusCode).toBe(200);
    const file = await leader.get(`${base()}/applications/${apps[0]}/photos/${photo.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(png)).toBe(true);
    const del = await officer.request('DELETE', `${base()}/applications/${apps[0]}/photos/${photo.id}`);
    expect(del.statusCode).toBe(204);
    expect((await overview()).items[0]!.photos).toHaveLength(1);
  });

  it('the photo count per inspection is limited', async () => {
    const url = `${base()}/applications/${apps[1]}/photos`;
    const png = solidPng(8, 8, [0, 0, 0]);
    for (let i = 0; i < 12; i++) expect((await officer.upload(url, `p${i}.png`, png, 'image/png')).statusCode).toBe(201);
    expect(problem(await officer.upload(url, 'p13.png', png, 'image/png')).code).toBe('REVIEW_PHOTO_LIMIT');
  });

  it('applicant and expert are refused (403); the leader reads but cannot record', async () => {
    const o = await overview();
    const applicant = t.client();
    await applicant.login('applicant');
    const expert = t.client();
    await expert.login('expert');
    for (const c of [applicant, expert]) {
      expect((await c.get(base())).statusCode).toBe(403);
      expect((await c.put(`${base()}/applications/${apps[0]}`, passing(o))).statusCode).toBe(403);
      expect((await c.get(`${base()}/applications/${apps[0]}/photos/${o.items[0]!.photos[0]!.id}`)).statusCode).toBe(403);
    }
    expect((await leader.get(base())).statusCode).toBe(200);
    expect((await leader.put(`${base()}/applications/${apps[0]}`, passing(o))).statusCode).toBe(403);
    expect((await leader.post(`${base()}/finish`)).statusCode).toBe(403);
  });

  it('BL-8: finishing needs a result for every selected application, then the round moves to the funding plan (audited)', async () => {
    // Widening back to all five brings the fifth in without a result.
    expect((await officer.put(`${base()}/selection`, { topN: null, reason: '' })).statusCode).toBe(200);
    expect(problem(await officer.put(`${base()}/selection`, { topN: 2, reason: '只核查前二' })).code).toBe('REVIEW_INSPECTION_INVALID');
    const refused = await officer.post(`${base()}/finish`);
    expect(problem(refused).code).toBe('REVIEW_INSPECTION_INCOMPLETE');
    expect(problem(refused).detail).toContain('还有 1 份');
    expect((await rawSql(t.db, `select stage from review_rounds where id = '${roundId}'`))[0]!.stage).toBe('inspection');
    const o = await overview();
    expect((await officer.put(`${base()}/applications/${apps[4]}`, passing(o))).statusCode).toBe(200);
    const done = await officer.post(`${base()}/finish`);
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as InspectionOverview).finishedAt).not.toBeNull();
    expect((await rawSql(t.db, `select stage from review_rounds where id = '${roundId}'`))[0]!.stage).toBe('planning');
    const audit = await rawSql(t.db, `select action, detail from audit_events where entity_id = '${roundId}' and action in ('review.inspection.finish', 'review.round.advance') order by occurred_at`);
    expect(audit.map((a) => a.action).sort()).toEqual(['review.inspection.finish', 'review.round.advance']);
    expect(audit.find((a) => a.action === 'review.inspection.finish')!.detail).toMatchObject({ inspected: 5, passed: 4, failed: 1 });
    // Closed: no more changes.
    expect(problem(await officer.put(`${base()}/applications/${apps[0]}`, passing(o))).code).toBe('REVIEW_STAGE_REFUSED');
    expect(problem(await officer.upload(`${base()}/applications/${apps[0]}/photos`, 'late.png', solidPng(4, 4, [1, 2, 3]), 'image/png')).code).toBe('REVIEW_STAGE_REFUSED');
  });
});
