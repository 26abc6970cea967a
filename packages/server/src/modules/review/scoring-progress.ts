/**
 * The officer's view of scoring (review.manage / review.observe): progress per expert and per application,
 * reminders sent, each sheet's total with any panel adjustment, and the aggregated results once closed.
 * Officers see names; nothing here is served to experts or applicants.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Panel, ScoringProgress, SheetStatus } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { applicationsByIds } from '../applications/service.js';
import { closesAtOf } from './expert-assignments.js';
import { findRound } from './rounds.js';
import { experts, reviewAssignments, reviewOutcomes } from './schema.js';
import { rubricOf } from './scoring-rubric.js';
import { reviewPanelAdjustments, reviewPanels, reviewSheets } from './scoring-schema.js';

export async function activeAssignmentsWithSheets(db: Tx, roundId: string) {
  return db
    .select({ assignment: reviewAssignments, sheet: reviewSheets, expertName: experts.name })
    .from(reviewAssignments)
    .innerJoin(experts, eq(experts.id, reviewAssignments.expertId))
    .leftJoin(reviewSheets, eq(reviewSheets.assignmentId, reviewAssignments.id))
    .where(and(eq(reviewAssignments.roundId, roundId), eq(reviewAssignments.status, 'active')))
    .orderBy(asc(experts.name), asc(reviewAssignments.id));
}

export async function readPanel(db: Tx, roundId: string): Promise<Panel | null> {
  const [panel] = await db.select().from(reviewPanels).where(eq(reviewPanels.roundId, roundId));
  if (!panel) return null;
  const adjustments = await db
    .select({ adj: reviewPanelAdjustments, assignmentId: reviewSheets.assignmentId, applicationId: reviewAssignments.applicationId, expertName: experts.name })
    .from(reviewPanelAdjustments)
    .innerJoin(reviewSheets, eq(reviewSheets.id, reviewPanelAdjustments.sheetId))
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviewSheets.assignmentId))
    .innerJoin(experts, eq(experts.id, reviewAssignments.expertId))
    .where(eq(reviewPanelAdjustments.panelId, panel.id))
    .orderBy(asc(reviewPanelAdjustments.createdAt), asc(reviewPanelAdjustments.id));
  return {
    id: panel.id,
    status: panel.status as 'open' | 'closed',
    currentApplicationId: panel.currentApplicationId,
    minutes: panel.minutes,
    startedAt: panel.startedAt.toISOString(),
    endedAt: panel.endedAt?.toISOString() ?? null,
    adjustments: adjustments.map((a) => ({ id: a.adj.id, assignmentId: a.assignmentId, applicationId: a.applicationId, expertName: a.expertName, beforeCenti: a.adj.beforeCenti, afterCenti: a.adj.afterCenti, reason: a.adj.reason, createdAt: a.adj.createdAt.toISOString() })),
  };
}

export async function scoringProgress(db: Db, roundId: string): Promise<ScoringProgress> {
  const round = await findRound(db, roundId);
  const rows = await activeAssignmentsWithSheets(db, roundId);
  const outcomes = await db.select().from(reviewOutcomes).where(eq(reviewOutcomes.roundId, roundId));
  const apps = await applicationsByIds(db, outcomes.map((o) => o.applicationId));
  const champions = new Set((rubricOf(round)?.champions ?? []).map((c) => c.applicationId));
  const byExpert = new Map<string, ScoringProgress['experts'][number]>();
  for (const r of rows) {
    const e = byExpert.get(r.assignment.expertId) ?? { expertId: r.assignment.expertId, name: r.expertName, submitted: 0, total: 0, reminded: 0 };
    e.total++;
    if (r.sheet?.status === 'submitted') e.submitted++;
    if (r.assignment.remindedAt) e.reminded++;
    byExpert.set(r.assignment.expertId, e);
  }
  const outcome = new Map(outcomes.map((o) => [o.applicationId, o]));
  const applications = apps.map((a) => {
    const mine = rows.filter((r) => r.assignment.applicationId === a.id);
    const o = outcome.get(a.id)!;
    return {
      applicationId: a.id,
      applicationNo: a.applicationNo,
      title: ((a.content ?? {}) as { basic?: { title?: string } }).basic?.title ?? '',
      submitted: mine.filter((r) => r.sheet?.status === 'submitted').length,
      total: mine.length,
      champion: champions.has(a.id),
      scoreCenti: o.scoreCenti,
      rank: o.rank,
      divergent: o.divergent,
      sheets: mine.map((r) => ({ assignmentId: r.assignment.id, expertName: r.expertName, status: (r.sheet?.status ?? 'none') as SheetStatus, totalCenti: r.sheet?.totalCenti ?? null, adjustedCenti: r.sheet?.adjustedCenti ?? null })),
    };
  });
  return {
    closesAt: closesAtOf(round)?.toISOString() ?? null,
    stage: round.stage,
    sheets: { submitted: rows.filter((r) => r.sheet?.status === 'submitted').length, total: rows.length },
    experts: [...byExpert.values()],
    applications,
    panel: await readPanel(db, roundId),
  };
}

/** Sheet totals of a round as aggregation takes them: submitted sheets, the panel's adjusted total where there is one. */
export async function submittedScores(db: Tx, roundId: string, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return [];
  const rows = await db
    .select({ applicationId: reviewAssignments.applicationId, expertId: reviewAssignments.expertId, total: reviewSheets.totalCenti, adjusted: reviewSheets.adjustedCenti })
    .from(reviewSheets)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviewSheets.assignmentId))
    .where(and(eq(reviewSheets.roundId, roundId), eq(reviewSheets.status, 'submitted'), eq(reviewAssignments.status, 'active'), inArray(reviewAssignments.applicationId, [...applicationIds])));
  return rows.map((r) => ({ applicationId: r.applicationId, expertId: r.expertId, totalCenti: r.adjusted ?? r.total! }));
}
