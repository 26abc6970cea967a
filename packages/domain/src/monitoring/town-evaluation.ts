/**
 * 镇乡（街道）科技创新能力评价 (P315-7): a weighted score out of 100 per town or street from a small set of
 * indicators, min–max normalised so indicators in different units (家, %, 亿元) can be added.
 *
 * For each indicator, over the towns that reported it: higher-is-better scores (v − min) / (max − min),
 * lower-is-better (max − v) / (max − min); the best town gets the indicator's full weight, the worst none.
 * When every reporting town has the same value there is nothing to tell them apart and each gets the full weight.
 * A missing value scores 0 for that indicator and is listed, so a town is never ranked up by not reporting.
 * Scores are exact rationals rounded once to 2 places; ranks are on the rounded score, so towns that show the same
 * score share a rank (1, 1, 3), listed by code within it.
 */
import { fraction, fractionAdd, fractionCompare, fractionDiv, fractionMul, fractionOfDecimal, fractionSub, fractionToFixed, isDecimalString, type Fraction } from './decimal.js';
import { DIRECTIONS, type DecimalString, type Direction } from './types.js';

export interface TownIndicator {
  code: string;
  name: string;
  /** Whole percent; all weights add up to 100. */
  weight: number;
  direction: Direction;
}

export interface TownInput {
  code: string;
  name: string;
  /** Indicator code → value; null (or absent) when the town did not report it. */
  values: Record<string, DecimalString | null>;
}

export interface TownContribution {
  indicatorCode: string;
  value: DecimalString | null;
  /** 0–100: the town's place between the worst and best value, percent to 2 places. */
  normalised: DecimalString;
  /** weight × normalised / 100, to 2 places (the contributions' roundings may not add up exactly to the score). */
  points: DecimalString;
}

export interface TownScore {
  code: string;
  name: string;
  /** 0–100, to 2 places. */
  score: DecimalString;
  rank: number;
  contributions: TownContribution[];
  /** Indicator codes the town did not report (scored 0). */
  missing: string[];
}

export type TownEvaluation = { ok: true; towns: TownScore[] } | { ok: false; errors: string[] };

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of codes) (seen.has(c) ? dup : seen).add(c);
  return [...dup];
}

function validate(input: { indicators: readonly TownIndicator[]; towns: readonly TownInput[] }): string[] {
  const errors: string[] = [];
  const { indicators, towns } = input;
  if (indicators.length === 0) errors.push('请至少设置一项评价指标');
  if (towns.length === 0) errors.push('请至少列出一个镇乡（街道）');
  for (const i of indicators) {
    if (!i.code.trim()) errors.push(`指标“${i.name}”缺少代码`);
    if (!Number.isInteger(i.weight) || i.weight < 0 || i.weight > 100) errors.push(`指标“${i.name}”的权重须为0到100之间的整数（百分比）`);
    if (!(DIRECTIONS as readonly string[]).includes(i.direction)) errors.push(`指标“${i.name}”的方向无效`);
  }
  for (const c of duplicates(indicators.map((i) => i.code))) errors.push(`指标代码“${c}”重复`);
  const weightSum = indicators.reduce((s, i) => s + (Number.isInteger(i.weight) ? i.weight : 0), 0);
  if (indicators.length > 0 && weightSum !== 100) errors.push(`指标权重之和须为100，现为${weightSum}`);
  for (const c of duplicates(towns.map((t) => t.code))) errors.push(`镇乡（街道）代码“${c}”重复`);
  const known = new Set(indicators.map((i) => i.code));
  for (const t of towns) {
    if (!t.code.trim()) errors.push(`镇乡（街道）“${t.name}”缺少代码`);
    for (const [code, v] of Object.entries(t.values)) {
      if (!known.has(code)) errors.push(`${t.name}：指标代码“${code}”不在评价指标中`);
      else if (v !== null && !isDecimalString(v)) errors.push(`${t.name}：指标“${code}”的值“${String(v)}”不是有效的数值`);
    }
  }
  return errors;
}

/** Scores, ranks and per-indicator contributions; `{ok:false, errors}` (Chinese) when the input is inconsistent. */
export function evaluateTowns(input: { indicators: readonly TownIndicator[]; towns: readonly TownInput[] }): TownEvaluation {
  const errors = validate(input);
  if (errors.length > 0) return { ok: false, errors };
  const { indicators, towns } = input;
  const ranges = new Map<string, { min: Fraction; max: Fraction } | null>();
  for (const ind of indicators) {
    let range: { min: Fraction; max: Fraction } | null = null;
    for (const t of towns) {
      const v = t.values[ind.code];
      if (v === null || v === undefined) continue;
      const f = fractionOfDecimal(v);
      if (range === null) range = { min: f, max: f };
      else {
        if (fractionCompare(f, range.min) < 0) range.min = f;
        if (fractionCompare(f, range.max) > 0) range.max = f;
      }
    }
    ranges.set(ind.code, range);
  }
  const scored = towns.map((t) => {
    let total = fraction(0n);
    const missing: string[] = [];
    const contributions = indicators.map((ind): TownContribution => {
      const v = t.values[ind.code] ?? null;
      const range = ranges.get(ind.code) ?? null;
      let norm = fraction(0n);
      if (v === null || range === null) missing.push(ind.code);
      else {
        const span = fractionSub(range.max, range.min);
        if (span.num === 0n) norm = fraction(1n);
        else {
          const f = fractionOfDecimal(v);
          norm = fractionDiv(ind.direction === 'higher' ? fractionSub(f, range.min) : fractionSub(range.max, f), span);
        }
      }
      const points = fractionMul(norm, fraction(BigInt(ind.weight)));
      total = fractionAdd(total, points);
      return { indicatorCode: ind.code, value: v, normalised: fractionToFixed(fractionMul(norm, fraction(100n)), 2), points: fractionToFixed(points, 2) };
    });
    return { code: t.code, name: t.name, score: fractionToFixed(total, 2), rank: 0, contributions, missing };
  });
  scored.sort((a, b) => fractionCompare(fractionOfDecimal(b.score), fractionOfDecimal(a.score)) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  scored.forEach((s, i) => {
    const prev = scored[i - 1];
    s.rank = prev !== undefined && prev.score === s.score ? prev.rank : i + 1;
  });
  return { ok: true, towns: scored };
}
