/**
 * Optimal assignment (最优分配) of a round: the instance built from records (回避 included) goes to the engine's
 * exact solver; the preview shows every pair with the engine's explanation, the loads and the objective, or —
 * when no assignment exists — the engine's infeasibility report in officer terms. Confirming re-builds and re-runs
 * it (deterministic) inside one transaction, so a conflict declared after the preview is honoured, writes the
 * assignments with the audit event, invites the experts through the outbox and moves the round to scoring.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { assignment, reviewInvitationNotifications, type AssignmentPreview } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { queueNotifications } from '../notifications/outbox.js';
import { callSummaries } from '../programmes/call-queries.js';
import { reviewProblem } from './errors.js';
import { buildInstance, type ReviewInstance } from './instance.js';
import { advanceStage, findRound, requireStage, type RoundRow } from './rounds.js';
import { reviewAssignments } from './schema.js';

/** Engine texts name experts, applications and fields by id or code: officers read names and application numbers instead. */
export function namer(inst: ReviewInstance): (text: string) => string {
  const names = new Map<string, string>(inst.experts.map((e) => [e.id, e.name]));
  for (const [id, l] of inst.labels) names.set(id, `${l.applicationNo}（${l.title}）`);
  // Field codes too (学科「equipment」→「高端装备」); application and expert ids are UUIDs, never field codes.
  for (const [code, name] of inst.fieldNames) if (!names.has(code)) names.set(code, name);
  return (text) => text.replace(/「([^「」]+)」/g, (m, id: string) => (names.has(id) ? `「${names.get(id)}」` : m));
}

/**
 * The engine's first sparse round starts from each application's best 12·k candidates instead of its default 3·k.
 * Review affinities are coarse (100 for the field, +10 per keyword), so most candidates tie and a 3·k start needs
 * many pricing rounds: on the bench's 2,000 × 3,000 instance (257,000 pairs) 21.7 s at 3·k, 1.4 s at 12·k and 2.4–5 s
 * on the full graph, measured in one run. The option changes only the route to the optimum, which stays exact;
 * preview and confirmation use the same options, so they agree. Below 100,000 pairs the engine's own choice (the full graph).
 */
const SOLVE_OPTIONS = (k: number, pairs: number): assignment.SolveOptions => (pairs >= 100_000 ? { sparseCandidates: 12 * k } : {});

export interface OptimalRun {
  round: RoundRow;
  instance: ReviewInstance;
  outcome: assignment.AssignOutcome;
  preview: AssignmentPreview & { resultHash: string | null };
}

/** Builds the instance and solves it; nothing is written. */
export async function runOptimal(tx: Tx, round: RoundRow): Promise<OptimalRun> {
  const instance = await buildInstance(tx, round);
  if (instance.applications.length === 0) throw reviewProblem('REVIEW_ASSIGNMENT_INFEASIBLE', '本轮没有待评审的申报书。');
  const outcome = assignment.assignOptimal(instance.input, SOLVE_OPTIONS(round.k, instance.input.candidates.length));
  const name = namer(instance);
  const label = (id: string) => instance.labels.get(id) ?? { applicationNo: '', title: '' };
  const expert = new Map(instance.experts.map((e) => [e.id, e]));
  const base = { k: round.k, conflictPairs: instance.conflicts.length, candidatePairs: instance.input.candidates.length };
  if (!outcome.feasible) {
    const r = outcome.report;
    return {
      round,
      instance,
      outcome,
      preview: {
        ...base,
        feasible: false,
        objective: null,
        resultHash: null,
        pairs: [],
        loads: [],
        infeasibility: {
          messages: r.messages.map(name),
          placesNeeded: r.placesNeeded,
          totalMaxLoad: r.totalMaxLoad,
          totalMinLoad: r.totalMinLoad,
          byField: (r.shortage?.byField ?? []).map((f) => ({ ...f, field: instance.fieldNames.get(f.field) ?? f.field })),
          tooFewCandidates: (r.shortage?.tooFewCandidates ?? []).map((t) => ({ applicationId: t.application, ...label(t.application), candidates: t.candidates, needed: t.needed })),
          underloadExperts: (r.underload?.experts ?? []).map((id) => ({ expertId: id, expertName: expert.get(id)?.name ?? '' })),
        },
      },
    };
  }
  return {
    round,
    instance,
    outcome,
    preview: {
      ...base,
      feasible: true,
      objective: outcome.objective,
      resultHash: assignment.resultHash(outcome.pairs),
      pairs: outcome.pairs.map((p) => ({
        applicationId: p.application,
        ...label(p.application),
        expertId: p.expert,
        expertName: expert.get(p.expert)?.name ?? '',
        affinity: p.affinity,
        rank: p.rank,
        candidates: p.candidates,
        explanation: name(p.explanation),
      })),
      loads: instance.experts.map((e) => ({ expertId: e.id, expertName: e.name, load: outcome.loads[e.id] ?? 0, minLoad: round.minLoad, maxLoad: round.maxLoad })),
      infeasibility: null,
    },
  };
}

