import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { identityCommitment, verifyPublicDraw, type PublicDrawRecord } from '@kechuang/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, rawSql, until, type TestApp, type TestClient } from '../../../test/helpers.js';
import { insertTestExperts, openedRound, setStage, type AcceptedCall, type TestExpert } from '../../../test/review-fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const run = promisify(execFile);

let t: TestApp;
let call: AcceptedCall & { roundId: string };
let pool: TestExpert[];
let observer: TestClient;
let drawId: string;
let publicAt: string;

beforeAll(async () => {
  t = await createTestApp();
  call = await openedRound(t, 6);
  pool = await insertTestExperts(t, 8, { prefix: 'draw-e' });
  await rawSql(t.db, `update review_rounds set mode = 'draw', k = 2, min_load = 0, max_load = 4 where id = '${call.roundId}'`);
  observer = t.client();
  await observer.login('observer');
}, 240_000);
afterAll(() => t.close());

const sources = (at: string) => [{ description: '中国福利彩票“3D”第2026331期开奖号码（测试）', publicAt: at }];

describe('随机抽取: commitment, observer, draw', () => {
  it('the commitment needs sources announced for the future; a cancelled commitment stays public with its reason; one open commitment per round', async () => {
    const past = await call.officer.post(`/api/review/rounds/${call.roundId}/draws`, { sources: sources(new Date(Date.now() - 60_000).toISOString()) });
    expect(problem(past)).toMatchObject({ code: 'REVIEW_DRAW_SOURCES_INVALID', status: 422 });
    expect(problem(past).errors?.[0]?.field).toBe('sources.0.publicAt');
    const first = await call.officer.post(`/api/review/rounds/${call.roundId}/draws`, { sources: sources(new Date(Date.now() + 3_600_000).toISOString()) });
    expect(first.statusCode, first.body).toBe(201);
    expect(problem(await call.officer.post(`/api/review/rounds/${call.roundId}/draws`, { sources: sources(new Date(Date.now() + 3_600_000).toISOString()) })).code).toBe('REVIEW_DRAW_EXISTS');
    const cancel = await call.officer.post(`/api/review/draws/${first.json().id}/cancel`, { reason: '测试：预告的开奖期号有误' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().status).toBe('cancelled');

    publicAt = new Date(Date.now() + 3_000).toISOString();
    const res = await call.officer.post(`/api/review/rounds/${call.roundId}/draws`, { sources: sources(publicAt) });
    expect(res.statusCode, res.body).toBe(201);
    const draw = res.json();
    drawId = draw.id;
    // Right away: the announced value is not public yet.
    const early = await call.officer.post(`/api/review/draws/${drawId}/run`, { values: ['3 0 7'] });
    expect(problem(early)).toMatchObject({ code: 'REVIEW_DRAW_TOO_EARLY', status: 409 });
    expect(problem(early).detail).toContain('北京时间');
    const c = draw.record.commitment;
    expect(c).toMatchObject({ algorithm: 'kechuang/assignment-draw/v2', k: 2, loads: { min: 0, max: 4 }, cap: { numerator: 1, denominator: 2 }, capNumerator: 32768, applications: 6 });
    expect(c.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(c.poolHash).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.record.commitmentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.witnessed).toBe(false);
    const [row] = await rawSql(t.db, `select inputs, record from review_draws where id = '${drawId}'`);
    expect((row!.inputs as { applications: unknown[] }).applications).toHaveLength(6);
    expect(row!.record).toBeNull();
    const audit = await rawSql(t.db, `select action from audit_events where entity_id = '${drawId}'`);
    expect(audit.map((a) => a.action)).toEqual(['review.draw.commit']);

    const list = (await t.client().get('/api/public/draws')).json().items as { id: string; status: string; published: boolean }[];
    expect(list.find((d) => d.id === drawId)).toMatchObject({ status: 'committed', published: false });
    expect(list.find((d) => d.id === first.json().id)).toMatchObject({ status: 'cancelled' });
    const pub = (await t.client().get(`/api/public/draws/${first.json().id}`)).json();
    expect(pub.cancelReason).toBe('测试：预告的开奖期号有误');
  });

  it('only the observer (纪检监督) records the observer input, once; the officer and the leader cannot', async () => {
    for (const who of ['officer', 'leader']) {
      const c = t.client();
      await c.login(who);
      expect((await c.post(`/api/review/draws/${drawId}/witness`, { input: 'x' })).statusCode).toBe(403);
    }
    const ok = await observer.post(`/api/review/draws/${drawId}/witness`, { input: '纪检-测试-7319' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().witnessed).toBe(true);
    expect(problem(await observer.post(`/api/review/draws/${drawId}/witness`, { input: '另一个值' })).code).toBe('REVIEW_DRAW_ALREADY_WITNESSED');
    expect((await observer.post(`/api/review/draws/${drawId}/run`, { values: ['1 2 3'] })).statusCode).toBe(403);
    const [row] = await rawSql(t.db, `select observer_input from review_draws where id = '${drawId}'`);
    expect(row!.observer_input).toBe('纪检-测试-7319');
  });

  it('a refused draw wrote nothing', async () => {
    expect(await rawSql(t.db, `select id from review_assignments where round_id = '${call.roundId}'`)).toHaveLength(0);
    const [row] = await rawSql(t.db, `select status, record, seed from review_draws where id = '${drawId}'`);
    expect(row).toMatchObject({ status: 'committed', record: null, seed: null });
  });

  it('inputs changed after the commitment (an expert suspended) are refused with the reason; restored, the draw runs', async () => {
    await until('the announced time', async () => Date.now() > Date.parse(publicAt) + 50);
    await rawSql(t.db, `update experts set status = 'suspended' where id = '${pool[0]!.id}'`);
    const changed = await call.officer.post(`/api/review/draws/${drawId}/run`, { values: ['3 0 7'] });
    expect(problem(changed)).toMatchObject({ code: 'REVIEW_DRAW_INPUTS_CHANGED', status: 409 });
    expect(problem(changed).detail).toContain('1 位专家已不在可用专家库中');
    expect(problem(changed).detail).toContain('撤销本承诺并重新发布承诺');
    await rawSql(t.db, `update experts set status = 'active' where id = '${pool[0]!.id}'`);
  });

  it('the draw writes the assignments, the record, the invitations, moves the round to scoring, audited, in one go', async () => {
    const res = await call.officer.post(`/api/review/draws/${drawId}/run`, { values: ['3 0 7'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'drawn', assignments: 12 });
    const rows = await rawSql(t.db, `select application_id, expert_id, source, draw_id, affinity from review_assignments where round_id = '${call.roundId}'`);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.source === 'draw' && r.draw_id === drawId && (r.affinity as number) > 0)).toBe(true);
    const perApp = new Map<string, number>();
    for (const r of rows) perApp.set(r.application_id as string, (perApp.get(r.application_id as string) ?? 0) + 1);
    expect([...perApp.values()]).toEqual([2, 2, 2, 2, 2, 2]);
    const [draw] = await rawSql(t.db, `select status, record, inputs, seed from review_draws where id = '${drawId}'`);
    expect((draw!.record as { algorithm: string }).algorithm).toBe('kechuang/assignment-draw/v2');
    expect((draw!.record as { seed: string }).seed).toBe(draw!.seed);
    const [round] = await rawSql(t.db, `select stage from review_rounds where id = '${call.roundId}'`);
    expect(round!.stage).toBe('scoring');
    const audit = await rawSql(t.db, `select action from audit_events where entity_id in ('${drawId}', '${call.roundId}') order by occurred_at, seq`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['review.draw.commit', 'review.draw.witness', 'review.draw.run', 'review.round.advance']));
    const invites = await rawSql(t.db, `select count(*)::int as n from notification_outbox where template_key = 'review.drawInvitation'`);
    expect(invites[0]!.n).toBe(24); // in-app and SMS per pair
    expect(problem(await call.officer.post(`/api/review/draws/${drawId}/run`, { values: ['3 0 7'] })).code).toBe('REVIEW_DRAW_STATE');
  });

  it('the record is public only after scoring closes; then it re-runs and names nobody', async () => {
    const before = (await t.client().get(`/api/public/draws/${drawId}`)).json() as PublicDrawRecord;
    expect(before).toMatchObject({ status: 'drawn', published: false, inputs: null, pairs: null, seed: null, sourceValues: null, observer: null });
    expect(verifyPublicDraw(before).ok).toBe(false);
    await setStage(t, call.roundId, 'inspection');
    const res = await t.client().get(`/api/public/draws/${drawId}`);
    expect(res.statusCode).toBe(200);
    const rec = res.json() as PublicDrawRecord;
    expect(rec.published).toBe(true);
    expect(rec.pairs).toHaveLength(12);
    const v = verifyPublicDraw(rec);
    expect(v.problems).toEqual([]);
    // Nobody's identity: no expert id, user id or name, no application id or number, no organisation name.
    const body = res.body;
    const secrets = [
      ...(await rawSql(t.db, `select id::text as v from experts union all select name from experts union all select user_id::text from experts where user_id is not null union all select organisation_name from experts where organisation_name <> ''`)),
      ...(await rawSql(t.db, `select id::text as v from applications union all select application_no from applications where application_no is not null union all select content->'basic'->>'title' from applications where content->'basic'->>'title' is not null`)),
      ...(await rawSql(t.db, `select name as v from organisations`)),
    ].map((r) => r.v as string);
    expect(secrets.length).toBeGreaterThan(30);
    for (const s of secrets) expect(body.includes(s), s).toBe(false);
    fs.writeFileSync(path.join(os.tmpdir(), `draw-${drawId}.json`), body);
  });

  it('unseal: the observer and the auditor open the commitments (audited); officers, experts and applicants cannot', async () => {
    const anon = await t.client().get(`/api/review/draws/${drawId}/unseal`);
    expect(anon.statusCode).toBe(401);
    for (const who of ['officer', 'applicant', 'leader']) {
      const c = t.client();
      await c.login(who);
      expect((await c.get(`/api/review/draws/${drawId}/unseal`)).statusCode, who).toBe(403);
    }
    const expert = t.client();
    await expert.login(pool[1]!.username);
    expect((await expert.get(`/api/review/draws/${drawId}/unseal`)).statusCode).toBe(403);
    expect((await expert.get(`/api/review/draws/${drawId}`)).statusCode).toBe(403);
    const auditor = t.client();
    await auditor.login('auditor');
    expect((await auditor.get(`/api/review/draws/${drawId}/unseal`)).statusCode).toBe(200);
    const open = (await observer.get(`/api/review/draws/${drawId}/unseal`)).json();
    expect(open.experts).toHaveLength(8);
    for (const s of [...open.experts, ...open.applications]) expect(identityCommitment(s.salt, s.id)).toBe(s.commitment);
    expect(open.experts.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(pool.map((p) => p.id)));
    const audit = await rawSql(t.db, `select count(*)::int as n from audit_events where entity_id = '${drawId}' and action = 'review.draw.unseal'`);
    expect(audit[0]!.n).toBe(2);
  });

  it('npm run verify-draw: exit 0 on the saved record, non-zero with the first difference in Chinese on a tampered one', async () => {
    const file = path.join(os.tmpdir(), `draw-${drawId}.json`);
    const ok = await run('npm', ['run', '-s', 'verify-draw', '--', file], { cwd: ROOT });
    expect(ok.stdout).toContain('一致');
    const rec = JSON.parse(fs.readFileSync(file, 'utf8')) as PublicDrawRecord;
    rec.pairs![0]!.expert = rec.pairs![0]!.expert === 'E001' ? 'E002' : 'E001';
    const bad = path.join(os.tmpdir(), `draw-${drawId}-tampered.json`);
    fs.writeFileSync(bad, JSON.stringify(rec));
    const err = await run('npm', ['run', '-s', 'verify-draw', '--', bad], { cwd: ROOT }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout).toMatch(/^不一致：/);
    expect(err?.stdout).toContain('名单');
  }, 60_000);
});
