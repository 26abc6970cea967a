/**
 * The officer-facing API: optimal assignment and random draw with per-pair explanations in Simplified
 * Chinese, draw records, and deterministic replacement draws when an expert declines.
 */
import { canonicalize, instanceHash, type AssignmentInput, type CanonicalInstance, type CompactAssignmentInput } from './canonical.js';
import { DRAW_DENOMINATOR, drawCanonical, drawRecord, resultHash, resultHashCanonical, type DrawCap, type DrawRecord } from './draw.js';
import type { InfeasibilityReport } from './infeasibility.js';
import { solveOptimalCanonical } from './optimal.js';
import type { SolveOptions } from './solve.js';
import { ChaChaStream, nonceFor } from './stream.js';
import { fromHex } from './canonical.js';

export interface AssignedPair {
  application: string;
  expert: string;
  affinity: number;
  /** 1 + number of this application's candidates with strictly higher affinity. */
  rank: number;
  candidates: number;
  /** Random draw only: probability of this pair, numerator over 65536. */
  probabilityNumerator?: number;
  /** Higher-affinity candidates not assigned, each with the reason (same order as in the text). */
  passedOver: { expert: string; affinity: number; reason: 'max-load' | 'min-load-of-assigned' | 'not-drawn' | 'zero-probability' | 'unexplained' }[];
  explanation: string;
}

export type AssignOutcome =
  | { feasible: true; objective: number; pairs: AssignedPair[]; loads: Record<string, number> }
  | { feasible: false; report: InfeasibilityReport };

const pct = (num: number): string => `${((num / DRAW_DENOMINATOR) * 100).toFixed(1)}%`;
const SHOW = 3;

/** Explanations for the given applications (default all) of a solved canonical instance. */
export function explainPairs(
  ci: CanonicalInstance,
  assigned: Uint8Array,
  loads: Int32Array,
  probability?: Float64Array,
  apps?: Iterable<number>,
): AssignedPair[] {
  const out: AssignedPair[] = [];
  const list = apps ?? ci.appIds.keys();
  for (const a of list) {
    const lo = ci.candStart[a]!;
    const hi = ci.candStart[a + 1]!;
    for (let i = lo; i < hi; i++) {
      if (!assigned[i]) continue;
      const e = ci.candExpert[i]!;
      const w = ci.candAffinity[i]!;
      let rank = 1;
      const higher: number[] = [];
      for (let j = lo; j < hi; j++) {
        if (ci.candAffinity[j]! > w) {
          rank++;
          if (!assigned[j]) higher.push(j);
        }
      }
      higher.sort((x, y) => ci.candAffinity[y]! - ci.candAffinity[x]! || ci.candExpert[x]! - ci.candExpert[y]!);
      const passedOver: AssignedPair['passedOver'] = [];
      const reasons: string[] = [];
      for (const j of higher) {
        const e2 = ci.candExpert[j]!;
        const name = `专家「${ci.expertIds[e2]}」（亲和度 ${ci.candAffinity[j]}）`;
        let reason: AssignedPair['passedOver'][number]['reason'];
        let text: string;
        if (loads[e2]! >= ci.maxLoad[e2]!) {
          reason = 'max-load';
          text = `${name}已达最高评审量 ${ci.maxLoad[e2]} 份`;
        } else if (probability) {
          reason = probability[j] === 0 ? 'zero-probability' : 'not-drawn';
          text = probability[j] === 0 ? `${name}在概率最优解中的抽中概率为 0（名额用于总体亲和度更高的配对）` : `${name}抽中概率 ${pct(probability[j]!)}，本次未抽中`;
        } else if (loads[e]! <= ci.minLoad[e]!) {
          reason = 'min-load-of-assigned';
          text = `改派${name}会使本专家低于最低评审量 ${ci.minLoad[e]} 份`;
        } else {
          reason = 'unexplained';
          text = `${name}未分配`;
        }
        passedOver.push({ expert: ci.expertIds[e2]!, affinity: ci.candAffinity[j]!, reason });
        reasons.push(text);
      }
      let explanation = `亲和度 ${w}，在本申请 ${hi - lo} 位候选专家中排第 ${rank} 位`;
      if (probability) explanation = `随机抽取：该配对抽中概率 ${pct(probability[i]!)}（${probability[i]}/${DRAW_DENOMINATOR}）；` + explanation;
      if (reasons.length === 0) explanation += rank === 1 ? '，为最匹配的候选专家。' : '，排名更高的候选专家均已分配给本申请。';
      else {
        explanation += `。排名更高但未分配的候选：${reasons.slice(0, SHOW).join('；')}`;
        explanation += reasons.length > SHOW ? `；另有 ${reasons.length - SHOW} 位从略。` : '。';
      }
      out.push({
        application: ci.appIds[a]!,
        expert: ci.expertIds[e]!,
        affinity: w,
        rank,
        candidates: hi - lo,
        ...(probability ? { probabilityNumerator: probability[i]! } : {}),
        passedOver,
        explanation,
      });
    }
  }
  return out;
}

