/**
 * Closing scoring (结束评分): when every sheet is in, or after the window closed with the missing sheets listed
 * and a recorded reason. Aggregation (domain aggregation.ts) writes each application's score, rank and
 * divergence flag, and the round moves to site inspection (BL-8) — one transaction, audited.
 */
import { and, eq } from 'drizzle-orm';
import { aggregateScores, formatShanghai, rankByMerit } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { reviewProblem } from './errors.js';
import { advanceStage, findRound, requireStage } from './rounds.js';
import { reviewOutcomes } from './schema.js';
import { activeAssignmentsWithSheets, submittedScores } from './scoring-progress.js';
import { requireRubric } from './scoring-rubric.js';
import { reviewPanels } from './scoring-schema.js';

export async function closeScoring(db: Db, actor: Actor, roundId: string, reason: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'scoring');
    const rubric = requireRubric(round);
    const [panel] = await tx.select({ status: reviewPanels.status }).from(reviewPanels).where(eq(reviewPanels.roundId, roundId));
    if (panel?.status === 'open') throw reviewProblem('REVIEW_PANEL_REFUSED', '会评尚未结束，请先结束会评再汇总。');
    const rows = await activeAssignmentsWithSheets(tx, roundId);
    const outcomes = await tx.select().from(reviewOutcomes).where(and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.status, 'inReview')));
    const apps = await applicationsByIds(tx, outcomes.map((o) => o.applicationId));
    const appNo = new Map(apps.map((a) => [a.id, a.applicationNo]));
    const missing = rows.filter((r) => r.sheet?.status !== 'submitted').map((r) => ({ applicationNo: appNo.get(r.assignment.applicationId) ?? '', expertName: r.expertName }));
    const closesAt = new Date(rubric.closesAt);
    if (missing.length) {
      const list = missing.map((m) => `${m.applicationNo}（${m.expertName}）`).join('、');
      if (now.getTime() < closesAt.getTime()) throw reviewProblem('REVIEW_SCORING_INCOMPLETE', `还有${missing.length}份评分表未提交：${list}。评分截止（${formatShanghai(closesAt)}）前须全部提交才能结束评分。`);
      if (reason.trim().length < 2) throw reviewProblem('REVIEW_SCORING_INCOMPLETE', `还有${missing.length}份评分表未提交：${list}。请填写在缺少评分的情况下结束评分的理由。`, [{ field: 'reason', message: '请填写理由' }]);
    }
    const ids = apps.map((a) => a.id);
    const sheets = await submittedScores(tx, roundId, ids);
    const champions = new Set(rubric.champions.map((c) => c.applicationId));
    const aggregates = aggregateScores(ids, sheets, rubric.aggregation, champions);
    const ranks = rankByMerit(apps.map((a) => ({ applicationId: a.id, applicationNo: a.applicationNo, submittedAt: (a.submittedAt ?? now).toISOString(), scoreCenti: aggregates.find((g) => g.applicationId === a.id)!.scoreCenti })));
    for (const g of aggregates) {
      await tx.update(reviewOutcomes).set({ scoreCenti: g.scoreCenti, rank: ranks.get(g.applicationId) ?? null, divergent: g.divergent, updatedAt: now }).where(and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.applicationId, g.applicationId)));
    }
    const results = aggregates.map((g) => ({ applicationNo: appNo.get(g.applicationId), scoreCenti: g.scoreCenti, rank: ranks.get(g.applicationId) ?? null, scores: g.scores, dropped: g.dropped, divergent: g.divergent, championBonusCenti: g.championBonusCenti }));
    await recordAudit(tx, actor, { action: 'review.scoring.close', entityType: 'reviewRound', entityId: roundId, detail: { missing, reason: reason.trim() || null, aggregation: rubric.aggregation, results } });
    const next = await advanceStage(tx, actor, round, 'inspection', { scoring: 'closed', aggregated: aggregates.length, missing: missing.length });
    return { stage: next.stage, aggregated: aggregates.filter((g) => g.scoreCenti !== null).length, missing };
  });
}
