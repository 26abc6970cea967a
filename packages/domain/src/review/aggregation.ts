/**
 * Aggregation of remote scores (不见面评审) into one score and a rank per application. Exact: every step is
 * integer or rational (BigInt) arithmetic, and each shown figure is rounded once, by one documented rule.
 *
 * ROUNDING RULE: a figure in 1/100 points is rounded half up (…5 goes up; all values are non-negative) from its
 * exact rational value, and only at the end of its computation — a sheet total once, an application's score once.
 *
 * 1. Sheet total (评分表总分), 0–100 points: Σ pointsᵢ × weightᵢ / maxᵢ, the weights adding up to 100.
 *    When every weight equals its maximum (the usual Chinese 评分细则) the total is the plain sum of the points.
 * 2. Optional per-reviewer normalisation (mean-centring): an expert with at least two sheets in the round has
 *    each sheet replaced by total − (the expert's mean) + (the mean of every sheet in the round), so a lenient
 *    and a severe reviewer pull no application up or down. An expert with one sheet is left as is. The result
 *    is kept as an exact rational, clamped to [0, 100] points.
 * 3. Application score: with at least `dropExtremesMin` scores the single highest and single lowest are dropped,
 *    the rest averaged; otherwise the plain average. YJ-9: a champion (冠军企业) gets the bonus added.
 * 4. Divergence (分歧): the raw (un-normalised) highest minus lowest is at least `divergencePoints`.
 * 5. Rank: BL-4's published order, `fundingPlan.compareMerit` — score, then earlier submission, then application number.
 */
import { compareMerit } from '../funding-plan/plan.js';
import type { AggregationSettings, ScoringCriterion } from './scoring.js';

/** A non-negative rational n/d, d > 0. */
interface Q {
  n: bigint;
  d: bigint;
}
const q = (n: bigint | number, d: bigint | number = 1n): Q => ({ n: BigInt(n), d: BigInt(d) });
const add = (a: Q, b: Q): Q => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const sub = (a: Q, b: Q): Q => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
const div = (a: Q, k: number): Q => ({ n: a.n, d: a.d * BigInt(k) });
const cmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
const sum = (xs: readonly Q[]): Q => xs.reduce(add, q(0));

/** Half up to an integer (values here are ≥ 0; a negative one rounds half towards +∞, i.e. the same rule). */
export function roundHalfUp(n: bigint, d: bigint): number {
  if (d <= 0n) throw new RangeError('denominator must be positive');
  const twice = 2n * n + d;
  const den = 2n * d;
  // floor division for negatives too
  const f = twice >= 0n ? twice / den : -((-twice + den - 1n) / den);
  return Number(f);
}

/** Step 1. The sheet's total in 1/100 points; `pointsCenti` by criterion key, every criterion scored. */
export function sheetTotalCenti(criteria: readonly Pick<ScoringCriterion, 'key' | 'maxPoints' | 'weight'>[], pointsCenti: Readonly<Record<string, number>>): number {
  let acc = q(0);
  for (const c of criteria) {
    const p = pointsCenti[c.key];
    if (p === undefined || !Number.isSafeInteger(p) || p < 0 || p > c.maxPoints * 100) throw new RangeError(`criterion ${c.key}: points out of range`);
    acc = add(acc, q(BigInt(p) * BigInt(c.weight), c.maxPoints));
  }
  return roundHalfUp(acc.n, acc.d);
}

export interface SheetScore {
  applicationId: string;
  expertId: string;
  totalCenti: number;
}

const HUNDRED = q(10_000);

