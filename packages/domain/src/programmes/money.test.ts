import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorRatio, MAX_AMOUNT_YUAN, formatRatio, formatWan, formatYuan, parseWan, wanToYuan, yuanToWan } from './money.js';

describe('万元 ↔ 元', () => {
  it.each([
    [300, 3_000_000],
    ['300', 3_000_000],
    [12.5, 125_000],
    [12.3456, 123_456],
    ['12.3456', 123_456],
    ['1,250', 12_500_000],
    ['0.0001', 1],
    ['12.34560', 123_456],
    [0, 0],
    ['-5', -50_000],
  ] as const)('wanToYuan(%j) = %d exactly', (wan, yuan) => {
    expect(wanToYuan(wan)).toBe(yuan);
  });

  it.each([[12.34567], ['0.00001'], ['abc'], [''], [Number.NaN], [Infinity], [1e-7], ['1e3'], ['9007199254740.9924']])('refuses %j rather than round it', (wan) => {
    expect(() => wanToYuan(wan)).toThrow(RangeError);
    expect(parseWan(wan).ok).toBe(false);
  });

  it('names the precision limit in Chinese', () => {
    const r = parseWan('1.23456');
    expect(r).toEqual({ ok: false, message: '万元金额最多保留4位小数（精确到元）' });
  });

  it('round-trips every integer 元 amount up to the limit through 万元 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT_YUAN, max: MAX_AMOUNT_YUAN }), (yuan) => {
        expect(wanToYuan(yuanToWan(yuan))).toBe(yuan);
        expect(wanToYuan(formatWan(yuan).replace('万', ''))).toBe(yuan);
      }),
    );
  });

  it('refuses fractional 元', () => {
    expect(() => yuanToWan(1.5)).toThrow(RangeError);
    expect(() => formatWan(0.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });
});

describe('display', () => {
  it.each([
    [3_000_000, '300万'],
    [125_000, '12.5万'],
    [12_500_000, '1,250万'],
    [123_456, '12.3456万'],
    [200_000_000, '20,000万'],
    [1, '0.0001万'],
    [0, '0万'],
    [-125_000, '-12.5万'],
  ])('formatWan(%d) = %s', (yuan, text) => {
    expect(formatWan(yuan)).toBe(text);
  });

  it.each([
    [1_234_567, '1,234,567元'],
    [0, '0元'],
    [999, '999元'],
    [-1000, '-1,000元'],
  ])('formatYuan(%d) = %s', (yuan, text) => {
    expect(formatYuan(yuan)).toBe(text);
  });

  it.each([
    [{ num: 3, den: 10 }, '30%'],
    [{ num: 1, den: 8 }, '12.5%'],
    [{ num: 1, den: 3 }, '1/3'],
    [{ num: 1, den: 1 }, '100%'],
  ])('formatRatio(%j) = %s', (ratio, text) => {
    expect(formatRatio(ratio)).toBe(text);
  });
});

describe('floorRatio', () => {
  it('BL-5 rounds 30% down to the 元: 30% of 1,000,001元 is 300,000元, never 300,001', () => {
    expect(floorRatio(1_000_001, { num: 3, den: 10 })).toBe(300_000);
    expect(floorRatio(1_000_009, { num: 3, den: 10 })).toBe(300_002);
  });

  it('is exact where float multiplication is not (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }), (yuan, a, b) => {
        // Subsidy ratios are at most 100%.
        const [num, den] = a <= b ? [a, b] : [b, a === 0 ? 1 : a];
        const r = floorRatio(yuan, { num, den });
        expect(BigInt(r) * BigInt(den) <= BigInt(yuan) * BigInt(num)).toBe(true);
        expect((BigInt(r) + 1n) * BigInt(den) > BigInt(yuan) * BigInt(num)).toBe(true);
      }),
    );
  });
});

describe('the upper limit of an amount', () => {
  it('parseWan refuses more than 1万亿元 and says the limit in 万元', () => {
    expect(parseWan('100000000')).toEqual({ ok: true, yuan: 1_000_000_000_000 });
    expect(parseWan('100000000.0001')).toEqual({ ok: false, message: '金额过大，不能超过100,000,000万元' });
    expect(parseWan('99999999999999999')).toEqual({ ok: false, message: '金额过大，不能超过100,000,000万元' });
    expect(parseWan('-100000000')).toEqual({ ok: true, yuan: -1_000_000_000_000 });
  });
});
