/**
 * 演示 remote scoring (不见面评审): the demo rubric of a round, every assigned expert scoring deterministically
 * through the same use cases as the browser (declare, open, submit), and optionally closing scoring with
 * aggregation. The demo orchestration calls these once a round has its assignments.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { defaultRubricCriteria, shanghaiDate, type Role, type ScoringRubric } from '@kechuang/domain';
import type { AuthContext } from '../../http/auth.js';
import { users } from '../../modules/accounts/schema.js';
import { applications } from '../../modules/applications/schema.js';
import { SYSTEM_ACTOR, type Actor } from '../../modules/audit/record.js';
import { closeScoring } from '../../modules/review/close-scoring.js';
import { openAssignment } from '../../modules/review/expert-assignments.js';
import { findRound } from '../../modules/review/rounds.js';
import { experts, reviewAssignments } from '../../modules/review/schema.js';
import { saveSheet } from '../../modules/review/score-sheets.js';
import { rubricOf, saveRubric } from '../../modules/review/scoring-rubric.js';
import type { Db } from '../client.js';

const seedActor: Actor = { ...SYSTEM_ACTOR, name: 'system.seed' };

/** The demo rubric: the default four criteria, scoring open until 17:00 Beijing time seven days from `now`. */
export async function demoRubric(db: Db, roundId: string, now = new Date()): Promise<ScoringRubric> {
  const round = await findRound(db, roundId);
  const existing = rubricOf(round);
  if (existing) return existing;
  const day = shanghaiDate(new Date(now.getTime() + 7 * 86_400_000));
  const rubric: ScoringRubric = {
    criteria: defaultRubricCriteria(),
    closesAt: `${day}T17:00:00+08:00`,
    aggregation: { dropExtremesMin: 5, normalise: false, divergencePoints: 20, championBonusCenti: 0 },
    champions: [],
  };
  await saveRubric(db, seedActor, roundId, rubric);
  return rubric;
}

async function expertAuth(db: Db, userId: string): Promise<{ auth: AuthContext; actor: Actor }> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`demo expert user ${userId} is missing`);
  const roles = user.roles as Role[];
  return { auth: { sessionId: 'seed', user, roles, mustChangePassword: false }, actor: { id: user.id, name: user.username, role: roles[0] ?? null, ip: null } };
}

/** A stable fraction in [0, 1) from text, so the same demo gives the same scores every time. */
function fraction(text: string): number {
  return createHash('sha256').update(text, 'utf8').digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Every active assignment of the round that has no submitted sheet is declared, opened and scored by its expert
 * (points between 65% and 95% of each maximum, in half points, from the application number and the expert's
 * name); with `close`, scoring is then closed and aggregated (the round moves to 实地核查).
 */
export async function demoScores(db: Db, roundId: string, opts: { close: boolean }, now = new Date()): Promise<{ scored: number }> {
  const rubric = await demoRubric(db, roundId, now);
  const rows = await db
    .select({ id: reviewAssignments.id, userId: experts.userId, expertName: experts.name, applicationNo: applications.applicationNo })
    .from(reviewAssignments)
    .innerJoin(experts, eq(experts.id, reviewAssignments.expertId))
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .where(and(eq(reviewAssignments.roundId, roundId), eq(reviewAssignments.status, 'active')))
    .orderBy(applications.applicationNo, experts.name);
  let scored = 0;
  for (const r of rows) {
    if (!r.userId) throw new Error(`demo expert ${r.expertName} has no login: every demo expert scores through the use case`);
    const { auth, actor } = await expertAuth(db, r.userId);
    const detail = await openAssignment(db, auth, actor, r.id, now);
    if (detail.state !== 'scoring') continue;
    const entries = Object.fromEntries(
      rubric.criteria.map((c) => {
        const half = Math.round((c.maxPoints * 2 * (0.65 + 0.3 * fraction(`${r.applicationNo}|${r.expertName}|${c.key}`))));
        return [c.key, { pointsCenti: Math.min(half * 50, c.maxPoints * 100), comment: c.commentRequired ? `${c.name}：技术路线较清晰，具备一定创新性（演示评语）。` : '' }];
      }),
    );
    await saveSheet(db, auth, actor, r.id, { entries, opinion: '建议支持（演示）。' }, true, now);
    scored++;
  }
  if (opts.close) await closeScoring(db, seedActor, roundId, '', now);
  return { scored };
}
