/**
 * 随机抽取: a randomised assignment in which no application–expert pair is chosen with probability
 * above a cap q. The fractional problem (maximise expected affinity, every pair ≤ q, every application
 * exactly k, every expert's expected load within [min, max]) is solved exactly as a flow in units of
 * 1/2^16; dependent rounding driven by ChaCha20 keyed by the seed then samples an assignment with
 * exactly those pair probabilities. Same seed + same facts ⇒ byte-identical result everywhere.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { AssignmentInputError, CanonicalHasher, canonicalize, compareIds, fromHex, instanceHash, toHex, type AssignmentInput, type CanonicalInstance, type CompactAssignmentInput } from './canonical.js';
import type { InfeasibilityReport } from './infeasibility.js';
import { mergePartFlows, type MergedFlow } from './optimal.js';
import { partitionByField, type InstancePart } from './partition.js';
import { dependentRound } from './rounding.js';
import { solvePartFlow, type FlowUnits, type PartFlow } from './solve.js';
import { ChaChaStream, nonceFor } from './stream.js';

/**
 * v2 (was v1): cost scaling stops at the first ε < α (already exact) instead of ε = 1. The fractional
 * optimum's value is unchanged, but the optimal fractional solution returned — and hence the draw for a
 * given seed — may differ, so a v1 record cannot be re-run by v2.
 */
export const DRAW_ALGORITHM = 'kechuang/assignment-draw/v2';
export const DRAW_BITS = 16;
export const DRAW_DENOMINATOR = 1 << DRAW_BITS;

/** Cap q as a fraction; it is rounded down to a multiple of 1/2^16 (the effective cap is reported). */
export interface DrawCap {
  numerator: number;
  denominator: number;
}

export function capUnits(cap: DrawCap | number): number {
  const c = typeof cap === 'number' ? { numerator: Math.round(cap * 1_000_000), denominator: 1_000_000 } : cap;
  if (!Number.isInteger(c.numerator) || !Number.isInteger(c.denominator) || c.denominator <= 0 || c.numerator <= 0) {
    throw new AssignmentInputError('概率上限必须是正的分数');
  }
  const p = Math.floor((c.numerator * DRAW_DENOMINATOR) / c.denominator);
  if (p < 1) throw new AssignmentInputError('概率上限过小（小于 1/65536）');
  return Math.min(p, DRAW_DENOMINATOR);
}

export function drawUnits(cap: DrawCap | number): FlowUnits {
  return { denominator: DRAW_DENOMINATOR, pairCap: capUnits(cap) };
}

export interface DrawResult {
  feasible: true;
  /** 1 for each canonical candidate drawn. */
  assigned: Uint8Array;
  /** Probability of each canonical candidate, in units of 1/2^16. */
  probability: Float64Array;
  loads: Int32Array;
  objective: number;
  /** Expected objective = expectedObjectiveUnits / 2^16 (the fractional optimum). */
  expectedObjectiveUnits: number;
  capUnits: number;
}

function seedKey(seedHex: string): Uint8Array {
  const key = fromHex(seedHex.toLowerCase());
  if (key.length !== 32) throw new AssignmentInputError('随机种子必须是 64 位十六进制（32 字节）');
  return key;
}

/** Rounds a merged fractional flow with the seed's keystream. Exposed so parts can be solved elsewhere. */
export function finishDraw(ci: CanonicalInstance, merged: MergedFlow, u: FlowUnits, seedHex: string): DrawResult | { feasible: false; report: InfeasibilityReport } {
  if (!merged.feasible) return merged;
  const C = ci.candExpert.length;
  const probability = Float64Array.from(merged.candFlow);
  const x = Float64Array.from(merged.candFlow);
  const appOf = new Int32Array(C);
  for (let a = 0; a < ci.appIds.length; a++) appOf.fill(a, ci.candStart[a]!, ci.candStart[a + 1]!);
  const rng = new ChaChaStream(seedKey(seedHex), nonceFor('draw'));
  dependentRound(x, appOf, ci.candExpert, ci.appIds.length, ci.expertIds.length, DRAW_BITS, rng);
  const assigned = new Uint8Array(C);
  const loads = new Int32Array(ci.expertIds.length);
  let objective = 0;
  let expected = 0;
  for (let i = 0; i < C; i++) {
    expected += probability[i]! * ci.candAffinity[i]!;
    if (x[i] === DRAW_DENOMINATOR) {
      assigned[i] = 1;
      loads[ci.candExpert[i]!]!++;
      objective += ci.candAffinity[i]!;
    } else if (x[i] !== 0) throw new Error('dependent rounding left a fractional pair');
  }
  return { feasible: true, assigned, probability, loads, objective, expectedObjectiveUnits: expected, capUnits: u.pairCap };
}

/**
 * The capped fractional optimum is often not unique, and which optimum a solver returns depends on its settings.
 * A draw is therefore always solved with the defaults, which are part of the algorithm version: anyone re-running
 * a record gets the same fractional solution, hence the same draw. Changing a default means a new version.
 */
export function drawCanonical(ci: CanonicalInstance, seedHex: string, cap: DrawCap | number): DrawResult | { feasible: false; report: InfeasibilityReport } {
  const u = drawUnits(cap);
  const parts: InstancePart[] = partitionByField(ci);
  const flows: PartFlow[] = parts.map((p) => solvePartFlow(p.instance, u));
  return finishDraw(ci, mergePartFlows(ci, parts, flows, u), u, seedHex);
}

