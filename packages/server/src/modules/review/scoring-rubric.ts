/**
 * The round's rubric (评分细则) and aggregation settings, kept in `review_rounds.settings.scoring`. The officer
 * edits it while the round is assigning or scoring and no sheet has been submitted yet: a sheet is scored
 * against the rubric it saw, so the rubric cannot change under a submitted one.
 */
import { and, count, eq } from 'drizzle-orm';
import { programmeDropExtremesMin, scoringRubricSchema, type ScoringRubric } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { callSummaries } from '../programmes/call-queries.js';
import { reviewProblem } from './errors.js';
import { findRound, requireStage, type RoundRow } from './rounds.js';
import { reviewOutcomes, reviewRounds } from './schema.js';
import { reviewSheets } from './scoring-schema.js';

/** The round's rubric, or null when none has been set. */
export function rubricOf(round: RoundRow): ScoringRubric | null {
  const raw = ((round.settings ?? {}) as { scoring?: unknown }).scoring;
  if (!raw) return null;
  const parsed = scoringRubricSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function requireRubric(round: RoundRow): ScoringRubric {
  const r = rubricOf(round);
  if (!r) throw reviewProblem('REVIEW_RUBRIC_MISSING', '评审管理员尚未设置本轮的评分细则。');
  return r;
}

async function submittedCount(db: Tx, roundId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reviewSheets).where(and(eq(reviewSheets.roundId, roundId), eq(reviewSheets.status, 'submitted')));
  return row?.n ?? 0;
}

export async function readRubric(db: Db, roundId: string) {
  const round = await findRound(db, roundId);
  const call = (await callSummaries(db, [round.callId])).get(round.callId);
  const submitted = await submittedCount(db, roundId);
  return {
    rubric: rubricOf(round),
    programmeDropExtremesMin: programmeDropExtremesMin(call?.programmeCode ?? ''),
    editable: (round.stage === 'assigning' || round.stage === 'scoring') && submitted === 0,
    submittedSheets: submitted,
  };
}

export async function saveRubric(db: Db, actor: Actor, roundId: string, input: unknown) {
  const parsed = scoringRubricSchema.safeParse(input);
  if (!parsed.success) {
    throw reviewProblem('REVIEW_SETTINGS_INVALID', parsed.error.issues[0]?.message, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  const rubric = parsed.data;
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, ['assigning', 'scoring']);
    if ((await submittedCount(tx, roundId)) > 0) throw reviewProblem('REVIEW_RUBRIC_LOCKED');
    const inRound = new Set((await tx.select({ id: reviewOutcomes.applicationId }).from(reviewOutcomes).where(eq(reviewOutcomes.roundId, roundId))).map((r) => r.id));
    const stray = rubric.champions.findIndex((c) => !inRound.has(c.applicationId));
    if (stray >= 0) throw reviewProblem('REVIEW_SETTINGS_INVALID', '冠军企业标记的申报书不在本轮评审中', [{ field: `champions.${stray}.applicationId`, message: '不在本轮评审中' }]);
    const before = rubricOf(round);
    const settings = { ...((round.settings ?? {}) as Record<string, unknown>), scoring: rubric };
    await tx.update(reviewRounds).set({ settings, updatedAt: new Date() }).where(eq(reviewRounds.id, roundId));
    await recordAudit(tx, actor, {
      action: 'review.rubric.save',
      entityType: 'reviewRound',
      entityId: roundId,
      changes: { scoring: { before, after: rubric } },
      detail: { criteria: rubric.criteria.length, closesAt: rubric.closesAt, champions: rubric.champions.map((c) => ({ applicationId: c.applicationId, basis: c.basis })) },
    });
  });
  return readRubric(db, roundId);
}
