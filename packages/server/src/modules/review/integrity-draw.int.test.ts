import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDayOf, type RoundConflicts } from '@kechuang/domain';
import { createTestApp, problem, rawSql, until, type TestApp, type TestClient } from '../../../test/helpers.js';
import { fixtureLeaderId, insertTestExperts, openedRound, type AcceptedCall, type TestExpert } from '../../../test/review-fixtures.js';

let t: TestApp;
let call: AcceptedCall & { roundId: string };
let pool: TestExpert[];
let observer: TestClient;
const idOf = (i: number) => fixtureLeaderId(950 + i);

beforeAll(async () => {
  t = await createTestApp();
  call = await openedRound(t, 4);
  pool = await insertTestExperts(t, 6, { prefix: 'integrity-e' });
  for (const [i, e] of pool.entries()) await rawSql(t.db, `update experts set id_number = '${idOf(i)}' where id = '${e.id}'`);
  await rawSql(t.db, `update review_rounds set mode = 'draw', k = 2, min_load = 0, max_load = 4 where id = '${call.roundId}'`);
  observer = t.client();
  await observer.login('observer');
}, 240_000);
afterAll(() => t.close());

const record = (kind: string, name: string, key: string, decisionNo: string) => ({ subjectKind: kind, subjectName: name, subjectKey: key, behaviourCode: 'expertMisconduct', severity: 'general', measure: '一年内不得参加评审（测试）', decisionNo, decisionDate: shanghaiDayOf(new Date()) });

describe('科研失信 at the expert draw (checkpoint draw)', () => {
  it('an expert with a record in force is left out of the pool, and the 回避 view names the record', async () => {
    const res = await call.officer.post('/api/integrity/records', record('expert', '测试专家1', idOf(0), '仑科信〔2026〕21号'));
    expect(res.statusCode, res.body).toBe(201);
    const conflicts = (await call.officer.get(`/api/review/rounds/${call.roundId}/conflicts`)).json() as RoundConflicts;
    expect(conflicts.integrityExcluded).toEqual([{ expertId: pool[0]!.id, expertName: '测试专家1', message: '存在科研失信记录，不能抽取评审专家：评审专家「测试专家1」因「评审专家违规（未回避、泄露评审信息、收受财物）」（一般，仑科信〔2026〕21号）限制至 ' + (res.json() as { banUntil: string }).banUntil }]);
    expect(conflicts.experts).toBe(5);
  });

  it('a record made after the commitment refuses the draw, naming the record; revoked, the draw runs and never draws the banned expert', async () => {
    const publicAt = new Date(Date.now() + 2_000).toISOString();
    const commit = await call.officer.post(`/api/review/rounds/${call.roundId}/draws`, { sources: [{ description: '测试随机来源', publicAt }] });
    expect(commit.statusCode, commit.body).toBe(201);
    const drawId = commit.json().id as string;
    const [row] = await rawSql(t.db, `select inputs from review_draws where id = '${drawId}'`);
    expect((row!.inputs as { experts: { id: string }[] }).experts.map((e) => e.id)).not.toContain(pool[0]!.id);
    expect((await observer.post(`/api/review/draws/${drawId}/witness`, { input: '纪检-测试-1' })).statusCode).toBe(200);
    // A person's record bars the same ID number as an expert.
    const later = await call.officer.post('/api/integrity/records', record('person', '测试专家2', idOf(1), '仑科信〔2026〕22号'));
    expect(later.statusCode, later.body).toBe(201);
    await until('the announced time', async () => Date.now() > Date.parse(publicAt) + 50);
    const refused = await call.officer.post(`/api/review/draws/${drawId}/run`, { values: ['1 2 3'] });
    expect(problem(refused)).toMatchObject({ code: 'INTEGRITY_BLOCKED', status: 409, checkpoint: 'draw' });
    expect(problem(refused).detail).toContain('不能抽取评审专家：个人「测试专家2」因「评审专家违规（未回避、泄露评审信息、收受财物）」（一般，仑科信〔2026〕22号）');
    expect(await rawSql(t.db, `select id from review_assignments where round_id = '${call.roundId}'`)).toHaveLength(0);
    expect((await call.officer.post(`/api/integrity/records/${later.json().id}/revoke`, { reason: '测试：误录' })).statusCode).toBe(200);
    const ok = await call.officer.post(`/api/review/draws/${drawId}/run`, { values: ['1 2 3'] });
    expect(ok.statusCode, ok.body).toBe(200);
    const drawn = await rawSql(t.db, `select expert_id from review_assignments where round_id = '${call.roundId}'`);
    expect(drawn.length).toBe(8);
    expect(drawn.map((d) => d.expert_id)).not.toContain(pool[0]!.id);
  });
});
