/**
 * 随机抽取, before the draw: the officer publishes a commitment (hashes of the frozen inputs and of the eligible
 * pool after 回避, algorithm version, k, loads, cap, and the public entropy sources announced in advance), the
 * observer (纪检监督) records their input, and a commitment overtaken by events (an expert suspended, a new
 * conflict) can be cancelled in the open and made again. The draw itself is in draw-run.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { assignment, commitmentHash, DEFAULT_DRAW_CAP, drawCapSchema, poolHash, PUBLIC_DRAW_FORMAT, pseudonymise, pseudonymisedInputHash, type DrawCommitment, type EntropySource } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { callSummaries } from '../programmes/call-queries.js';
import { reviewProblem } from './errors.js';
import { buildInstance } from './instance.js';
import { findRound, requireStage, type RoundRow } from './rounds.js';
import { reviewAssignments, reviewDraws } from './schema.js';

export type DrawRow = typeof reviewDraws.$inferSelect;

/** What the observer's slot says in the commitment, before anyone knows the value. */
export const OBSERVER_SLOT = '纪检监督在抽取前录入的输入值（与各随机来源的公布数值一并计入随机种子）';

/** The round's cap (round.settings.drawCap, the engine's DrawCap), ½ when unset. */
export function drawCapOf(round: RoundRow): assignment.DrawCap {
  const raw = ((round.settings ?? {}) as { drawCap?: unknown }).drawCap;
  if (raw === undefined || raw === null) return DEFAULT_DRAW_CAP;
  const parsed = drawCapSchema.safeParse(raw);
  if (!parsed.success) throw reviewProblem('REVIEW_SETTINGS_INVALID', '评审设置中的随机抽取概率上限（drawCap）应为不大于 1 的正分数。');
  return parsed.data;
}

export async function findDraw(db: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<DrawRow> {
  const q = db.select().from(reviewDraws).where(eq(reviewDraws.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw reviewProblem('REVIEW_DRAW_NOT_FOUND');
  return row;
}

const salt = () => randomBytes(32).toString('hex');
const ZERO_SEED = '0'.repeat(64);

export interface CommitOptions {
  now?: Date;
  /** Demonstration data only: says so inside the commitment (演示). */
  note?: string;
}

export async function commitDraw(db: Db, actor: Actor, roundId: string, sources: EntropySource[], opts: CommitOptions = {}): Promise<DrawRow> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'assigning');
    if (round.mode !== 'draw') throw reviewProblem('REVIEW_DRAW_MODE', '该评审轮次的分配方式为最优分配，不进行随机抽取。');
    const open = await tx.select({ id: reviewDraws.id }).from(reviewDraws).where(and(eq(reviewDraws.roundId, roundId), ne(reviewDraws.status, 'cancelled')));
    if (open.length) throw reviewProblem('REVIEW_DRAW_EXISTS', '该评审轮次已发布随机抽取承诺；如需重新承诺，请先撤销原承诺。');
    const assigned = await tx.select({ id: reviewAssignments.id }).from(reviewAssignments).where(and(eq(reviewAssignments.roundId, roundId), eq(reviewAssignments.status, 'active'))).limit(1);
    if (assigned.length) throw reviewProblem('REVIEW_DRAW_EXISTS', '该评审轮次已有专家分配，不能再随机抽取。');
    const errors = sources.flatMap((s, i) => (Date.parse(s.publicAt) > now.getTime() ? [] : [{ field: `sources.${i}.publicAt`, message: '公布时间必须晚于承诺时间：随机来源须是承诺时尚无人知道的数值' }]));
    if (errors.length) throw reviewProblem('REVIEW_DRAW_SOURCES_INVALID', '预告的随机来源须在承诺之后才公布数值。', errors);
    const cap = drawCapOf(round);
    const instance = await buildInstance(tx, round);
    if (instance.input.applications.length === 0) throw reviewProblem('REVIEW_DRAW_INFEASIBLE', '该评审轮次没有评审中的申报书。');
    const names = pseudonymise(instance.input, salt);
    // Feasibility does not depend on the seed: refuse now rather than after the sources are drawn.
    const trial = assignment.drawAssignment(names.inputs, { seed: ZERO_SEED, cap });
    if (!trial.feasible) throw reviewProblem('REVIEW_DRAW_INFEASIBLE', `按当前专家库、回避和评审量无法完成抽取：${trial.report.messages.join('；')}`);
    const id = randomUUID();
    const call = (await callSummaries(tx, [round.callId])).get(round.callId);
    const commitment: DrawCommitment = {
      format: PUBLIC_DRAW_FORMAT,
      drawId: id,
      callTitle: call?.title ?? '',
      committedAt: now.toISOString(),
      algorithm: assignment.DRAW_ALGORITHM,
      k: round.k,
      loads: { min: round.minLoad, max: round.maxLoad },
      cap,
      capNumerator: assignment.capUnits(cap),
      inputHash: pseudonymisedInputHash(names.inputs),
      poolHash: poolHash(names.pseudonyms, names.inputs),
      applications: names.inputs.applications.length,
      experts: names.inputs.experts.length,
      candidatePairs: names.inputs.candidates.length,
      sources: sources.map((s) => ({ description: s.description.trim(), publicAt: new Date(s.publicAt).toISOString() })),
      observerSlot: OBSERVER_SLOT,
      ...(opts.note ? { note: opts.note } : {}),
    };
    const hash = commitmentHash(commitment);
    const [row] = await tx
      .insert(reviewDraws)
      .values({
        id,
        roundId,
        status: 'committed',
        inputs: instance.input,
        commitment,
        commitmentHash: hash,
        publicInputs: names.inputs,
        pseudonyms: names.pseudonyms,
        seals: names.seals,
        committedBy: actor.id,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'review.draw.commit',
      entityType: 'reviewDraw',
      entityId: id,
      detail: { roundId, commitmentHash: hash, inputHash: commitment.inputHash, poolHash: commitment.poolHash, sources: commitment.sources, cap, k: round.k, ...(opts.note ? { note: opts.note } : {}) },
    });
    return row!;
  });
}

