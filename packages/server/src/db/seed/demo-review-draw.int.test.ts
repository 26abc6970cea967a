import { verifyPublicDraw, type PublicDrawRecord } from '@kechuang/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { insertTestExperts, openedRound, setStage } from '../../../test/review-fixtures.js';
import { DEMO_DRAW_NOTE, demoDraw } from './demo-review-draw.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

describe('demo draw (演示)', () => {
  it('commits with a backdated, labelled commitment, witnesses, draws through the use case and re-runs once public', async () => {
    const round = await openedRound(t, 4);
    await insertTestExperts(t, 6, { prefix: 'demo-draw-e' });
    await rawSql(t.db, `update review_rounds set mode = 'draw', k = 2, max_load = 4 where id = '${round.roundId}'`);
    const now = new Date();
    const drawId = await demoDraw(t.db, round.roundId, now);
    const [r] = await rawSql(t.db, `select stage from review_rounds where id = '${round.roundId}'`);
    expect(r!.stage).toBe('scoring');
    expect(await rawSql(t.db, `select id from review_assignments where draw_id = '${drawId}'`)).toHaveLength(8);
    await setStage(t, round.roundId, 'inspection');
    const rec = (await t.client().get(`/api/public/draws/${drawId}`)).json() as PublicDrawRecord;
    expect(rec.commitment.note).toBe(DEMO_DRAW_NOTE);
    expect(Date.parse(rec.commitment.committedAt)).toBeLessThan(Date.parse(rec.commitment.sources[0]!.publicAt));
    expect(verifyPublicDraw(rec)).toMatchObject({ ok: true, problems: [] });
    const list = (await t.client().get('/api/public/draws')).json().items as { id: string; demo: boolean }[];
    expect(list.find((d) => d.id === drawId)?.demo).toBe(true);
  });
});
