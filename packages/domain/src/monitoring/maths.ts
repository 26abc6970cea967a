/**
 * Monitoring maths (YZ-1, YZ-2, P315-1): completion and progress against targets, the expected path from base to
 * target, status against that path, verdicts at the target date, growth rates and aggregation over periods.
 *
 * Everything is computed as exact rationals from the DecimalStrings and rounded once at the end, half away from
 * zero: the same figures give the same answer on the server and in the browser, to the last digit.
 * Percentages come back as DecimalStrings with two places ('56.15') unless a function says otherwise.
 */
import { dayNumber, yearEnd } from './dates.js';
import {
  type Fraction,
  fraction,
  fractionAdd,
  fractionCompare,
  fractionDiv,
  fractionMul,
  fractionOfDecimal,
  fractionSign,
  fractionSub,
  fractionToDecimal,
  fractionToFixed,
  decimalToScaled,
  isDecimalString,
  decimalFromNumber,
} from './decimal.js';
import { comparePeriods, yearOfPeriod } from './periods.js';
import type { Aggregation, DecimalString, IndicatorDef, PeriodKey, ProgressStatus, Verdict } from './types.js';

/** A figure that may be missing: null/undefined/'' all mean "not reported" ("-" in the source). */
export type MaybeDecimal = DecimalString | null | undefined;

/** The fields the maths reads; a whole IndicatorDef fits. */
export type IndicatorFigures = Pick<IndicatorDef, 'direction' | 'targetKind' | 'base' | 'target'>;

const HUNDRED: Fraction = { num: 100n, den: 1n };
const ZERO: Fraction = { num: 0n, den: 1n };

function present(v: MaybeDecimal): v is DecimalString {
  return v !== null && v !== undefined && v !== '';
}

function frac(v: DecimalString): Fraction {
  return fractionOfDecimal(v);
}

function percentOf(f: Fraction): Fraction {
  return fractionMul(f, HUNDRED);
}

/** base^n for a whole n ≥ 0, exactly. */
function fractionPow(f: Fraction, n: number): Fraction {
  return fraction(f.num ** BigInt(n), f.den ** BigInt(n));
}

/** 1 + rate%, the yearly growth factor of a growth target ('30' → 1.3). */
function growthFactor(ratePercent: DecimalString): Fraction {
  return fractionAdd({ num: 1n, den: 1n }, fractionDiv(frac(ratePercent), HUNDRED));
}

/**
 * The level the indicator should reach at the target year. For `level` targets that is the target itself; for
 * `growth` targets (技术交易额年均增长30%) it is base × (1 + r)^(target year − base year), since the indicator's
 * values are levels and only a level can be compared with a reported value. Null when a needed figure is missing.
 */
export function targetLevel(ind: IndicatorFigures): DecimalString | null {
  const f = targetLevelFraction(ind);
  return f === null ? null : fractionToDecimal(f);
}

function targetLevelFraction(ind: IndicatorFigures): Fraction | null {
  if (!present(ind.target.value)) return null;
  if (ind.targetKind === 'level') return frac(ind.target.value);
  if (!present(ind.base.value)) return null;
  const years = ind.target.year - ind.base.year;
  if (years < 0) return null;
  return fractionMul(frac(ind.base.value), fractionPow(growthFactor(ind.target.value), years));
}

/**
 * 完成率 in percent. Higher-is-better: value / target (reaching the target is 100%); lower-is-better:
 * target / value, so that beating a ceiling also reads above 100% and a worse value reads lower. Null when the
 * value or target is missing, or the divisor is zero (no meaningful rate).
 */
export function completionRate(ind: IndicatorFigures, value: MaybeDecimal, places = 2): DecimalString | null {
  const t = targetLevelFraction(ind);
  if (t === null || !present(value)) return null;
  const v = frac(value);
  const [num, den] = ind.direction === 'higher' ? [v, t] : [t, v];
  if (fractionSign(den) === 0) return null;
  return fractionToFixed(percentOf(fractionDiv(num, den)), places);
}

/**
 * 进度 in percent: how far the value has come from the base towards the target, (value − base) / (target − base).
 * Works for both directions without a special case (a falling target has a negative denominator). Null when the
 * base or target is missing or they are equal (no distance to cover).
 */
export function progressRate(ind: IndicatorFigures, value: MaybeDecimal, places = 2): DecimalString | null {
  const t = targetLevelFraction(ind);
  if (t === null || !present(value) || !present(ind.base.value)) return null;
  const b = frac(ind.base.value);
  const span = fractionSub(t, b);
  if (fractionSign(span) === 0) return null;
  return fractionToFixed(percentOf(fractionDiv(fractionSub(frac(value), b), span)), places);
}