function loadsRecord(ci: CanonicalInstance, loads: Int32Array): Record<string, number> {
  const r: Record<string, number> = {};
  ci.expertIds.forEach((id, e) => (r[id] = loads[e]!));
  return r;
}

/** The exact maximum-affinity assignment, or the reasons none exists. */
export function assignOptimal(input: AssignmentInput | CompactAssignmentInput, opts?: SolveOptions): AssignOutcome {
  const ci = canonicalize(input);
  const r = solveOptimalCanonical(ci, opts);
  if (!r.feasible) return r;
  return { feasible: true, objective: r.objective, pairs: explainPairs(ci, r.assigned, r.loads), loads: loadsRecord(ci, r.loads) };
}

export type DrawOutcome =
  | { feasible: true; objective: number; expectedObjective: number; pairs: AssignedPair[]; loads: Record<string, number>; record: DrawRecord }
  | { feasible: false; report: InfeasibilityReport };

/** 随机抽取 with pair probability ≤ cap, reproducible from (inputs, seed, cap). */
export function drawAssignment(input: AssignmentInput | CompactAssignmentInput, options: { seed: string; cap: DrawCap | number }): DrawOutcome {
  const ci = canonicalize(input);
  const r = drawCanonical(ci, options.seed, options.cap);
  if (!r.feasible) return r;
  return {
    feasible: true,
    objective: r.objective,
    expectedObjective: r.expectedObjectiveUnits / DRAW_DENOMINATOR,
    pairs: explainPairs(ci, r.assigned, r.loads, r.probability),
    loads: loadsRecord(ci, r.loads),
    record: drawRecord(ci, options.seed, r),
  };
}

export interface Decline {
  application: string;
  expert: string;
}

export interface Replacement {
  application: string;
  declinedExpert: string;
  /** null when no eligible candidate can be drawn within the cap. */
  replacement: string | null;
  probabilityNumerator: number | null;
  explanation: string;
}

export interface ReplacementOutcome {
  ok: boolean;
  problems: string[];
  replacements: Replacement[];
  pairs: { application: string; expert: string; affinity: number }[];
  resultHash: string;
}

/**
 * Replacement draws. The original draw is re-run from the record (and checked against it); declines
 * are then applied in the order given. For each, the declined pair is excluded for good and one
 * replacement is drawn among this application's candidates that are not already on it, not excluded
 * and below their maximum load: the single-slot problem "maximise expected affinity with every
 * probability ≤ q" is solved exactly (q to the best, q to the next, … until 1), and sampled with the
 * record's seed under a nonce that names the decline's position — deterministic from the record.
 */
