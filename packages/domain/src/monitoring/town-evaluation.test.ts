import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal } from './decimal.js';
import { evaluateTowns, type TownIndicator, type TownInput } from './town-evaluation.js';

const indicators: TownIndicator[] = [
  { code: 'rd', name: 'R&D经费投入强度', weight: 40, direction: 'higher' },
  { code: 'hte', name: '高新技术企业数', weight: 35, direction: 'higher' },
  { code: 'energy', name: '单位增加值能耗', weight: 25, direction: 'lower' },
];

const towns: TownInput[] = [
  { code: 'zx', name: '中河街道', values: { rd: '3.2', hte: '40', energy: '0.5' } },
  { code: 'sx', name: '首南街道', values: { rd: '2.0', hte: '60', energy: '0.3' } },
  { code: 'jc', name: '姜山镇', values: { rd: '1.2', hte: '20', energy: null } },
  { code: 'dw', name: '东吴镇', values: { rd: '3.2', hte: '40', energy: '0.5' } },
];

describe('P315-7 镇乡（街道）科技创新能力评价', () => {
  it('P315-7 scores 0–100 by min–max normalisation, direction-aware, and ranks with shared ranks', () => {
    const r = evaluateTowns({ indicators, towns });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.towns.map((t) => [t.code, t.score, t.rank])).toEqual([
      // 首南: rd (2.0−1.2)/2.0·40 = 16, hte 35, energy best 25.
      ['sx', '76.00', 1],
      // 东吴 and 中河: rd 40, hte (40−20)/40·35 = 17.5, energy worst 0; same score, same rank, by code.
      ['dw', '57.50', 2],
      ['zx', '57.50', 2],
      // 姜山: worst on rd and hte, energy missing → 0 and listed.
      ['jc', '0.00', 4],
    ]);
    const sx = r.towns[0]!;
    expect(sx.contributions).toEqual([
      { indicatorCode: 'rd', value: '2.0', normalised: '40.00', points: '16.00' },
      { indicatorCode: 'hte', value: '60', normalised: '100.00', points: '35.00' },
      { indicatorCode: 'energy', value: '0.3', normalised: '100.00', points: '25.00' },
    ]);
    expect(r.towns[3]!.missing).toEqual(['energy']);
    expect(r.towns[3]!.contributions[2]).toEqual({ indicatorCode: 'energy', value: null, normalised: '0.00', points: '0.00' });
  });

  it('P315-7 when every town has the same value, each reporting town gets the full weight', () => {
    const r = evaluateTowns({
      indicators: [{ code: 'a', name: 'A', weight: 100, direction: 'higher' }],
      towns: [
        { code: 't1', name: '甲', values: { a: '5' } },
        { code: 't2', name: '乙', values: { a: '5' } },
        { code: 't3', name: '丙', values: {} },
      ],
    });
    expect(r.ok && r.towns.map((t) => [t.code, t.score, t.rank, t.missing])).toEqual([
      ['t1', '100.00', 1, []],
      ['t2', '100.00', 1, []],
      ['t3', '0.00', 3, ['a']],
    ]);
  });

  it('P315-7 refuses inconsistent input in Chinese', () => {
    const r = evaluateTowns({
      indicators: [
        { code: 'a', name: 'A', weight: 60, direction: 'higher' },
        { code: 'a', name: 'B', weight: 30.5, direction: 'higher' },
        { code: 'c', name: 'C', weight: 10, direction: 'sideways' as never },
      ],
      towns: [
        { code: 't1', name: '甲', values: { a: 'x', z: '1' } },
        { code: 't1', name: '乙', values: {} },
      ],
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        '指标“B”的权重须为0到100之间的整数（百分比）',
        '指标“C”的方向无效',
        '指标代码“a”重复',
        '指标权重之和须为100，现为70',
        '镇乡（街道）代码“t1”重复',
        '甲：指标“a”的值“x”不是有效的数值',
        '甲：指标代码“z”不在评价指标中',
      ],
    });
    expect(evaluateTowns({ indicators: [], towns: [] })).toEqual({ ok: false, errors: ['请至少设置一项评价指标', '请至少列出一个镇乡（街道）'] });
  });

  it('scores stay within 0–100 and improving one value never lowers that town’s score (property)', () => {
    const value = fc.option(fc.integer({ min: 0, max: 1000 }).map(String), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 50 }), (rows, bump) => {
        const input = (rs: typeof rows) => ({ indicators, towns: rs.map(([a, b, c], i) => ({ code: `t${i}`, name: `镇${i}`, values: { rd: a, hte: b, energy: c } })) });
        const r = evaluateTowns(input(rows));
        if (!r.ok) throw new Error(r.errors.join());
        for (const t of r.towns) expect(compareDecimal(t.score, '0') >= 0 && compareDecimal(t.score, '100') <= 0).toBe(true);
        const [a, b, c] = rows[0]!;
        if (a === null) return;
        const better = evaluateTowns(input([[String(Number(a) + bump), b, c], ...rows.slice(1)]));
        if (!better.ok) throw new Error(better.errors.join());
        const before = r.towns.find((t) => t.code === 't0')!.score;
        const after = better.towns.find((t) => t.code === 't0')!.score;
        expect(compareDecimal(after, before)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