/**
 * The value the indicator should have on `date` (YZ-2: "progress is shown against the straight-line path").
 *
 * The path starts at the base value on 31 December of the base year and ends at the target on 31 December of the
 * target year; before and after it is clamped to those ends.
 * - `level`: a straight line by calendar days (a leap year's extra day counts like any other).
 * - `growth`: compound growth, base × (1 + r)^k at the end of the k-th year. Within a year the path runs straight
 *   between two year ends by calendar days, i.e. fractional years are interpolated linearly rather than raised to a
 *   fractional power: the result is then an exact rational, identical in every JavaScript engine (Math.pow is not
 *   required to be), and it still meets the compound value at every year end.
 * The result is rounded half away from zero to 6 places. Null when the base or target is missing, or the target
 * year is not after the base year.
 */
export function expectedValue(ind: IndicatorFigures, date: string): DecimalString | null {
  const f = expectedFraction(ind, date);
  return f === null ? null : fractionToDecimal(f);
}

function expectedFraction(ind: IndicatorFigures, date: string): Fraction | null {
  const day = dayNumber(date);
  if (!present(ind.base.value) || !present(ind.target.value)) return null;
  if (ind.target.year <= ind.base.year) return null;
  const b = frac(ind.base.value);
  const start = dayNumber(yearEnd(ind.base.year));
  const end = dayNumber(yearEnd(ind.target.year));
  if (day <= start) return b;
  if (ind.targetKind === 'level') {
    const t = frac(ind.target.value);
    if (day >= end) return t;
    return fractionAdd(b, fractionMul(fractionSub(t, b), fraction(BigInt(day - start), BigInt(end - start))));
  }
  const g = growthFactor(ind.target.value);
  if (day >= end) return fractionMul(b, fractionPow(g, ind.target.year - ind.base.year));
  // The year whose end closes the stretch `day` falls in: (yearEnd(y − 1), yearEnd(y)].
  const y = Number(date.slice(0, 4));
  const k = y - 1 - ind.base.year;
  const from = fractionMul(b, fractionPow(g, k));
  const to = fractionMul(from, g);
  const lo = dayNumber(yearEnd(y - 1));
  const hi = dayNumber(yearEnd(y));
  return fractionAdd(from, fractionMul(fractionSub(to, from), fraction(BigInt(day - lo), BigInt(hi - lo))));
}

/** One point per year end from the base year to the target year: the target path a trend chart draws. */
export function targetPath(ind: IndicatorFigures): { date: string; value: DecimalString }[] {
  if (!present(ind.base.value) || !present(ind.target.value) || ind.target.year <= ind.base.year) return [];
  const out: { date: string; value: DecimalString }[] = [];
  for (let y = ind.base.year; y <= ind.target.year; y++) {
    const v = expectedValue(ind, yearEnd(y));
    if (v !== null) out.push({ date: yearEnd(y), value: v });
  }
  return out;
}

export interface ProgressResult {
  status: ProgressStatus;
  /** The expected value on the date, null when there is no path. */
  expected: DecimalString | null;
  /** Signed distance from the expected value in the better direction (positive = ahead), percent to 2 places. */
  gapPercent: DecimalString | null;
}

function toFraction(x: DecimalString | number): Fraction {
  if (typeof x === 'number') {
    return frac(decimalFromNumber(x));
  }
  if (!isDecimalString(x)) throw new RangeError(`容差“${String(x)}”不是有效的数值`);
  return frac(x);
}

/**
 * Ahead / on track / lagging against the expected path on `date`.
 *
 * gap = (value − expected) in the better direction (negated for lower-is-better), as a percentage of the whole
 * distance |target − base| for `level` targets (so 5 means "5% of the plan's distance ahead of schedule", the
 * same scale at every date), and of the expected value for `growth` targets (whose distance grows every year).
 * The gap is rounded to 2 places first and the status judged on that rounded figure, so the status always agrees
 * with the gap on screen: |gap| ≤ tolerance is on track, above is ahead, below is lagging.
 * Unknown when the base, target or value is missing, or the distance is zero.
 */
export function progressStatus(ind: IndicatorFigures, value: MaybeDecimal, date: string, tolerancePercent: DecimalString | number): ProgressResult {
  const tol = toFraction(tolerancePercent);
  if (fractionSign(tol) < 0) throw new RangeError('容差不能为负数');
  const e = expectedFraction(ind, date);
  const expected = e === null ? null : fractionToDecimal(e);
  if (e === null || !present(value)) return { status: 'unknown', expected, gapPercent: null };
  const scale = ind.targetKind === 'level' ? fractionSub(frac(ind.target.value as DecimalString), frac(ind.base.value as DecimalString)) : e;
  const denom = fractionSign(scale) < 0 ? fraction(-scale.num, scale.den) : scale;
  if (fractionSign(denom) === 0) return { status: 'unknown', expected, gapPercent: null };
  const diff = fractionSub(frac(value), e);
  const better = ind.direction === 'higher' ? diff : fraction(-diff.num, diff.den);
  const gapPercent = fractionToFixed(percentOf(fractionDiv(better, denom)), 2);
  const gap = frac(gapPercent);
  const status: ProgressStatus = fractionCompare(gap, tol) > 0 ? 'ahead' : fractionCompare(gap, fraction(-tol.num, tol.den)) < 0 ? 'lagging' : 'onTrack';
  return { status, expected, gapPercent };
}

