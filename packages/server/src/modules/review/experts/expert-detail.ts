/**
 * An expert's page for officers: the profile, its history (the expert's audit events), every assignment across
 * rounds, the workload per round (open vs closed vs declined) and the reverse evaluations with their aggregate.
 */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import {
  AUDIT_FIELD_LABELS,
  averageRatingCenti,
  ratingDistribution,
  reviewStageIndex,
  type ExpertDetail,
  type ExpertRaterKind,
  type ReviewStage,
} from '@kechuang/domain';
import type { Db } from '../../../db/client.js';
import { userSummaries } from '../../accounts/service.js';
import { applicationsByIds } from '../../applications/service.js';
import { searchAuditEvents } from '../../audit/service.js';
import { organisationNames } from '../../organisations/service.js';
import { callSummaries } from '../../programmes/call-queries.js';
import { reviewAssignments, reviewRounds } from '../schema.js';
import { findExpert, OPEN_STAGES, presentExpert } from './expert-rows.js';
import { expertRatings } from './schema.js';

const titleOf = (content: unknown) => ((content as { basic?: { title?: string } } | null)?.basic?.title ?? '').trim();

/** Scoring has closed for a round at this stage: reviewers may now be rated (P315-5). */
export const ratingOpenAt = (stage: ReviewStage) => reviewStageIndex(stage) >= reviewStageIndex('inspection');

/** One line per event: a status move as before → after, other changes by their field names, the reason, the score. */
function historySummary(action: string, changes: Record<string, { before?: unknown; after?: unknown }> | null, detail: Record<string, unknown> | null): string {
  const parts: string[] = [];
  const fieldLabel = (k: string) => AUDIT_FIELD_LABELS[k] ?? k;
  if (changes && action !== 'review.expert.create' && action !== 'review.expert.import') {
    const status = changes.status;
    if (status) parts.push(`状态：${String(status.before)} → ${String(status.after)}`);
    const others = Object.keys(changes).filter((k) => k !== 'status');
    if (others.length) parts.push(`变更：${others.map(fieldLabel).join('、')}`);
  }
  if (typeof detail?.reason === 'string') parts.push(`原因：${detail.reason}`);
  if (typeof detail?.score === 'number') parts.push(`评分 ${detail.score}`);
  return parts.join('；');
}

export async function expertDetail(db: Db, id: string, viewerId: string | null): Promise<ExpertDetail> {
  const row = await findExpert(db, id);
  const [expert, events, assignmentRows, ratingRows] = await Promise.all([
    presentExpert(db, row),
    searchAuditEvents(db, { entityType: 'expert', entityId: id, page: 1, pageSize: 200, sort: 'occurredAt' }),
    db
      .select({ a: reviewAssignments, callId: reviewRounds.callId, stage: reviewRounds.stage })
      .from(reviewAssignments)
      .innerJoin(reviewRounds, eq(reviewRounds.id, reviewAssignments.roundId))
      .where(eq(reviewAssignments.expertId, id))
      .orderBy(desc(reviewAssignments.createdAt), asc(reviewAssignments.id)),
    db.select().from(expertRatings).where(eq(expertRatings.expertId, id)).orderBy(desc(expertRatings.createdAt)),
  ]);
  const roundCalls = new Map<string, string>([...assignmentRows.map((r) => [r.a.roundId, r.callId] as const)]);
  const ratedRounds = ratingRows.filter((r) => !roundCalls.has(r.roundId));
  const stageOf = new Map(assignmentRows.map((r) => [r.a.roundId, r.stage as ReviewStage]));
  if (ratedRounds.length) {
    const extra = await db.select({ id: reviewRounds.id, callId: reviewRounds.callId }).from(reviewRounds).where(inArray(reviewRounds.id, [...new Set(ratedRounds.map((r) => r.roundId))]));
    for (const r of extra) roundCalls.set(r.id, r.callId);
  }
  const calls = await callSummaries(db, [...new Set(roundCalls.values())]);
  const callTitle = (roundId: string) => calls.get(roundCalls.get(roundId) ?? '')?.title ?? '';
  const apps = new Map((await applicationsByIds(db, [...new Set([...assignmentRows.map((r) => r.a.applicationId), ...ratingRows.flatMap((r) => (r.applicationId ? [r.applicationId] : []))])])).map((a) => [a.id, a]));
  const [orgs, users] = await Promise.all([
    organisationNames(db, [...new Set(ratingRows.flatMap((r) => (r.raterOrganisationId ? [r.raterOrganisationId] : [])))]),
    userSummaries(db, [...new Set(ratingRows.filter((r) => r.raterKind === 'officer').map((r) => r.raterUserId))]),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));

  const assignments = assignmentRows.map(({ a, stage }) => ({
    assignmentId: a.id,
    roundId: a.roundId,
    callTitle: callTitle(a.roundId),
    stage: stage as ReviewStage,
    applicationId: a.applicationId,
    applicationNo: apps.get(a.applicationId)?.applicationNo ?? '',
    applicationTitle: titleOf(apps.get(a.applicationId)?.content),
    source: a.source,
    status: a.status,
    state: a.status === 'declined' ? ('declined' as const) : (OPEN_STAGES as readonly string[]).includes(stage) ? ('open' as const) : ('closed' as const),
    createdAt: a.createdAt.toISOString(),
  }));
  const rounds = [...new Set(assignments.map((a) => a.roundId))];
  const workload = rounds.map((roundId) => {
    const mine = assignments.filter((a) => a.roundId === roundId);
    const stage = stageOf.get(roundId)!;
    return {
      roundId,
      callTitle: callTitle(roundId),
      stage,
      total: mine.filter((a) => a.state !== 'declined').length,
      open: mine.filter((a) => a.state === 'open').length,
      closed: mine.filter((a) => a.state === 'closed').length,
      declined: mine.filter((a) => a.state === 'declined').length,
      canRate: viewerId !== null && ratingOpenAt(stage) && mine.some((a) => a.state === 'closed') && !ratingRows.some((r) => r.roundId === roundId && r.raterKind === 'officer' && r.raterKey === viewerId),
    };
  });
  const scores = ratingRows.map((r) => r.score);
  return {
    expert,
    history: events.items.map((e) => ({
      id: e.id,
      occurredAt: e.occurredAt,
      action: e.action,
      actionLabel: e.actionLabel,
      actorName: e.actorName,
      summary: historySummary(e.action, e.changes, e.detail),
    })),
    assignments,
    workload,
    ratings: {
      averageCenti: averageRatingCenti(scores),
      count: scores.length,
      distribution: ratingDistribution(scores),
      items: ratingRows.map((r) => ({
        id: r.id,
        roundId: r.roundId,
        callTitle: callTitle(r.roundId),
        applicationNo: r.applicationId ? (apps.get(r.applicationId)?.applicationNo ?? '') : null,
        raterKind: r.raterKind as ExpertRaterKind,
        raterName: r.raterKind === 'applicant' ? (orgName.get(r.raterOrganisationId ?? '') ?? '申报单位') : (userName.get(r.raterUserId) ?? '经办人'),
        score: r.score,
        comment: r.comment,
        createdAt: r.createdAt.toISOString(),
      })),
    },
  };
}