/** The observer's input: once, before the draw. The observer writes nothing else anywhere. */
export async function witnessDraw(db: Db, actor: Actor, drawId: string, input: string, opts: { now?: Date } = {}): Promise<DrawRow> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const draw = await findDraw(tx, drawId, { forUpdate: true });
    if (draw.status !== 'committed') throw reviewProblem('REVIEW_DRAW_STATE', '只有已承诺、尚未抽取的随机抽取可以录入纪检监督输入值。');
    if (draw.observerInput !== null) throw reviewProblem('REVIEW_DRAW_ALREADY_WITNESSED');
    const [row] = await tx.update(reviewDraws).set({ observerInput: input.trim(), observerId: actor.id, witnessedAt: now }).where(eq(reviewDraws.id, drawId)).returning();
    await recordAudit(tx, actor, { action: 'review.draw.witness', entityType: 'reviewDraw', entityId: drawId, changes: { observerInput: { before: null, after: input.trim() } }, detail: { roundId: draw.roundId } });
    return row!;
  });
}

/** Cancels a commitment that can no longer be drawn as committed; the cancelled commitment stays public with its reason. */
export async function cancelDraw(db: Db, actor: Actor, drawId: string, reason: string): Promise<DrawRow> {
  return db.transaction(async (tx) => {
    const draw = await findDraw(tx, drawId, { forUpdate: true });
    if (draw.status !== 'committed') throw reviewProblem('REVIEW_DRAW_STATE', '只有尚未抽取的承诺可以撤销。');
    const [row] = await tx.update(reviewDraws).set({ status: 'cancelled', cancelledAt: new Date(), cancelReason: reason.trim() }).where(eq(reviewDraws.id, drawId)).returning();
    await recordAudit(tx, actor, { action: 'review.draw.cancel', entityType: 'reviewDraw', entityId: drawId, changes: { status: { before: 'committed', after: 'cancelled' } }, detail: { roundId: draw.roundId, reason: reason.trim() } });
    return row!;
  });
}

export async function drawsOfRounds(db: Tx, roundIds: readonly string[]): Promise<DrawRow[]> {
  if (roundIds.length === 0) return [];
  return db.select().from(reviewDraws).where(inArray(reviewDraws.roundId, [...roundIds])).orderBy(reviewDraws.createdAt);
}