/**
 * Met / not met at the target date: the value reaches the target level in the indicator's direction; equal counts
 * as met (the plans' "达到", "以上", "超过" are all read as "at least": 全链条孵化载体数量 48 against 50 is not met,
 * 技术交易额 25.6 against 7.5 is met, YZ-1). For `growth` targets (技术交易额年均增长30%以上) the level is
 * base × (1 + r)^years: "年均" is a compound average over the plan, so one strong last year after weak ones does
 * not meet it, and a high level reached early is not undone by a slower final year.
 * Unknown when any needed figure is missing (YZ-1 row 3; a growth target without its base).
 */
export function verdict(ind: IndicatorFigures, value: MaybeDecimal): Verdict {
  if (!present(value)) return 'unknown';
  const t = targetLevelFraction(ind);
  if (t === null) return 'unknown';
  const c = fractionCompare(frac(value), t);
  return (ind.direction === 'higher' ? c >= 0 : c <= 0) ? 'met' : 'notMet';
}

/**
 * Growth rate in percent from one level to the next: (to − from) / from. Null when either is missing or `from`
 * is not positive (a rate from zero or a negative level means nothing).
 */
export function growthRate(from: MaybeDecimal, to: MaybeDecimal, places = 2): DecimalString | null {
  if (!present(from) || !present(to)) return null;
  const f = frac(from);
  if (fractionSign(f) <= 0) return null;
  return fractionToFixed(percentOf(fractionDiv(fractionSub(frac(to), f), f)), places);
}

/**
 * Compound annual growth rate in percent: (to / from)^(1 / years) − 1, rounded half away from zero to `places`.
 *
 * The root is not taken in floating point: the rounded result m / 10^places is the largest m with
 * from · (1 + (m − ½) / (100 · 10^places))^years ≤ to, found by bisection in exact integer arithmetic, so the
 * last digit is right and engine-independent. Null when a figure is missing, `from` is not positive, `to` is
 * negative or `years` is not a positive whole number.
 */
export function cagr(from: MaybeDecimal, to: MaybeDecimal, years: number, places = 2): DecimalString | null {
  if (!present(from) || !present(to) || !Number.isInteger(years) || years < 1) return null;
  if (!Number.isInteger(places) || places < 0 || places > 6) throw new RangeError('小数位数须为0到6之间的整数');
  const f = decimalToScaled(from);
  const t = decimalToScaled(to);
  if (f <= 0n || t < 0n) return null;
  const n = BigInt(years);
  const D = 200n * 10n ** BigInt(places);
  const rhs = t * D ** n;
  // holds(m): the exact rate is at least (m − ½)·10^-places percent, i.e. it rounds to m or more.
  const holds = (m: bigint) => {
    const base = D + 2n * m - 1n;
    return base < 0n || f * base ** n <= rhs;
  };
  let lo = -(D / 2n); // −100%: to = 0 rounds here, and no rate is lower.
  let hi = 1n;
  while (holds(hi)) hi *= 2n;
  // invariant: holds(lo), !holds(hi)
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (holds(mid)) lo = mid;
    else hi = mid;
  }
  return fractionToFixed(fraction(lo, 10n ** BigInt(places)), places);
}

export interface PeriodValue {
  period: PeriodKey;
  value: DecimalString | null;
}

/**
 * Combines period values: `sum` adds them (flows), `last` takes the latest period's (stocks and cumulative
 * counts: the year's figure is the one at year end), `average` is the mean rounded to 6 places (rates sampled per
 * period). Missing values are skipped; null when none is left. For `last`, two values for the same period: the later in the list wins.
 */
export function aggregate(aggregation: Aggregation, points: readonly PeriodValue[]): DecimalString | null {
  const known = points.filter((p): p is { period: PeriodKey; value: DecimalString } => present(p.value));
  if (known.length === 0) return null;
  if (aggregation === 'last') {
    let best = known[0]!;
    for (const p of known.slice(1)) if (comparePeriods(p.period, best.period) >= 0) best = p;
    return best.value;
  }
  const total = known.reduce<Fraction>((acc, p) => fractionAdd(acc, frac(p.value)), ZERO);
  return fractionToDecimal(aggregation === 'sum' ? total : fractionDiv(total, fraction(BigInt(known.length))));
}

/** The year's figure from its period values (any frequency whose key lies in `year`). */
export function aggregateYear(aggregation: Aggregation, points: readonly PeriodValue[], year: number): DecimalString | null {
  return aggregate(
    aggregation,
    points.filter((p) => yearOfPeriod(p.period) === year),
  );
}

/** The figure over an arbitrary set of periods (a quarter's months, year to date, the plan's whole span). */
export function aggregatePeriods(aggregation: Aggregation, points: readonly PeriodValue[], periods: Iterable<PeriodKey>): DecimalString | null {
  const wanted = new Set(periods);
  return aggregate(
    aggregation,
    points.filter((p) => wanted.has(p.period)),
  );
}
