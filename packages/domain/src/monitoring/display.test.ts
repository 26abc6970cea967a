import { describe, expect, it } from 'vitest';
import { formatDecimal } from './decimal.js';
import { formatCount, formatIndicatorValue, formatPercent, isCountUnit } from './display.js';

describe('formatDecimal with places as a number', () => {
  it.each([
    ['1234.5', 2, '1,234.50'],
    ['1.005', 2, '1.01'], // a float gives 1.00 (1.005 is 1.00499… in binary)
    ['1.045', 2, '1.05'], // toFixed gives 1.04
    ['-0.005', 2, '-0.01'],
    ['0.004', 2, '0.00'],
    ['1234567', 0, '1,234,567'],
  ] as const)('formatDecimal(%s, %i) = %s', (v, places, text) => {
    expect(formatDecimal(v, places)).toBe(text);
  });
  it('rounds half away from zero where Number#toFixed gives the wrong last digit', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(formatDecimal('1.005', 2)).toBe('1.01');
  });
});

describe('formatPercent', () => {
  it.each([
    ['56.149', 2, '56.15%'],
    ['56.145', 2, '56.15%'],
    ['1.045', 2, '1.05%'], // (1.045).toFixed(2) is '1.04'
    ['100', 0, '100%'],
    ['12345.6', 1, '12,345.6%'],
  ] as const)('formatPercent(%s, %i) = %s', (v, places, text) => {
    expect(formatPercent(v, places)).toBe(text);
  });
  it('defaults to two places', () => {
    expect(formatPercent('50')).toBe('50.00%');
  });
});

describe('formatCount', () => {
  it.each([
    ['9.07', '9'],
    ['11784.29', '11,784'],
    ['9.5', '10'],
    ['-2.5', '-3'],
    ['13000', '13,000'],
  ] as const)('formatCount(%s) = %s', (v, text) => {
    expect(formatCount(v)).toBe(text);
  });
});

describe('count units', () => {
  it.each(['个', '家', '项', '人', '件'])('%s is a count', (u) => expect(isCountUnit(u)).toBe(true));
  it.each(['%', '亿元', '件/万人', '人年/万人', '万元/人', ''])('%s is not a count', (u) => expect(isCountUnit(u)).toBe(false));
  it('an expected value of a count indicator is shown in whole units (9.07个 → 9, 11784.29家 → 11,784)', () => {
    expect(formatIndicatorValue('9.07', '个')).toBe('9');
    expect(formatIndicatorValue('11784.29', '家')).toBe('11,784');
    expect(formatIndicatorValue('2.345', '%')).toBe('2.345');
    expect(formatIndicatorValue(null, '家')).toBeNull();
  });
});
