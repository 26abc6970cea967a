import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absDecimal,
  addDecimal,
  compareDecimal,
  decimalEquals,
  decimalFromNumber,
  decimalPlaces,
  decimalToScaled,
  divDecimal,
  divRoundHalfUp,
  formatDecimal,
  formatThousands,
  fraction,
  fractionToFixed,
  isDecimalString,
  mulDecimal,
  negateDecimal,
  normalizeDecimal,
  parseDecimalInput,
  ratioPercent,
  roundDecimal,
  scaledToDecimal,
  subDecimal,
  sumDecimals,
} from './decimal.js';

/** Arbitrary DecimalString with up to 6 places, built from an integer count of millionths. */
const decimal = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map(scaledToDecimal);

describe('DecimalString', () => {
  it.each([['12'], ['-0.5'], ['3.000000'], ['0']])('%s is a DecimalString', (s) => expect(isDecimalString(s)).toBe(true));
  it.each([['1e3'], ['.5'], ['1,000'], ['1.1234567'], [''], ['+1'], [12]])('%j is not', (s) => expect(isDecimalString(s)).toBe(false));

  it('converts to and from millionths exactly', () => {
    expect(decimalToScaled('2.33')).toBe(2_330_000n);
    expect(decimalToScaled('-0.000001')).toBe(-1n);
    expect(scaledToDecimal(2_330_000n)).toBe('2.33');
    expect(scaledToDecimal(-0n)).toBe('0');
    expect(normalizeDecimal('003.50')).toBe('3.5');
    expect(normalizeDecimal('-0.0')).toBe('0');
    expect(() => decimalToScaled('abc')).toThrow(RangeError);
  });

  it('counts the places as written', () => {
    expect([decimalPlaces('3.0'), decimalPlaces('56.17'), decimalPlaces('76')]).toEqual([1, 2, 0]);
  });

  it('adds, subtracts, multiplies and divides exactly, rounding half away from zero once', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(subDecimal('25.6', '7.5')).toBe('18.1');
    expect(sumDecimals(['1.5', '2.25', '-0.75'])).toBe('3');
    expect(sumDecimals([])).toBe('0');
    expect(mulDecimal('1.3', '1.3')).toBe('1.69');
    expect(mulDecimal('0.000001', '0.5')).toBe('0.000001');
    expect(mulDecimal('-0.000001', '0.5')).toBe('-0.000001');
    expect(divDecimal('1', '3')).toBe('0.333333');
    expect(divDecimal('2', '3', 2)).toBe('0.67');
    expect(divDecimal('-2', '3', 2)).toBe('-0.67');
    expect(divDecimal('1', '8', 2)).toBe('0.13');
    expect(() => divDecimal('1', '0')).toThrow(RangeError);
    expect(negateDecimal('2.5')).toBe('-2.5');
    expect(absDecimal('-2.5')).toBe('2.5');
  });

  it('compares numerically', () => {
    expect(compareDecimal('48', '50')).toBe(-1);
    expect(compareDecimal('25.6', '7.5')).toBe(1);
    expect(decimalEquals('3.0', '3')).toBe(true);
  });

  it('rounds half away from zero', () => {
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfUp(5n, -2n)).toBe(-3n);
    expect(divRoundHalfUp(4n, 3n)).toBe(1n);
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
    expect(roundDecimal('2.345', 2)).toBe('2.35');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('2.9', 2)).toBe('2.90');
    expect(roundDecimal('2.9', 2, false)).toBe('2.9');
    expect(fractionToFixed(fraction(1n, 3n), 2)).toBe('0.33');
  });

  it('reads a JavaScript number to 6 places (Excel cells)', () => {
    expect(decimalFromNumber(56.150000000000006)).toBe('56.15');
    expect(decimalFromNumber(0.1 + 0.2)).toBe('0.3');
    expect(decimalFromNumber(13000)).toBe('13000');
    expect(decimalFromNumber(-1e-7)).toBe('0');
    expect(() => decimalFromNumber(Number.NaN)).toThrow(RangeError);
    expect(() => decimalFromNumber(1e16)).toThrow(RangeError);
  });

  it('addition is exact and commutative, subtraction undoes it (property)', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(addDecimal(a, b)).toBe(addDecimal(b, a));
        expect(subDecimal(addDecimal(a, b), b)).toBe(normalizeDecimal(a));
        expect(decimalToScaled(addDecimal(a, b))).toBe(decimalToScaled(a) + decimalToScaled(b));
      }),
    );
  });
});