function requireOptimalMode(round: RoundRow): void {
  requireStage(round, 'assigning');
  if (round.mode !== 'optimal') throw reviewProblem('REVIEW_MODE_MISMATCH', '本轮的分配方式为随机抽取，请在分配设置中改为最优分配后再操作。');
}

export async function previewOptimal(db: Db, roundId: string): Promise<OptimalRun['preview']> {
  const round = await findRound(db, roundId);
  requireOptimalMode(round);
  return (await runOptimal(db, round)).preview;
}

/**
 * Confirms the optimal assignment. `expectedResultHash` (the preview's) makes the officer's confirmation
 * conditional on the result being the one shown: when records changed since (a newly declared conflict, an
 * expert suspended) the re-run differs and the confirmation is refused with the reason, to be previewed again.
 */
export async function confirmOptimal(db: Db, actor: Actor, roundId: string, expectedResultHash?: string): Promise<{ assignments: number; objective: number; experts: number; stage: string }> {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireOptimalMode(round);
    const [existing] = await tx.select({ n: count() }).from(reviewAssignments).where(and(eq(reviewAssignments.roundId, roundId), eq(reviewAssignments.status, 'active')));
    if ((existing?.n ?? 0) > 0) throw reviewProblem('REVIEW_ASSIGNMENT_EXISTS');
    const run = await runOptimal(tx, round);
    if (!run.outcome.feasible) throw reviewProblem('REVIEW_ASSIGNMENT_INFEASIBLE', run.preview.infeasibility!.messages.join(''));
    const outcome = run.outcome;
    if (expectedResultHash && run.preview.resultHash !== expectedResultHash) {
      throw reviewProblem('REVIEW_ASSIGNMENT_CHANGED', '自预览以来回避或专家信息已变化（例如新申报的回避），重新计算的分配与预览不同，请重新预览后再确认。');
    }
    // Belt and braces: the candidates exclude every conflict by construction; a conflicted pair here is a bug, never written.
    const conflicted = new Set(run.instance.conflicts.map((c) => `${c.applicationId}/${c.expertId}`));
    const bad = outcome.pairs.find((p) => conflicted.has(`${p.application}/${p.expert}`));
    if (bad) throw new Error(`conflicted pair in the optimal assignment: ${bad.application}/${bad.expert}`);
    const now = new Date();
    // Stored as the engine wrote it, other experts named by id: names are put in when officers or observers read it
    // (round-assignments.ts), so an explanation shown anywhere else cannot reveal who else was a candidate.
    const rows = outcome.pairs.map((p) => ({ id: randomUUID(), application_id: p.application, expert_id: p.expert, affinity: p.affinity, explanation: p.explanation }));
    // One statement with one JSON parameter: 10,000 rows as bound parameters would need several statements and
    // cost seconds in query building alone.
    await tx.execute(sql`insert into ${reviewAssignments} (id, round_id, application_id, expert_id, source, status, affinity, explanation, created_at)
      select x.id, ${roundId}::uuid, x.application_id, x.expert_id, 'optimal', 'active', x.affinity, x.explanation, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, application_id uuid, expert_id uuid, affinity int, explanation text)`);
    const perExpert = new Map<string, number>();
    for (const p of outcome.pairs) perExpert.set(p.expert, (perExpert.get(p.expert) ?? 0) + 1);
    const users = new Map(run.instance.experts.map((e) => [e.id, e.userId]));
    const callTitle = (await callSummaries(tx, [round.callId])).get(round.callId)?.title ?? '';
    const invited = [...perExpert].map(([id, n]) => ({ userId: users.get(id) ?? null, applications: n }));
    await queueNotifications(tx, reviewInvitationNotifications(invited, { roundId, callTitle }), now);
    const summary = { pairs: rows.length, objective: outcome.objective, experts: perExpert.size, conflictPairs: run.instance.conflicts.length, candidatePairs: run.instance.input.candidates.length, resultHash: run.preview.resultHash };
    await recordAudit(tx, actor, { action: 'review.assignment.confirm', entityType: 'reviewRound', entityId: roundId, detail: summary });
    const after = await advanceStage(tx, actor, round, 'scoring', { assignment: 'optimal', pairs: rows.length });
    return { assignments: rows.length, objective: outcome.objective, experts: perExpert.size, stage: after.stage };
  });
}
