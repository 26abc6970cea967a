/**
 * Review rounds (评审轮次): one per call, opened by the officer once the call has closed and has accepted
 * applications; its stage walks BL-8 in order (domain `review/stages.ts`). Opening a round writes one outcome
 * row per accepted application, which every later step fills in.
 */
import { randomUUID } from 'node:crypto';
import { count, desc, eq, inArray } from 'drizzle-orm';
import { canAdvanceStage, REVIEW_STAGE_LABELS, stageProblems, type ReviewOutcomeStatus, type ReviewRound, type ReviewRoundApplication, type ReviewStage } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { acceptedApplicationsOf, applicationsByIds } from '../applications/service.js';
import { organisationNames } from '../organisations/service.js';
import { callSummaries } from '../programmes/call-queries.js';
import { reviewProblem } from './errors.js';
import { reviewOutcomes, reviewRounds } from './schema.js';

export type RoundRow = typeof reviewRounds.$inferSelect;

/** The programme-year of a call: the calendar year (Asia/Shanghai) in which it closed. */
export function budgetYearOf(closesAt: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(closesAt));
}

async function present(db: Tx, rows: RoundRow[]): Promise<ReviewRound[]> {
  const summaries = await callSummaries(db, rows.map((r) => r.callId));
  const counts = rows.length
    ? await db.select({ roundId: reviewOutcomes.roundId, n: count() }).from(reviewOutcomes).where(inArray(reviewOutcomes.roundId, rows.map((r) => r.id))).groupBy(reviewOutcomes.roundId)
    : [];
  const byRound = new Map(counts.map((c) => [c.roundId, c.n]));
  return rows.map((r) => {
    const call = summaries.get(r.callId);
    return {
      id: r.id,
      callId: r.callId,
      callTitle: call?.title ?? '',
      programmeCode: call?.programmeCode ?? '',
      year: r.budgetYear,
      stage: r.stage as ReviewStage,
      mode: r.mode as 'optimal' | 'draw',
      k: r.k,
      minLoad: r.minLoad,
      maxLoad: r.maxLoad,
      settings: (r.settings ?? {}) as Record<string, unknown>,
      applications: byRound.get(r.id) ?? 0,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export async function listRounds(db: Db): Promise<{ items: ReviewRound[] }> {
  const rows = await db.select().from(reviewRounds).orderBy(desc(reviewRounds.createdAt));
  return { items: await present(db, rows) };
}

export async function findRound(db: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<RoundRow> {
  const q = db.select().from(reviewRounds).where(eq(reviewRounds.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw reviewProblem('REVIEW_ROUND_NOT_FOUND');
  return row;
}

export async function readRound(db: Tx, id: string): Promise<ReviewRound> {
  const [round] = await present(db, [await findRound(db, id)]);
  return round!;
}

export async function roundOfCall(db: Tx, callId: string): Promise<RoundRow | null> {
  const [row] = await db.select().from(reviewRounds).where(eq(reviewRounds.callId, callId));
  return row ?? null;
}

/** Opens the round of a closed call with its accepted applications. */
export async function openRound(db: Db, actor: Actor, callId: string): Promise<ReviewRound> {
  return db.transaction(async (tx) => {
    const call = (await callSummaries(tx, [callId])).get(callId);
    if (!call) throw reviewProblem('REVIEW_CALL_NOT_READY', '申报指南不存在。');
    if (call.status !== 'closed') throw reviewProblem('REVIEW_CALL_NOT_READY', '申报指南截止后方可建立评审轮次。');
    if (await roundOfCall(tx, callId)) throw reviewProblem('REVIEW_ROUND_EXISTS');
    const accepted = await acceptedApplicationsOf(tx, callId);
    if (accepted.length === 0) throw reviewProblem('REVIEW_CALL_NOT_READY', '该申报指南没有已受理的申报书。');
    const id = randomUUID();
    const [row] = await tx.insert(reviewRounds).values({ id, callId, budgetYear: budgetYearOf(call.closesAt), createdBy: actor.id }).returning();
    await tx.insert(reviewOutcomes).values(accepted.map((a) => ({ roundId: id, applicationId: a.id })));
    await recordAudit(tx, actor, { action: 'review.round.open', entityType: 'reviewRound', entityId: id, detail: { callId, applications: accepted.length, budgetYear: row!.budgetYear } });
    const [round] = await present(tx, [row!]);
    return round!;
  });
}

/** Checks the round is at one of `required` stages (inside the caller's transaction, after locking it). */
export function requireStage(round: RoundRow, required: ReviewStage | readonly ReviewStage[]): void {
  const problems = stageProblems(round.stage as ReviewStage, required);
  if (problems.length) throw reviewProblem('REVIEW_STAGE_REFUSED', problems[0]);
}

/**
 * Moves the round one stage forward inside the caller's transaction. The caller has already checked its own
 * step is complete (every score in, every meeting decision recorded …) and passes the summary for the audit.
 */
export async function advanceStage(tx: Tx, actor: Actor, round: RoundRow, to: ReviewStage, detail: Record<string, unknown> = {}): Promise<RoundRow> {
  const from = round.stage as ReviewStage;
  if (!canAdvanceStage(from, to)) throw reviewProblem('REVIEW_STAGE_REFUSED', `评审不能从“${REVIEW_STAGE_LABELS[from]}”直接进入“${REVIEW_STAGE_LABELS[to]}”。`);
  const [row] = await tx.update(reviewRounds).set({ stage: to, updatedAt: new Date() }).where(eq(reviewRounds.id, round.id)).returning();
  await recordAudit(tx, actor, { action: 'review.round.advance', entityType: 'reviewRound', entityId: round.id, changes: { stage: { before: from, after: to } }, detail });
  return row!;
}

/** The round's applications with their outcome so far, in application-number order (ranked order is the client's sort). */
export async function roundApplications(db: Tx, roundId: string): Promise<{ items: ReviewRoundApplication[] }> {
  await findRound(db, roundId);
  const outcomes = await db.select().from(reviewOutcomes).where(eq(reviewOutcomes.roundId, roundId));
  const apps = await applicationsByIds(db, outcomes.map((o) => o.applicationId));
  const names = new Map((await organisationNames(db, [...new Set(apps.map((a) => a.organisationId))])).map((o) => [o.id, o.name]));
  const byId = new Map(outcomes.map((o) => [o.applicationId, o]));
  return {
    items: apps.map((a) => {
      const o = byId.get(a.id)!;
      const basic = ((a.content ?? {}) as { basic?: { title?: string; fieldCode?: string } }).basic ?? {};
      return {
        applicationId: a.id,
        applicationNo: a.applicationNo,
        title: basic.title ?? '',
        organisationId: a.organisationId,
        organisationName: names.get(a.organisationId) ?? '',
        categoryCode: a.categoryCode,
        fieldCode: basic.fieldCode ?? null,
        submittedAt: a.submittedAt?.toISOString() ?? null,
        scoreCenti: o.scoreCenti,
        rank: o.rank,
        divergent: o.divergent,
        inspection: (o.inspection as 'passed' | 'failed' | null) ?? null,
        plannedAmountYuan: o.plannedAmountYuan,
        decidedAmountYuan: o.decidedAmountYuan,
        status: o.status as ReviewOutcomeStatus,
      };
    }),
  };
}