describe('ratioPercent', () => {
  it('YJ-2 169/301 is 56.15%, not the reported 56.17%', () => {
    expect(ratioPercent(169, 301)).toBe('56.15');
    expect(ratioPercent(169n, 301n, 4)).toBe('56.1462');
    expect(ratioPercent(169, 301, 0)).toBe('56');
  });

  it('keeps the stated places', () => {
    expect(ratioPercent(1, 2)).toBe('50.00');
    expect(ratioPercent(0, 7)).toBe('0.00');
    expect(ratioPercent(1, 8, 1)).toBe('12.5');
    expect(ratioPercent(1, 16, 1)).toBe('6.3');
    expect(ratioPercent(-1, 16, 1)).toBe('-6.3');
  });

  it('refuses a zero denominator and fractional counts', () => {
    expect(() => ratioPercent(1, 0)).toThrow(RangeError);
    expect(() => ratioPercent(1.5, 3)).toThrow(RangeError);
    expect(() => ratioPercent(1, 2, 7)).toThrow(RangeError);
  });

  it('equals the exact rational rounded half up (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 6 }), (num, den, places) => {
        const got = ratioPercent(num, den, places);
        // got = m / 10^places must satisfy |num·100/den − m/10^places| ≤ ½·10^-places, ties going up.
        const m = decimalToScaled(got) / 10n ** BigInt(6 - places);
        const scale = 10n ** BigInt(places);
        const twice = 2n * BigInt(num) * 100n * scale; // 2·num·100·10^places
        const lo = (2n * m - 1n) * BigInt(den);
        const hi = (2n * m + 1n) * BigInt(den);
        expect(twice >= lo && twice < hi).toBe(true);
        expect(got.split('.')[1]?.length ?? 0).toBe(places);
      }),
    );
  });
});

describe('display', () => {
  it.each([
    ['13000', {}, '13,000'],
    ['1234.5', {}, '1,234.5'],
    ['1234.5', { places: 2 }, '1,234.50'],
    ['-1234567.891', { places: 1 }, '-1,234,567.9'],
    ['1234.5', { thousands: false }, '1234.5'],
    ['999', {}, '999'],
  ] as const)('formatDecimal(%s, %j) = %s', (d, options, text) => {
    expect(formatDecimal(d, options)).toBe(text);
  });

  it('formatThousands keeps the fraction as written', () => {
    expect(formatThousands('5066.0')).toBe('5,066.0');
    expect(formatThousands('-2685')).toBe('-2,685');
  });
});

describe('parseDecimalInput', () => {
  it.each([
    ['1,234.5', '1234.5', 1],
    [' 7 ', '7', 0],
    ['１２３４．５', '1234.5', 1],
    ['１，２３４．５０', '1234.50', 2],
    ['\u3000３．０\u3000', '3.0', 1],
    ['+3', '3', 0],
    ['-0.5', '-0.5', 1],
    ['－2', '-2', 0],
    ['\u22122', '-2', 0],
    ['-0', '0', 0],
    ['007', '7', 0],
    ['.5', '0.5', 1],
    ['5.', '5', 0],
    ['1,234,567', '1234567', 0],
  ])('%j → %s', (raw, value, places) => {
    expect(parseDecimalInput(raw)).toEqual({ ok: true, value, places });
  });

  it('accepts a trailing % only when asked', () => {
    expect(parseDecimalInput('56.17%', { percent: true })).toEqual({ ok: true, value: '56.17', places: 2 });
    expect(parseDecimalInput('76 ％', { percent: true })).toEqual({ ok: true, value: '76', places: 0 });
    expect(parseDecimalInput('56.17%')).toEqual({ ok: false, message: '“56.17%”不能带百分号，请只填数值' });
  });

  it.each([
    ['', '请填写数值'],
    ['   ', '请填写数值'],
    ['abc', '“abc”不是有效的数字'],
    ['-', '“-”不是有效的数字'],
    ['1e3', '“1e3”不是有效的数字'],
    ['1.2.3', '“1.2.3”不是有效的数字'],
    ['1,23', '“1,23”的千位分隔符位置不正确'],
    ['12,34.5', '“12,34.5”的千位分隔符位置不正确'],
    ['1.1234567', '“1.1234567”最多保留6位小数'],
    ['%', '“%”不能带百分号，请只填数值'],
    ['1234567890123456', '“1234567890123456”数值过大'],
  ])('refuses %j in Chinese', (raw, message) => {
    expect(parseDecimalInput(raw)).toEqual({ ok: false, message });
  });

  it('honours maxPlaces', () => {
    expect(parseDecimalInput('1.5', { maxPlaces: 0 })).toEqual({ ok: false, message: '“1.5”须为整数' });
    expect(parseDecimalInput('1.55', { maxPlaces: 1 })).toEqual({ ok: false, message: '“1.55”最多保留1位小数' });
  });

  it('reads back every DecimalString and its thousands display (property)', () => {
    fc.assert(
      fc.property(decimal, (d) => {
        const r = parseDecimalInput(d);
        expect(r.ok && r.value).toBe(d);
        const shown = parseDecimalInput(formatDecimal(d));
        expect(shown.ok && shown.value).toBe(d);
      }),
    );
  });
});
