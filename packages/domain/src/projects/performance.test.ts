import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PERFORMANCE_CLASSES,
  PERFORMANCE_WEIGHTS,
  evaluatePerformance,
  formatCentiPoints,
  indicatorAchievement,
  meanCenti,
  performanceClassOf,
  performanceGrade,
  type PerformanceInput,
} from './performance.js';
import type { TaskBookContent } from './task-book.js';

const indicators: TaskBookContent['indicators'] = [
  { kind: 'technical', name: '模具寿命', unit: '模次', currentValue: '50000', targetValue: '100000', verification: '检测', core: true },
  { kind: 'technical', name: '废品率', unit: '%', currentValue: '5', targetValue: '≤ 2', verification: '检测', core: true },
  { kind: 'economic', name: '新增销售收入', unit: '万元', currentValue: '0', targetValue: '5000', verification: '审计', core: false },
  { kind: 'technical', name: '形成行业标准', unit: '项', currentValue: '无', targetValue: '主导制定行业标准', verification: '文件', core: false },
];
const input = (over: Partial<PerformanceInput> = {}): PerformanceInput => ({
  indicators: [{ index: 0, achieved: '90000' }, { index: 1, achieved: '2.5' }, { index: 2, achieved: '6000' }, { index: 3, achieved: '已报批', met: true }],
  scores: { benefit: 8000, budget: 9000, management: 8500 },
  comment: '演示',
  ...over,
});

describe('performance evaluation (绩效评价, BL-12, P315-4)', () => {
  it('achievement: higher-is-better achieved/target, lower-is-better target/achieved, capped at 1; text targets judged', () => {
    expect(indicatorAchievement('100000', '90000', null)).toEqual({ num: 90000000000n, den: 100000000000n, how: 'numeric' });
    expect(meanCenti([indicatorAchievement('≤ 2', '2.5', null)!])).toBe(8000);
    expect(meanCenti([indicatorAchievement('5000', '6000', null)!])).toBe(10000);
    expect(indicatorAchievement('主导制定行业标准', '已报批', true)).toEqual({ num: 1n, den: 1n, how: 'judged' });
    expect(indicatorAchievement('主导制定行业标准', '已报批', null)).toBeNull();
  });

  it('P315-4 classified evaluation: the NB-3 task type picks the weights; the score is exact integer centi-points', () => {
    const r = evaluatePerformance(indicators, 'commonTechnology', false, input());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // technical: mean(0.9, 0.8, 1) = 0.9 → 9000; economic 10000; benefit 8000; budget 9000; management 8500.
    expect(r.result.components.map((c) => [c.key, c.scoreCenti, c.counted])).toEqual([['technical', 9000, true], ['economic', 10000, true], ['benefit', 8000, true], ['budget', 9000, true], ['management', 8500, true]]);
    // (40×9000 + 10×10000 + 20×8000 + 15×9000 + 15×8500) / 100 = 8825
    expect(r.result.totalCenti).toBe(8825);
    expect(r.result.grade).toBe('good');
    const t = evaluatePerformance(indicators, 'achievementTransfer', false, input());
    expect(t.ok && t.result.totalCenti).toBe((20 * 9000 + 30 * 10000 + 20 * 8000 + 15 * 9000 + 15 * 8500) / 100);
  });

  it('P315-4 lump-sum (包干制): evaluated on outcomes only, no budget-execution component', () => {
    const r = evaluatePerformance(indicators, 'commonTechnology', true, input({ scores: { benefit: 8000 } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.components.filter((c) => c.counted).map((c) => c.key)).toEqual(['technical', 'economic', 'benefit']);
    // (40×9000 + 10×10000 + 20×8000) / 70 = 8857.14… → 8857
    expect(r.result.totalCenti).toBe(8857);
    expect(r.result.lumpSum).toBe(true);
  });

  it('a missing value or a non-numeric indicator without judgement is a problem, not a score', () => {
    const r = evaluatePerformance(indicators, 'general', false, input({ indicators: [{ index: 0, achieved: '1' }, { index: 3, achieved: '未完成' }], scores: { benefit: 1 } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['indicators.1', 'indicators.2', 'indicators.3', 'scores.budget', 'scores.management']);
  });

  it('grades at 90 / 80 / 60 (settings), classes default to general', () => {
    expect([9000, 8999, 8000, 7999, 6000, 5999].map(performanceGrade)).toEqual(['excellent', 'good', 'good', 'pass', 'pass', 'fail']);
    expect(performanceClassOf('demonstration')).toBe('demonstration');
    expect(performanceClassOf(undefined)).toBe('general');
    expect(formatCentiPoints(8857)).toBe('88.57');
    expect(formatCentiPoints(5)).toBe('0.05');
    for (const c of PERFORMANCE_CLASSES) expect(Object.values(PERFORMANCE_WEIGHTS[c]).reduce((s, w) => s + w, 0)).toBe(100);
  });

  it('property: the total lies between the lowest and highest counted component score', () => {
    fc.assert(fc.property(fc.constantFrom(...PERFORMANCE_CLASSES), fc.boolean(), fc.array(fc.integer({ min: 0, max: 200000 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), (cls, lump, achieved, b, g, m) => {
      const r = evaluatePerformance(indicators, cls, lump, input({ indicators: achieved.map((a, index) => ({ index, achieved: String(a), met: a % 2 === 0 })), scores: { benefit: b, budget: g, management: m } }));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const counted = r.result.components.filter((c) => c.counted).map((c) => c.scoreCenti);
      expect(r.result.totalCenti).toBeGreaterThanOrEqual(Math.min(...counted));
      expect(r.result.totalCenti).toBeLessThanOrEqual(Math.max(...counted));
      expect(Number.isInteger(r.result.totalCenti)).toBe(true);
    }));
  });
});
