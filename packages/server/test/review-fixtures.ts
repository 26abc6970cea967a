/**
 * Review fixtures: a closed call with accepted (受理) applications from several organisations and its review
 * round, built through the real use cases (submit, endorse, 形式审查, accept) so every later step of review
 * starts from what a bureau would really have.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { exampleBeilunContent, residentIdCheckChar, type ReviewStage } from '@kechuang/domain';
import { insertUser } from '../src/modules/accounts/create-user.js';
import { hashPassword } from '../src/modules/accounts/passwords.js';
import { SYSTEM_ACTOR } from '../src/modules/audit/record.js';
import { experts, reviewAssignments } from '../src/modules/review/schema.js';
import { seedDemoApplicantOrganisations } from '../src/db/seed/demo-applications.js';
import { DEMO_PASSWORD, passFormalReview, rawSql, uploadRequiredAttachments, type TestApp, type TestClient } from './helpers.js';

/** A valid resident ID, distinct per n (each application's leader is a different person). */
export function fixtureLeaderId(n: number): string {
  const first17 = `33020619800101${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17)!;
}

export interface AcceptedCall {
  callId: string;
  /** The accepted applications this fixture made, in creation order. */
  applicationIds: string[];
  officer: TestClient;
  /** Signed-in clients by username: officer, applicant, unitadmin, demo-a/b/c. */
  clients: Map<string, TestClient>;
}

const ORGS = [
  { applicant: 'applicant', endorser: 'unitadmin' },
  { applicant: 'demo-a', endorser: 'demo-a' },
  { applicant: 'demo-b', endorser: 'demo-b' },
  { applicant: 'demo-c', endorser: 'demo-c' },
] as const;

/**
 * Puts `count` applications (round-robin over the demo applicant, demo-a, demo-b, demo-c) through to accepted
 * on the demo Beilun call, then closes the call (its close date moved to the past, as if it had ended). The
 * demo call is shared by every test in the file, so call this once per file.
 */
export async function acceptedCall(t: TestApp, count = 6, leaderBase = 100): Promise<AcceptedCall> {
  await seedDemoApplicantOrganisations(t.db);
  const clients = new Map<string, TestClient>();
  for (const u of ['officer', 'applicant', 'unitadmin', 'demo-a', 'demo-b', 'demo-c']) {
    const c = t.client();
    await c.login(u);
    clients.set(u, c);
  }
  const officer = clients.get('officer')!;
  const calls = (await t.client().get('/api/public/calls')).json().items as { id: string; title: string }[];
  const callId = calls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
  const applicationIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const org = ORGS[i % ORGS.length]!;
    const applicant = clients.get(org.applicant)!;
    const created = await applicant.post('/api/applications', { callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json() as { id: string; version: number };
    const base = exampleBeilunContent();
    const content = {
      ...base,
      basic: { ...base.basic!, title: `${base.basic!.title ?? "演示项目"}（评审测试${i + 1}）` },
      team: { ...base.team!, leader: { ...base.team!.leader!, idNumber: fixtureLeaderId(leaderBase + i) } },
    };
    const saved = await applicant.put(`/api/applications/${id}/draft`, { baseVersion: version, content });
    expect(saved.statusCode, saved.body).toBe(200);
    await uploadRequiredAttachments(applicant, id);
    const sub = await applicant.post(`/api/applications/${id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    const endorse = await clients.get(org.endorser)!.post(`/api/applications/${id}/endorse`);
    expect(endorse.statusCode, endorse.body).toBe(200);
    // 查重 runs inline when no job queue is attached (tests); 形式审查 needs its result.
    const dup = await officer.post(`/api/applications/${id}/duplicate-check`);
    expect(dup.statusCode, dup.body).toBe(200);
    await passFormalReview(officer, id);
    const accept = await officer.post(`/api/applications/${id}/accept`);
    expect(accept.statusCode, accept.body).toBe(200);
    applicationIds.push(id);
  }
  await rawSql(t.db, `update calls set status = 'closed', closes_at = now() - interval '1 minute', closed_at = now() where id = '${callId}'`);
  return { callId, applicationIds, officer, clients };
}

/** `acceptedCall` and the round the officer opens on it. */
export async function openedRound(t: TestApp, count = 6): Promise<AcceptedCall & { roundId: string }> {
  const call = await acceptedCall(t, count);
  const res = await call.officer.post('/api/review/rounds', { callId: call.callId });
  expect(res.statusCode, res.body).toBe(201);
  return { ...call, roundId: (res.json() as { id: string }).id };
}

export interface TestExpert {
  id: string;
  userId: string;
  username: string;
}

/**
 * `count` active, available experts with a login each (username `${prefix}${i}`, the demo password), in the
 * demo call's field (equipment, 装备) with keywords that match the example application, each at an organisation
 * of its own (no 回避 with the demo applicants). For the review parts' tests; the expert pool's own use cases
 * are tested through its API.
 */
export async function insertTestExperts(t: TestApp, count: number, opts: { prefix?: string; fields?: string[]; keywords?: string[] } = {}): Promise<TestExpert[]> {
  const prefix = opts.prefix ?? 'expert-t';
  const hash = await hashPassword(DEMO_PASSWORD);
  const out: TestExpert[] = [];
  await t.db.transaction(async (tx) => {
    for (let i = 1; i <= count; i++) {
      const username = `${prefix}${i}`;
      const user = await insertUser(tx, SYSTEM_ACTOR, { username, name: `测试专家${i}`, phone: '', email: '', roles: ['expert'], organisationId: null, passwordHash: hash, mustChangePassword: false });
      const id = randomUUID();
      await tx.insert(experts).values({
        id,
        userId: user.id,
        name: `测试专家${i}`,
        title: '教授级高级工程师',
        organisationName: `测试专家单位${i}`,
        organisationCreditCode: null,
        region: '浙江省宁波市鄞州区',
        fields: opts.fields ?? ['equipment'],
        keywords: opts.keywords ?? ['模具', '一体化压铸'],
        status: 'active',
      });
      out.push({ id, userId: user.id, username });
    }
  });
  return out;
}

/** Writes assignments directly (as the assignment step would) and moves the round to scoring. */
export async function assignDirectly(t: TestApp, roundId: string, pairs: { applicationId: string; expertId: string }[]): Promise<void> {
  await t.db.transaction(async (tx) => {
    for (const p of pairs) await tx.insert(reviewAssignments).values({ id: randomUUID(), roundId, applicationId: p.applicationId, expertId: p.expertId, source: 'optimal' });
  });
  await rawSql(t.db, `update review_rounds set stage = 'scoring' where id = '${roundId}'`);
}

/** Sets the round's stage directly, for a part's tests that start at a later step. */
export async function setStage(t: TestApp, roundId: string, stage: ReviewStage): Promise<void> {
  await rawSql(t.db, `update review_rounds set stage = '${stage}' where id = '${roundId}'`);
}

/** Writes aggregated scores and ranks directly (as aggregation would): scores in 1/100 points, by application. */
export async function scoreDirectly(t: TestApp, roundId: string, scores: { applicationId: string; scoreCenti: number }[]): Promise<void> {
  const sorted = [...scores].sort((a, b) => b.scoreCenti - a.scoreCenti);
  for (const [i, s] of sorted.entries()) await rawSql(t.db, `update review_outcomes set score_centi = ${s.scoreCenti}, rank = ${i + 1} where round_id = '${roundId}' and application_id = '${s.applicationId}'`);
}
