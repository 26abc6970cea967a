import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignment, defaultRubricCriteria } from '@kechuang/domain';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { insertTestExperts, openedRound } from '../../../test/review-fixtures.js';
import { demoScores } from '../../db/seed/demo-review-scoring.js';
import { buildInstance } from './instance.js';
import { findRound } from './rounds.js';
import { reviewAssignments, reviewDraws } from './schema.js';

let t: TestApp;
let round: Awaited<ReturnType<typeof openedRound>>;
let inputs: assignment.AssignmentInput;
let record: assignment.DrawRecord;

beforeAll(async () => {
  t = await createTestApp();
  round = await openedRound(t, 3);
  await insertTestExperts(t, 7, { prefix: 'draw-e' });
  await rawSql(t.db, `update review_rounds set mode = 'draw', k = 2, max_load = 2 where id = '${round.roundId}'`);
  // A draw made by the engine directly, stored as the draw step stores it (inputs exactly as drawn, and the record).
  inputs = (await buildInstance(t.db, await findRound(t.db, round.roundId))).input;
  const drawn = assignment.drawAssignment(inputs, { seed: 'ab'.repeat(32), cap: { numerator: 1, denominator: 2 } });
  if (!drawn.feasible) throw new Error('test draw infeasible');
  record = drawn.record;
  const drawId = randomUUID();
  // The draw step's own columns as it leaves them (the invariants check a drawn draw has them); only inputs and record matter here.
  const witnessedAt = new Date(Date.now() - 60_000);
  await t.db.insert(reviewDraws).values({ id: drawId, roundId: round.roundId, status: 'drawn', inputs, record, drawnAt: new Date(), seed: 'ab'.repeat(32), observerInput: '测试', witnessedAt, publicRecord: {}, publicPairs: drawn.pairs.map((p) => [p.application, p.expert]) });
  for (const p of drawn.pairs) await t.db.insert(reviewAssignments).values({ id: randomUUID(), roundId: round.roundId, applicationId: p.application, expertId: p.expert, source: 'draw', drawId, affinity: p.affinity });
  await rawSql(t.db, `update review_rounds set stage = 'scoring' where id = '${round.roundId}'`);
  const r = await round.officer.put(`/api/review/rounds/${round.roundId}/rubric`, { criteria: defaultRubricCriteria(), closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), aggregation: { dropExtremesMin: 5, normalise: false, divergencePoints: 20, championBonusCenti: 0 }, champions: [] });
  expect(r.statusCode, r.body).toBe(200);
}, 180_000);
afterAll(() => t.close());

async function decline(assignmentId: string) {
  const [row] = await rawSql(t.db, `select e.user_id from review_assignments a join experts e on e.id = a.expert_id where a.id = '${assignmentId}'`);
  const username = (await rawSql(t.db, `select username from users where id = '${row!.user_id}'`))[0]!.username as string;
  const c = t.client();
  await c.login(username);
  return c.post(`/api/review/assignments/${assignmentId}/decline`, { reason: '与申报单位存在合作关系（测试）' });
}

describe('回避 in draw mode', () => {
  it('a decline draws the engine’s replacement from the draw record, replaying every decline of the draw in order', async () => {
    const first = (await rawSql(t.db, `select id, application_id, expert_id from review_assignments where round_id = '${round.roundId}' and source = 'draw' order by application_id, expert_id`)) as { id: string; application_id: string; expert_id: string }[];
    const declines: assignment.Decline[] = [];
    for (const a of [first[0]!, first[first.length - 1]!]) {
      const res = await decline(a.id);
      expect(res.statusCode, res.body).toBe(200);
      declines.push({ application: a.application_id, expert: a.expert_id });
      const expected = assignment.replaceDeclined(inputs, record, declines).replacements.at(-1)!;
      const [repl] = await rawSql(t.db, `select expert_id, source, draw_id from review_assignments where replaces_id = '${a.id}'`);
      if (expected.replacement) {
        expect(res.json().replaced).toBe(true);
        expect(repl).toMatchObject({ expert_id: expected.replacement, source: 'replacement' });
        expect(repl!.draw_id).not.toBeNull();
      } else {
        expect(res.json()).toMatchObject({ replaced: false });
        expect(res.json().message).toContain('没有符合条件的替补专家');
        expect(repl).toBeUndefined();
      }
    }
    // The instance leaves free experts below max load, so at least the first decline is replaced.
    expect((await rawSql(t.db, `select id from review_assignments where round_id = '${round.roundId}' and source = 'replacement'`)).length).toBeGreaterThan(0);
  });

  it('demo: every assigned expert scores through the use case, and closing aggregates and moves to inspection', async () => {
    const { scored } = await demoScores(t.db, round.roundId, { close: true });
    const [{ n }] = (await rawSql(t.db, `select count(*)::int as n from review_assignments where round_id = '${round.roundId}' and status = 'active'`)) as [{ n: number }];
    expect(scored).toBe(n);
    const [r] = await rawSql(t.db, `select stage from review_rounds where id = '${round.roundId}'`);
    expect(r!.stage).toBe('inspection');
    const outcomes = await rawSql(t.db, `select score_centi, rank from review_outcomes where round_id = '${round.roundId}' order by rank`);
    expect(outcomes.map((o) => o.rank)).toEqual(outcomes.map((_, i) => i + 1));
    expect(outcomes.every((o) => Number(o.score_centi) >= 6000 && Number(o.score_centi) <= 10000)).toBe(true);
  });
});
