/**
 * Reverse evaluation (反向评价, P315-5). An applicant rates the experts who reviewed its application once scoring
 * has closed, seeing only anonymous slots (专家一, 专家二 … in assignment-id order) keyed by the assignment id, which
 * belongs to this application alone, so nothing it is told identifies an expert or links two applications' slots.
 * An officer rates an expert's work in a round from the expert's page. Aggregates are shown to officers only.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { anonymousExpertLabel, REVIEW_STAGE_LABELS, type ApplicationExpertRatings, type ExpertDetail, type ReviewStage } from '@kechuang/domain';
import type { Db, Tx } from '../../../db/client.js';
import { uniqueViolation } from '../../../db/errors.js';
import type { AuthContext } from '../../../http/auth.js';
import { ownOrganisationApplication } from '../../applications/service.js';
import { recordAudit, type Actor } from '../../audit/record.js';
import { reviewProblem } from '../errors.js';
import { reviewAssignments, reviewOutcomes, reviewRounds } from '../schema.js';
import { expertDetail, ratingOpenAt } from './expert-detail.js';
import { findExpert } from './expert-rows.js';
import { expertRatings } from './schema.js';

const CLOSED_REASON = `专家评审结束（进入“${REVIEW_STAGE_LABELS.inspection}”阶段）后方可评价评审专家`;

async function roundOfApplication(db: Tx, applicationId: string): Promise<{ id: string; stage: ReviewStage } | null> {
  const [row] = await db.select({ id: reviewRounds.id, stage: reviewRounds.stage }).from(reviewOutcomes).innerJoin(reviewRounds, eq(reviewRounds.id, reviewOutcomes.roundId)).where(eq(reviewOutcomes.applicationId, applicationId));
  return row ? { id: row.id, stage: row.stage as ReviewStage } : null;
}

async function slotsOf(db: Tx, roundId: string, applicationId: string) {
  return db
    .select({ id: reviewAssignments.id, expertId: reviewAssignments.expertId })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.roundId, roundId), eq(reviewAssignments.applicationId, applicationId), eq(reviewAssignments.status, 'active')))
    .orderBy(asc(reviewAssignments.id));
}

export async function applicationExpertRatings(db: Tx, auth: AuthContext, applicationId: string): Promise<ApplicationExpertRatings> {
  const app = await ownOrganisationApplication(db, auth, applicationId);
  const round = await roundOfApplication(db, app.id);
  if (!round) return { open: false, reason: '该申报书尚未进入专家评审', slots: [] };
  if (!ratingOpenAt(round.stage)) return { open: false, reason: CLOSED_REASON, slots: [] };
  const [slots, ratings] = await Promise.all([
    slotsOf(db, round.id, app.id),
    db.select().from(expertRatings).where(and(eq(expertRatings.applicationId, app.id), eq(expertRatings.raterKind, 'applicant'), eq(expertRatings.raterKey, app.organisationId))),
  ]);
  const bySlot = new Map(ratings.map((r) => [r.assignmentId, r]));
  return {
    open: slots.length > 0,
    reason: slots.length ? null : '该申报书没有可评价的评审专家',
    slots: slots.map((s, i) => {
      const r = bySlot.get(s.id);
      return { slot: s.id, label: anonymousExpertLabel(i + 1), score: r?.score ?? null, comment: r?.comment ?? '', ratedAt: r?.createdAt.toISOString() ?? null };
    }),
  };
}

const alreadyRated = (e: unknown) => {
  if (uniqueViolation(e) === 'expert_ratings_one_per_rater') throw reviewProblem('EXPERT_RATING_EXISTS');
  throw e;
};

export async function rateApplicationExpert(db: Db, auth: AuthContext, actor: Actor, applicationId: string, input: { slot: string; score: number; comment: string }): Promise<ApplicationExpertRatings> {
  await db
    .transaction(async (tx) => {
      const app = await ownOrganisationApplication(tx, auth, applicationId);
      const round = await roundOfApplication(tx, app.id);
      if (!round || !ratingOpenAt(round.stage)) throw reviewProblem('EXPERT_RATING_CLOSED', CLOSED_REASON);
      const slots = await slotsOf(tx, round.id, app.id);
      const slot = slots.find((s) => s.id === input.slot);
      if (!slot) throw reviewProblem('EXPERT_RATING_SLOT_NOT_FOUND', undefined, [{ field: 'slot', message: '评价对象不存在' }]);
      const id = randomUUID();
      await tx.insert(expertRatings).values({ id, expertId: slot.expertId, roundId: round.id, applicationId: app.id, assignmentId: slot.id, raterKind: 'applicant', raterOrganisationId: app.organisationId, raterUserId: auth.user.id, raterKey: app.organisationId, score: input.score, comment: input.comment });
      // The event names the expert for auditors; the applicant never reads the audit trail.
      await recordAudit(tx, actor, { action: 'review.expert.rate', entityType: 'expert', entityId: slot.expertId, detail: { raterKind: 'applicant', rating: id, score: input.score, round: round.id, application: app.id } });
    })
    .catch(alreadyRated);
  return applicationExpertRatings(db, auth, applicationId);
}

/** An officer's rating of an expert's work in one round (the expert reviewed in it and scoring has closed). */
export async function rateExpertAsOfficer(db: Db, actor: Actor, userId: string, expertId: string, input: { roundId: string; score: number; comment: string }): Promise<ExpertDetail> {
  await db
    .transaction(async (tx) => {
      await findExpert(tx, expertId);
      const [round] = await tx.select({ id: reviewRounds.id, stage: reviewRounds.stage }).from(reviewRounds).where(eq(reviewRounds.id, input.roundId));
      if (!round) throw reviewProblem('REVIEW_ROUND_NOT_FOUND');
      if (!ratingOpenAt(round.stage as ReviewStage)) throw reviewProblem('EXPERT_RATING_CLOSED', CLOSED_REASON);
      const [worked] = await tx.select({ id: reviewAssignments.id }).from(reviewAssignments).where(and(eq(reviewAssignments.roundId, round.id), eq(reviewAssignments.expertId, expertId), eq(reviewAssignments.status, 'active'))).limit(1);
      if (!worked) throw reviewProblem('EXPERT_RATING_SLOT_NOT_FOUND', '该专家未参加此轮评审', [{ field: 'roundId', message: '该专家未参加此轮评审' }]);
      const [exists] = await tx.select({ id: expertRatings.id }).from(expertRatings).where(and(eq(expertRatings.expertId, expertId), eq(expertRatings.roundId, round.id), isNull(expertRatings.applicationId), eq(expertRatings.raterKey, userId)));
      if (exists) throw reviewProblem('EXPERT_RATING_EXISTS');
      const id = randomUUID();
      await tx.insert(expertRatings).values({ id, expertId, roundId: round.id, applicationId: null, assignmentId: null, raterKind: 'officer', raterOrganisationId: null, raterUserId: userId, raterKey: userId, score: input.score, comment: input.comment });
      await recordAudit(tx, actor, { action: 'review.expert.rate', entityType: 'expert', entityId: expertId, detail: { raterKind: 'officer', rating: id, score: input.score, round: round.id } });
    })
    .catch(alreadyRated);
  return expertDetail(db, expertId, userId);
}
