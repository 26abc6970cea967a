import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { openedRound } from '../../../test/review-fixtures.js';
import { noticeClearance } from './notice-gate.js';

let t: TestApp;
let round: Awaited<ReturnType<typeof openedRound>>;
beforeAll(async () => {
  t = await createTestApp();
  round = await openedRound(t, 2);
}, 120_000);
afterAll(() => t.close());

describe('notice gate (BL-8)', () => {
  it('BL-8: approval waits for a published notice, the end of its period (Asia/Shanghai) and every objection resolved', async () => {
    expect(await noticeClearance(t.db, round.roundId)).toMatchObject({ cleared: false, problems: ['立项名单尚未社会公示'] });
    const noticeId = randomUUID();
    await rawSql(t.db, `insert into review_notices (id, round_id, title, starts_on, ends_on, published_at) values ('${noticeId}', '${round.roundId}', '公示', '2026-12-01', '2026-12-07', now())`);
    // 2026-12-07 23:30 in Shanghai is still the last day; 16:00Z on the 7th is midnight of the 8th there.
    expect((await noticeClearance(t.db, round.roundId, new Date('2026-12-07T15:30:00Z'))).cleared).toBe(false);
    expect((await noticeClearance(t.db, round.roundId, new Date('2026-12-07T16:00:00Z'))).cleared).toBe(true);
    const [a, b] = round.applicationIds;
    await rawSql(t.db, `insert into review_objections (id, notice_id, application_id, status) values ('${randomUUID()}', '${noticeId}', '${a}', 'open'), ('${randomUUID()}', '${noticeId}', '${b}', 'upheld')`);
    const blocked = await noticeClearance(t.db, round.roundId, new Date('2026-12-09T00:00:00Z'));
    expect(blocked).toEqual({ cleared: false, problems: ['还有1件异议尚未处理'], withdrawn: [b] });
    await rawSql(t.db, `update review_objections set status = 'dismissed' where application_id = '${a}'`);
    expect(await noticeClearance(t.db, round.roundId, new Date('2026-12-09T00:00:00Z'))).toEqual({ cleared: true, problems: [], withdrawn: [b] });
  });
});