/** Step 2. Each sheet's value after normalisation (exact), keyed `${applicationId}|${expertId}`; raw when off. */
export function normalisedValues(sheets: readonly SheetScore[], normalise: boolean): Map<string, Q> {
  const out = new Map<string, Q>();
  const byExpert = new Map<string, SheetScore[]>();
  for (const s of sheets) byExpert.set(s.expertId, [...(byExpert.get(s.expertId) ?? []), s]);
  const grand = sheets.length ? div(sum(sheets.map((s) => q(s.totalCenti))), sheets.length) : q(0);
  for (const s of sheets) {
    const mine = byExpert.get(s.expertId)!;
    let v = q(s.totalCenti);
    if (normalise && mine.length >= 2) {
      const mean = div(sum(mine.map((m) => q(m.totalCenti))), mine.length);
      v = add(sub(v, mean), grand);
      if (cmp(v, q(0)) < 0) v = q(0);
      if (cmp(v, HUNDRED) > 0) v = HUNDRED;
    }
    out.set(`${s.applicationId}|${s.expertId}`, v);
  }
  return out;
}

export interface ApplicationAggregate {
  applicationId: string;
  /** null when no sheet was submitted. */
  scoreCenti: number | null;
  scores: number;
  /** Experts whose score was dropped as highest / lowest (step 3), else empty. */
  dropped: string[];
  divergent: boolean;
  /** Raw highest − lowest in 1/100 points. */
  spreadCenti: number;
  championBonusCenti: number;
}

/** Step 3 and 4 for every application, from the round's sheets (after any panel adjustment). */
export function aggregateScores(
  applicationIds: readonly string[],
  sheets: readonly SheetScore[],
  settings: Pick<AggregationSettings, 'dropExtremesMin' | 'normalise' | 'divergencePoints' | 'championBonusCenti'>,
  champions: ReadonlySet<string> = new Set(),
): ApplicationAggregate[] {
  const values = normalisedValues(sheets, settings.normalise);
  return applicationIds.map((applicationId) => {
    const mine = sheets
      .filter((s) => s.applicationId === applicationId)
      .map((s) => ({ expertId: s.expertId, raw: s.totalCenti, v: values.get(`${applicationId}|${s.expertId}`)! }))
      // Ties between equal values are broken by expert id, so which one is "dropped" never depends on input order.
      .sort((a, b) => cmp(a.v, b.v) || (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0));
    const bonus = champions.has(applicationId) ? settings.championBonusCenti : 0;
    if (mine.length === 0) return { applicationId, scoreCenti: null, scores: 0, dropped: [], divergent: false, spreadCenti: 0, championBonusCenti: bonus };
    const drop = settings.dropExtremesMin !== null && mine.length >= settings.dropExtremesMin && mine.length >= 3;
    const kept = drop ? mine.slice(1, -1) : mine;
    const mean = div(sum(kept.map((m) => m.v)), kept.length);
    const total = add(mean, q(bonus));
    const raws = mine.map((m) => m.raw);
    const spread = Math.max(...raws) - Math.min(...raws);
    return {
      applicationId,
      scoreCenti: roundHalfUp(total.n, total.d),
      scores: mine.length,
      dropped: drop ? [mine[0]!.expertId, mine[mine.length - 1]!.expertId] : [],
      divergent: spread >= settings.divergencePoints * 100,
      spreadCenti: spread,
      championBonusCenti: bonus,
    };
  });
}

export interface RankInput {
  applicationId: string;
  applicationNo: string;
  scoreCenti: number | null;
  /** Integer epoch ms or ISO 8601 with offset, as fundingPlan accepts. */
  submittedAt: string | number;
}

/** Step 5. Ranks 1…n in BL-4's order (via fundingPlan.compareMerit); unscored applications get null. */
export function rankByMerit(items: readonly RankInput[]): Map<string, number | null> {
  const asCandidate = (r: RankInput) => ({ applicationNo: r.applicationNo, score: r.scoreCenti ?? 0, submittedAt: r.submittedAt, requestedYuan: 0, computedYuan: 0, category: '' });
  const scored = items.filter((r) => r.scoreCenti !== null).sort((a, b) => compareMerit(asCandidate(a), asCandidate(b)));
  const out = new Map<string, number | null>(items.map((r) => [r.applicationId, null]));
  scored.forEach((r, i) => out.set(r.applicationId, i + 1));
  return out;
}
