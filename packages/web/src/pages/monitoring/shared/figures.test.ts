import { describe, expect, it } from 'vitest';
import { changePercent, countText, figureText, percentText, withUnit } from './figures';

describe('monitoring figures on the web go through the domain’s decimals', () => {
  it('expected values of count indicators read in whole units with separators (9.07个 → 9个, 11784.29家 → 11,784家)', () => {
    expect(withUnit('9.07', '个', true)).toBe('9个');
    expect(withUnit('11784.29', '家', true)).toBe('11,784家');
    expect(withUnit('11784.5', '家', true)).toBe('11,785家');
    // Other units keep at most two decimals, exactly rounded half up.
    expect(withUnit('9.117196', '亿元', true)).toBe('9.12亿元');
    expect(withUnit('1.005', '件/万人', true)).toBe('1.01件/万人');
    expect(withUnit('40', '%', true)).toBe('40%');
  });

  it('reported values keep every digit and gain thousands separators', () => {
    expect(withUnit('12345.6', '人', false)).toBe('12,345.6人');
    expect(figureText('13000', '家')).toBe('13,000');
    expect(figureText(null, '家')).toBeNull();
    expect(countText(1234567)).toBe('1,234,567');
  });

  it('percentages and changes are exact, never through a float', () => {
    expect(percentText('56.149')).toBe('56.15%');
    expect(percentText('96.5')).toBe('96.5%');
    // 0.1 + 0.2 style: (1.3 − 1.1) / 1.1 = 18.1818…% → 18.18, where float maths gives 18.18181818181819.
    expect(changePercent('1.3', '1.1')).toBe('18.18');
    expect(changePercent('1.0005', '1')).toBe('0.05');
    expect(changePercent('5', '0')).toBeNull();
    expect(changePercent('5', null)).toBeNull();
  });
});