export const RESULT_HASH_DOMAIN = 'kechuang/assignment-result/v1';

/** SHA-256 over the drawn pairs as (application id, expert id) in canonical order. */
export function resultHash(pairs: readonly { application: string; expert: string }[]): string {
  const sorted = [...pairs].sort((x, y) => compareIds(x.application, y.application) || compareIds(x.expert, y.expert));
  const h = new CanonicalHasher().str(RESULT_HASH_DOMAIN).u32(sorted.length);
  for (const p of sorted) h.str(p.application).str(p.expert);
  return h.hex();
}

/** Hash straight from the canonical flags (already in canonical order; no sort, no objects). */
export function resultHashCanonical(ci: CanonicalInstance, assigned: Uint8Array): string {
  let count = 0;
  for (let i = 0; i < assigned.length; i++) count += assigned[i]!;
  const h = new CanonicalHasher().str(RESULT_HASH_DOMAIN).u32(count);
  for (let a = 0; a < ci.appIds.length; a++) {
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) if (assigned[i]) h.str(ci.appIds[a]!).str(ci.expertIds[ci.candExpert[i]!]!);
  }
  return h.hex();
}

export interface DrawRecord {
  algorithm: typeof DRAW_ALGORITHM;
  /** SHA-256 of the canonical inputs (order of listing does not matter). */
  inputHash: string;
  /** 64 hex digits; see deriveSeed. */
  seed: string;
  /** Effective cap q = capNumerator / 65536. */
  capNumerator: number;
  capDenominator: typeof DRAW_DENOMINATOR;
  /** SHA-256 of the drawn pairs. */
  resultHash: string;
  objective: number;
}

export function drawRecord(ci: CanonicalInstance, seedHex: string, result: DrawResult): DrawRecord {
  return {
    algorithm: DRAW_ALGORITHM,
    inputHash: instanceHash(ci),
    seed: seedHex.toLowerCase(),
    capNumerator: result.capUnits,
    capDenominator: DRAW_DENOMINATOR,
    resultHash: resultHashCanonical(ci, result.assigned),
    objective: result.objective,
  };
}

export interface VerifyOutcome {
  ok: boolean;
  /** Simplified Chinese, one sentence per problem found. */
  problems: string[];
}

/**
 * Re-runs the draw from the record and the inputs. Optionally also checks a published list of pairs
 * against the record (detects a result altered after the draw).
 */
export function verifyDraw(record: DrawRecord, inputs: AssignmentInput | CompactAssignmentInput, publishedPairs?: readonly { application: string; expert: string }[]): VerifyOutcome {
  const problems: string[] = [];
  if (record.algorithm !== DRAW_ALGORITHM) problems.push(`抽取记录的算法版本「${record.algorithm}」与本程序「${DRAW_ALGORITHM}」不一致，无法复核。`);
  const ci = canonicalize(inputs);
  const ih = instanceHash(ci);
  if (ih !== record.inputHash) problems.push('输入数据（申请、专家、候选配对、亲和度或评审量）与抽取时不一致：输入哈希不符。');
  if (typeof record.seed !== 'string' || !/^[0-9a-fA-F]{64}$/.test(record.seed)) problems.push('抽取记录中的随机种子格式有误（应为 64 位十六进制）。');
  if (problems.length === 0) {
    const r = drawCanonical(ci, record.seed, { numerator: record.capNumerator, denominator: record.capDenominator });
    if (!r.feasible) problems.push('按记录重新抽取时无可行分配。');
    else {
      if (resultHashCanonical(ci, r.assigned) !== record.resultHash) problems.push('按记录的种子重新抽取，结果与记录的结果哈希不一致。');
      if (r.objective !== record.objective) problems.push(`按记录重新抽取的总亲和度为 ${r.objective}，与记录的 ${record.objective} 不一致。`);
    }
  }
  if (publishedPairs && resultHash(publishedPairs) !== record.resultHash) problems.push('公布的分配名单与抽取记录的结果哈希不一致：名单在抽取后被改动。');
  return { ok: problems.length === 0, problems };
}

/**
 * Seed from publicly announced values in the spirit of RFC 3797: each value is normalised (NFKC, which
 * folds full-width characters; whitespace collapsed; lower case; a list of numbers such as lottery
 * draws becomes its numbers without leading zeros, sorted, each followed by "."), the values are sorted
 * and each is terminated by "/", and the UTF-8 bytes are hashed with SHA-256.
 */
export function canonicalEntropy(publicEntropy: readonly string[]): string {
  const values = publicEntropy
    .map((v) => v.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase())
    .filter((v) => v.length > 0)
    .map((v) => {
      // Only whitespace, commas, semicolons and 、 separate a list of drawn numbers; "3012.45" is one value.
      if (!/^\d+(?:[\s,;、]+\d+)*$/.test(v)) return v;
      const nums = v.split(/[^\d]+/).map((d) => d.replace(/^0+(?=\d)/, ''));
      nums.sort((x, y) => x.length - y.length || compareIds(x, y));
      return nums.map((d) => `${d}.`).join('');
    })
    .sort(compareIds);
  if (values.length === 0) throw new AssignmentInputError('至少需要一个公开随机来源的数值');
  return values.map((v) => `${v}/`).join('');
}

export function deriveSeed(publicEntropy: readonly string[]): string {
  return toHex(sha256(new TextEncoder().encode(canonicalEntropy(publicEntropy))));
}