export function replaceDeclined(input: AssignmentInput | CompactAssignmentInput, record: DrawRecord, declines: readonly Decline[]): ReplacementOutcome {
  const ci = canonicalize(input);
  const problems: string[] = [];
  if (instanceHash(ci) !== record.inputHash) problems.push('输入数据与抽取记录不一致：输入哈希不符。');
  const r = problems.length ? null : drawCanonical(ci, record.seed, { numerator: record.capNumerator, denominator: record.capDenominator });
  if (r && (!r.feasible || resultHashCanonical(ci, r.assigned) !== record.resultHash)) problems.push('按记录重新抽取的结果与记录不一致。');
  if (!r || !r.feasible || problems.length) return { ok: false, problems, replacements: [], pairs: [], resultHash: '' };
  const assigned = Uint8Array.from(r.assigned);
  const loads = Int32Array.from(r.loads);
  const excluded = new Uint8Array(assigned.length);
  const appIndex = new Map(ci.appIds.map((id, i) => [id, i] as const));
  const expIndex = new Map(ci.expertIds.map((id, i) => [id, i] as const));
  const p = record.capNumerator;
  const key = fromHex(record.seed);
  const replacements: Replacement[] = [];
  declines.forEach((d, idx) => {
    const a = appIndex.get(d.application);
    const e = expIndex.get(d.expert);
    let c = -1;
    if (a !== undefined && e !== undefined) {
      for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) if (ci.candExpert[i] === e && assigned[i]) c = i;
    }
    if (a === undefined || c < 0) {
      problems.push(`第 ${idx + 1} 条拒绝：专家「${d.expert}」当前并未分配给申请「${d.application}」。`);
      return;
    }
    assigned[c] = 0;
    excluded[c] = 1;
    loads[e!]!--;
    const notes: string[] = [];
    if (loads[e!]! < ci.minLoad[e!]!) notes.push(`专家「${d.expert}」拒绝后评审量为 ${loads[e!]} 份，低于其最低评审量 ${ci.minLoad[e!]} 份`);
    const eligible: number[] = [];
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) {
      const x = ci.candExpert[i]!;
      if (!assigned[i] && !excluded[i] && loads[x]! < ci.maxLoad[x]!) eligible.push(i);
    }
    eligible.sort((x, y) => ci.candAffinity[y]! - ci.candAffinity[x]! || ci.candExpert[x]! - ci.candExpert[y]!);
    const need = Math.ceil(DRAW_DENOMINATOR / p);
    if (eligible.length < need) {
      notes.unshift(`可替补的候选专家（未回避、未拒绝、未满额）仅 ${eligible.length} 位，少于在概率上限 ${pct(p)} 下所需的 ${need} 位，未抽取替补，请人工处理或放宽上限`);
      replacements.push({ application: d.application, declinedExpert: d.expert, replacement: null, probabilityNumerator: null, explanation: `${notes.join('；')}。` });
      return;
    }
    const rng = new ChaChaStream(key, nonceFor('repl', idx));
    const draw = rng.below(DRAW_DENOMINATOR);
    let acc = 0;
    let chosen = -1;
    let chosenP = 0;
    for (const i of eligible) {
      const w = Math.min(p, DRAW_DENOMINATOR - acc);
      if (draw < acc + w) {
        chosen = i;
        chosenP = w;
        break;
      }
      acc += w;
    }
    const x = ci.candExpert[chosen]!;
    assigned[chosen] = 1;
    loads[x]!++;
    const rank = eligible.indexOf(chosen) + 1;
    replacements.push({
      application: d.application,
      declinedExpert: d.expert,
      replacement: ci.expertIds[x]!,
      probabilityNumerator: chosenP,
      explanation:
        `专家「${d.expert}」拒绝后，从 ${eligible.length} 位可替补候选中按亲和度优先、单人概率不超过 ${pct(p)} 抽取替补：` +
        `专家「${ci.expertIds[x]}」（亲和度 ${ci.candAffinity[chosen]}，可替补候选中排第 ${rank} 位，抽中概率 ${pct(chosenP)}）` +
        (notes.length ? `；${notes.join('；')}。` : '。'),
    });
  });
  const pairs: ReplacementOutcome['pairs'] = [];
  for (let a = 0; a < ci.appIds.length; a++) {
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) {
      if (assigned[i]) pairs.push({ application: ci.appIds[a]!, expert: ci.expertIds[ci.candExpert[i]!]!, affinity: ci.candAffinity[i]! });
    }
  }
  return { ok: problems.length === 0, problems, replacements, pairs, resultHash: resultHash(pairs) };
}


