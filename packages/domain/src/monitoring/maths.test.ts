import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumber } from './dates.js';
import { addDecimal, compareDecimal, decimalToScaled, scaledToDecimal } from './decimal.js';
import {
  aggregate,
  aggregatePeriods,
  aggregateYear,
  cagr,
  completionRate,
  expectedValue,
  growthRate,
  type IndicatorFigures,
  progressRate,
  progressStatus,
  targetLevel,
  targetPath,
  verdict,
} from './maths.js';
import { periodsBetween } from './periods.js';

const level = (base: string | null, target: string | null, direction: 'higher' | 'lower' = 'higher', years: [number, number] = [2020, 2025]): IndicatorFigures => ({
  direction,
  targetKind: 'level',
  base: { year: years[0], value: base },
  target: { year: years[1], value: target },
});

const growth = (base: string | null, rate: string | null, years: [number, number] = [2022, 2027]): IndicatorFigures => ({
  direction: 'higher',
  targetKind: 'growth',
  base: { year: years[0], value: base },
  target: { year: years[1], value: rate },
});

/** Positive decimals up to 10^7 with up to 6 places. */
const positive = fc.bigInt({ min: 1n, max: 10n ** 13n }).map(scaledToDecimal);
const cmp = (a: string | null, b: string | null) => compareDecimal(a!, b!);

