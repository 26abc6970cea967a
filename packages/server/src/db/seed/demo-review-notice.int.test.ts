import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@kechuang/domain';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { openedRound, setStage } from '../../../test/review-fixtures.js';
import { noticeClearance } from '../../modules/review/notice-gate.js';
import { demoNotice } from './demo-review-notice.js';

let t: TestApp;
let round: Awaited<ReturnType<typeof openedRound>>;
beforeAll(async () => {
  t = await createTestApp();
  round = await openedRound(t, 3);
  await setStage(t, round.roundId, 'notice');
  for (const [i, id] of round.applicationIds.entries()) await rawSql(t.db, `update review_outcomes set decided_amount_yuan = ${(i + 3) * 100000}, rank = ${i + 1} where application_id = '${id}'`);
}, 180_000);
afterAll(() => t.close());

describe('demo public notice (演示)', () => {
  it('BL-8: published with a period already ended, one 演示 objection dismissed with reasons, so approval is cleared', async () => {
    const now = new Date();
    const { noticeId, created } = await demoNotice(t.db, round.roundId, now);
    expect(created).toBe(true);
    const pub = (await t.client().get(`/api/public/notices/${noticeId}`)).json();
    expect(pub.phase).toBe('ended');
    expect(pub.period.endsOn < shanghaiDate(now)).toBe(true);
    expect(pub.title).toContain('演示');
    const officer = round.officer;
    const { objections } = (await officer.get(`/api/review/rounds/${round.roundId}/notice`)).json();
    expect(objections).toHaveLength(1);
    expect(objections[0]).toMatchObject({ status: 'dismissed', reasons: expect.stringContaining('演示') });
    const parties = (await officer.get(`/api/review/rounds/${round.roundId}/notice/objectors`)).json().items;
    expect(parties[0]).toMatchObject({ name: '演示异议人', contact: 'objector@demo.example' });
    expect(await noticeClearance(t.db, round.roundId, now)).toEqual({ cleared: true, problems: [], withdrawn: [] });
    // Idempotent.
    expect((await demoNotice(t.db, round.roundId, now)).created).toBe(false);
  });
});