describe('completionRate', () => {
  it('higher-is-better: value / target', () => {
    expect(completionRate(level('14', '50'), '48')).toBe('96.00');
    expect(completionRate(level('5.1', '7.5'), '25.6')).toBe('341.33');
    expect(completionRate(level('2.33', '2.9'), '2.9')).toBe('100.00');
  });

  it('lower-is-better: target / value, so beating a ceiling reads above 100%', () => {
    expect(completionRate(level('10', '8', 'lower'), '10')).toBe('80.00');
    expect(completionRate(level('10', '8', 'lower'), '4')).toBe('200.00');
  });

  it('is null when the value or target is missing or the divisor is zero', () => {
    expect(completionRate(level('1', null), '1')).toBeNull();
    expect(completionRate(level('1', '2'), null)).toBeNull();
    expect(completionRate(level('1', '2'), undefined)).toBeNull();
    expect(completionRate(level('1', '0'), '1')).toBeNull();
    expect(completionRate(level('10', '8', 'lower'), '0')).toBeNull();
  });

  it('growth targets compare with the compounded target level', () => {
    expect(targetLevel(growth('100', '30'))).toBe('371.293');
    expect(completionRate(growth('100', '30'), '371.293')).toBe('100.00');
    expect(completionRate(growth(null, '30'), '371.293')).toBeNull();
  });

  it('rises as the value gets better, both directions (property)', () => {
    fc.assert(
      fc.property(positive, positive, positive, fc.boolean(), (target, a, b, higher) => {
        const ind = level('1', target, higher ? 'higher' : 'lower');
        const [worse, better] = (compareDecimal(a, b) <= 0) === higher ? [a, b] : [b, a];
        expect(cmp(completionRate(ind, better), completionRate(ind, worse))).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('progressRate', () => {
  it('(value − base) / (target − base)', () => {
    expect(progressRate(level('14', '50'), '48')).toBe('94.44');
    expect(progressRate(level('506', '1000'), '506')).toBe('0.00');
    expect(progressRate(level('506', '1000'), '1000')).toBe('100.00');
    expect(progressRate(level('10', '8', 'lower'), '9')).toBe('50.00');
    expect(progressRate(level('10', '8', 'lower'), '11')).toBe('-50.00');
  });

  it('is null when base or target is missing or they are equal', () => {
    expect(progressRate(level(null, '20'), '10')).toBeNull();
    expect(progressRate(level('1', null), '10')).toBeNull();
    expect(progressRate(level('5', '5'), '10')).toBeNull();
    expect(progressRate(level('1', '5'), null)).toBeNull();
  });

  it('rises as the value gets better (property)', () => {
    fc.assert(
      fc.property(positive, positive, positive, positive, fc.boolean(), (x, y, a, b, higher) => {
        fc.pre(compareDecimal(x, y) !== 0);
        const [lo, hi] = compareDecimal(x, y) < 0 ? [x, y] : [y, x];
        const ind = higher ? level(lo, hi, 'higher') : level(hi, lo, 'lower');
        const [worse, better] = (compareDecimal(a, b) <= 0) === higher ? [a, b] : [b, a];
        expect(cmp(progressRate(ind, better), progressRate(ind, worse))).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('expectedValue', () => {
  const hightech = level('506', '1000');

  it('YZ-2 straight line by calendar days from 2020-12-31 to 2025-12-31, clamped outside', () => {
    expect(expectedValue(hightech, '2020-12-31')).toBe('506');
    expect(expectedValue(hightech, '2019-01-01')).toBe('506');
    expect(expectedValue(hightech, '2025-12-31')).toBe('1000');
    expect(expectedValue(hightech, '2030-06-30')).toBe('1000');
    // 2023-12-31 is 1095 of 1826 days in: 506 + 494·1095/1826 = 802.237678…
    expect(expectedValue(hightech, '2023-12-31')).toBe('802.237678');
    expect(expectedValue(level('10', '8', 'lower'), '2023-06-30')).toBe('9.002191');
  });

  it('is null without a path', () => {
    expect(expectedValue(level(null, '20'), '2023-01-01')).toBeNull();
    expect(expectedValue(level('1', null), '2023-01-01')).toBeNull();
    expect(expectedValue(level('1', '2', 'higher', [2025, 2025]), '2023-01-01')).toBeNull();
    expect(() => expectedValue(hightech, '2023-02-30')).toThrow(RangeError);
  });

  it('growth targets compound by whole years and run straight within a year', () => {
    const g = growth('100', '30');
    expect(expectedValue(g, '2022-12-31')).toBe('100');
    expect(expectedValue(g, '2023-12-31')).toBe('130');
    expect(expectedValue(g, '2024-12-31')).toBe('169');
    // 2024 is a leap year: 30 June is day 182 of 366, 130 + 39·182/366.
    expect(expectedValue(g, '2024-06-30')).toBe('149.393443');
    expect(expectedValue(g, '2027-12-31')).toBe('371.293');
    expect(expectedValue(g, '2031-01-01')).toBe('371.293');
    expect(targetPath(g).map((p) => p.value)).toEqual(['100', '130', '169', '219.7', '285.61', '371.293']);
  });

  it('the target path has one point per year end', () => {
    expect(targetPath(hightech).map((p) => p.date)).toEqual(['2020-12-31', '2021-12-31', '2022-12-31', '2023-12-31', '2024-12-31', '2025-12-31']);
    expect(targetPath(level(null, '20'))).toEqual([]);
  });

  it('equals the base at the base date, the target at the target date, and is monotone between (property)', () => {
    const start = dayNumber('2020-12-31');
    const end = dayNumber('2025-12-31');
    fc.assert(
      fc.property(positive, positive, fc.integer({ min: start - 400, max: end + 400 }), fc.integer({ min: start - 400, max: end + 400 }), (b, t, d1, d2) => {
        const ind = level(b, t);
        expect(expectedValue(ind, '2020-12-31')).toBe(scaledToDecimal(decimalToScaled(b)));
        expect(expectedValue(ind, '2025-12-31')).toBe(scaledToDecimal(decimalToScaled(t)));
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const c = cmp(expectedValue(ind, dateOfDayNumber(late)), expectedValue(ind, dateOfDayNumber(early)));
        expect(c * compareDecimal(t, b)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('the compound path is monotone for positive rates (property)', () => {
    const start = dayNumber('2022-12-31');
    const end = dayNumber('2027-12-31');
    fc.assert(
      fc.property(positive, fc.integer({ min: 0, max: 200 }), fc.integer({ min: start, max: end }), fc.integer({ min: start, max: end }), (b, rate, d1, d2) => {
        const g = growth(b, String(rate));
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(cmp(expectedValue(g, dateOfDayNumber(late)), expectedValue(g, dateOfDayNumber(early)))).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('progressStatus', () => {
  const hightech = level('506', '1000');

  it('ahead / on track / lagging by the tolerance band, gap as % of |target − base|', () => {
    // Expected 802.237678 on 2023-12-31; distance 494.
    expect(progressStatus(hightech, '850', '2023-12-31', 5)).toEqual({ status: 'ahead', expected: '802.237678', gapPercent: '9.67' });
    expect(progressStatus(hightech, '810', '2023-12-31', 5)).toEqual({ status: 'onTrack', expected: '802.237678', gapPercent: '1.57' });
    expect(progressStatus(hightech, '760', '2023-12-31', '5')).toEqual({ status: 'lagging', expected: '802.237678', gapPercent: '-8.55' });
    expect(progressStatus(hightech, '760', '2023-12-31', '10').status).toBe('onTrack');
  });

  it('judges on the gap as shown: exactly at the tolerance is on track', () => {
    // 5% of 494 is 24.7 above 802.2376779…: 826.94 is 5.0005% ahead, shown as 5.00, so on track.
    expect(progressStatus(hightech, '826.94', '2023-12-31', 5)).toMatchObject({ status: 'onTrack', gapPercent: '5.00' });
    expect(progressStatus(hightech, '826.99', '2023-12-31', 5)).toMatchObject({ status: 'ahead', gapPercent: '5.01' });
  });

  it('lower-is-better: below the path is ahead', () => {
    const ind = level('10', '8', 'lower');
    expect(progressStatus(ind, '8.5', '2023-06-30', 5)).toMatchObject({ status: 'ahead', gapPercent: '25.11' });
    expect(progressStatus(ind, '9.5', '2023-06-30', 5)).toMatchObject({ status: 'lagging', gapPercent: '-24.89' });
  });

  it('growth targets measure the gap against the expected value', () => {
    expect(progressStatus(growth('100', '30'), '143', '2023-12-31', 5)).toEqual({ status: 'ahead', expected: '130', gapPercent: '10.00' });
    expect(progressStatus(growth('100', '30'), '125', '2023-12-31', 5)).toEqual({ status: 'onTrack', expected: '130', gapPercent: '-3.85' });
  });

  it('unknown when base, target or value is missing, or base equals target', () => {
    expect(progressStatus(level(null, '20'), '10', '2023-12-31', 5)).toEqual({ status: 'unknown', expected: null, gapPercent: null });
    expect(progressStatus(hightech, null, '2023-12-31', 5)).toEqual({ status: 'unknown', expected: '802.237678', gapPercent: null });
    expect(progressStatus(level('5', '5'), '5', '2023-12-31', 5).status).toBe('unknown');
    expect(() => progressStatus(hightech, '1', '2023-12-31', -1)).toThrow(RangeError);
  });
});

describe('verdict', () => {
  it('met iff the value reaches the target in the better direction; equal is met', () => {
    expect(verdict(level('14', '50'), '48')).toBe('notMet');
    expect(verdict(level('5.1', '7.5'), '25.6')).toBe('met');
    expect(verdict(level('2.33', '2.9'), '2.9')).toBe('met');
    expect(verdict(level('2.7', '3.0'), '3')).toBe('met');
    expect(verdict(level('10', '8', 'lower'), '8')).toBe('met');
    expect(verdict(level('10', '8', 'lower'), '8.1')).toBe('notMet');
  });

  it('unknown when a figure is missing', () => {
    expect(verdict(level(null, null), '146')).toBe('unknown');
    expect(verdict(level(null, '30'), null)).toBe('unknown');
    expect(verdict(level(null, '30'), '')).toBe('unknown');
  });

  it('growth targets are a compound average: the target-year value against base × (1 + r)^years', () => {
    const g = growth('10', '30');
    const level = targetLevel(g)!;
    expect(verdict(g, level)).toBe('met');
    expect(verdict(g, String(Number(level) - 0.01))).toBe('notMet');
    expect(verdict({ ...g, base: { ...g.base, value: null } }, '13')).toBe('unknown');
    expect(verdict({ ...g, direction: 'lower' }, '6')).toBe('met');
  });
});

describe('growth rates', () => {
  it('growthRate is (to − from) / from', () => {
    expect(growthRate('20.92', '25.58')).toBe('22.28');
    expect(growthRate('100', '130')).toBe('30.00');
    expect(growthRate('100', '90')).toBe('-10.00');
    expect(growthRate('0', '5')).toBeNull();
    expect(growthRate('-5', '5')).toBeNull();
    expect(growthRate(null, '5')).toBeNull();
  });

  it('cagr takes the root exactly', () => {
    expect(cagr('100', '371.293', 5)).toBe('30.00');
    expect(cagr('100', '169', 2)).toBe('30.00');
    // 25.6 / 5.1 over 2016–2020 (YZ-1 技术交易额): 4th root of 5.0196… = 1.4968…
    expect(cagr('5.1', '25.6', 4)).toBe('49.68');
    expect(cagr('100', '100', 3)).toBe('0.00');
    expect(cagr('100', '50', 1)).toBe('-50.00');
    expect(cagr('1', '0', 3)).toBe('-100.00');
    expect(cagr('2', '1', 1, 0)).toBe('-50');
    expect(cagr('1', '2', 1, 6)).toBe('100.000000');
    expect(cagr('0', '1', 3)).toBeNull();
    expect(cagr('1', '2', 0)).toBeNull();
    expect(cagr('1', '2', 1.5)).toBeNull();
    expect(cagr('1', '-2', 2)).toBeNull();
  });

  it('cagr agrees with floating point away from rounding ties (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10 }), (from, to, years) => {
        const exact = ((to / from) ** (1 / years) - 1) * 100;
        const x = exact * 100;
        fc.pre(Math.abs(x - Math.round(x)) < 0.49 && Math.abs(Math.abs(x % 1) - 0.5) > 1e-6);
        expect(Number(cagr(String(from), String(to), years))).toBeCloseTo(Math.round(x) / 100, 6);
      }),
    );
  });
});

describe('aggregation over periods', () => {
  const months = [
    { period: '2026-01', value: '10' },
    { period: '2026-02', value: '12.5' },
    { period: '2026-03', value: null },
    { period: '2025-12', value: '100' },
    { period: '2026-04', value: '7' },
  ];

  it('sum, last and average per year, missing values skipped', () => {
    expect(aggregateYear('sum', months, 2026)).toBe('29.5');
    expect(aggregateYear('last', months, 2026)).toBe('7');
    expect(aggregateYear('average', months, 2026)).toBe('9.833333');
    expect(aggregateYear('sum', months, 2025)).toBe('100');
    expect(aggregateYear('sum', months, 2024)).toBeNull();
    expect(aggregateYear('last', [{ period: '2026-03', value: null }], 2026)).toBeNull();
  });

  it('last takes the latest period whatever the list order', () => {
    expect(aggregate('last', [{ period: '2026-12', value: '5' }, { period: '2026-03', value: '9' }])).toBe('5');
    expect(aggregate('last', [{ period: '2026-Q4', value: '5' }, { period: '2026-11', value: '9' }])).toBe('5');
  });

  it('over arbitrary period sets', () => {
    expect(aggregatePeriods('sum', months, periodsBetween('2026-01', '2026-03'))).toBe('22.5');
    expect(aggregatePeriods('sum', months, ['2025-12', '2026-04'])).toBe('107');
    expect(aggregatePeriods('sum', months, [])).toBeNull();
  });

  it('sum is additive over disjoint period sets (property)', () => {
    const all = periodsBetween('2025-01', '2027-12');
    const arb = fc.array(fc.tuple(fc.constantFrom(...all), fc.option(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map(scaledToDecimal)), fc.boolean()), { maxLength: 40 });
    fc.assert(
      fc.property(arb, (rows) => {
        const points = rows.map(([period, value]) => ({ period, value }));
        const inA = new Set(rows.filter(([, , a]) => a).map(([p]) => p));
        const a = all.filter((p) => inA.has(p));
        const b = all.filter((p) => !inA.has(p));
        const whole = aggregatePeriods('sum', points, all) ?? '0';
        expect(whole).toBe(addDecimal(aggregatePeriods('sum', points, a) ?? '0', aggregatePeriods('sum', points, b) ?? '0'));
      }),
    );
  });
});
