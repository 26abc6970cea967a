import { describe, expect, it } from 'vitest';
import { planFunding } from '../funding-plan/plan.js';
import type { FundingPlanInput } from '../funding-plan/types.js';
import { computeFunding } from '../programmes/funding.js';
import { YJ_2035 } from '../programmes/data/yj-2035.js';
import { applyOverrides, meritDifferenceText, selectionProblems } from './funding-plan-selection.js';

const WAN = 10_000;
const input: FundingPlanInput = {
  budgetYuan: 400 * WAN,
  categories: [{ code: 'chain', name: '强链', countCap: 2 }, { code: 'leading', name: '领军', budgetCapYuan: 250 * WAN }],
  candidates: [
    { applicationNo: 'A1', score: 9000, requestedYuan: 300 * WAN, computedYuan: 300 * WAN, category: 'chain', submittedAt: '2026-03-01T09:00:00+08:00' },
    { applicationNo: 'A2', score: 8800, requestedYuan: 300 * WAN, computedYuan: 200 * WAN, category: 'chain', submittedAt: '2026-03-01T09:00:00+08:00', higherLevelYuan: 100 * WAN },
    { applicationNo: 'A3', score: 8600, requestedYuan: 300 * WAN, computedYuan: 0, category: 'chain', submittedAt: '2026-03-01T09:00:00+08:00', higherLevelYuan: 400 * WAN },
    { applicationNo: 'A4', score: 8400, requestedYuan: 200 * WAN, computedYuan: 200 * WAN, category: 'leading', submittedAt: '2026-03-01T09:00:00+08:00' },
    { applicationNo: 'L5', score: 8300, requestedYuan: 100 * WAN, computedYuan: 100 * WAN, category: 'leading', submittedAt: '2026-03-01T09:00:00+08:00' },
    { applicationNo: 'C6', score: 8200, requestedYuan: 10 * WAN, computedYuan: 10 * WAN, category: 'chain', submittedAt: '2026-03-01T09:00:00+08:00' },
  ],
};

describe('funding plan overrides (调整)', () => {
  it('BL-4: the engine\'s own plan passes the check; adding a candidate over the budget is refused with the exact shortfall', () => {
    const plan = planFunding(input);
    expect(selectionProblems(input, plan.selected)).toEqual([]);
    const over = selectionProblems(input, ['A1', 'A2']);
    expect(over).toEqual([expect.objectContaining({ kind: 'budget', shortfallYuan: 100 * WAN })]);
    expect(over[0]!.message).toContain('缺口 100万');
  });

  it('category budget and count caps are checked as the engine checks them', () => {
    const p = selectionProblems(input, ['A4', 'L5']);
    expect(p).toEqual([expect.objectContaining({ kind: 'categoryBudget', category: 'leading', shortfallYuan: 50 * WAN })]);
    const c = selectionProblems(input, ['A2', 'C6', 'A1']);
    expect(c.map((x) => x.kind).sort()).toEqual(['budget', 'categoryCount']);
  });

  it('BL-7: a candidate the higher level already funds in full (district amount 0) cannot be put in the plan', () => {
    expect(selectionProblems(input, ['A3'])).toEqual([expect.objectContaining({ kind: 'noDistrictFunds' })]);
    expect(selectionProblems(input, ['ZZ'])).toEqual([expect.objectContaining({ kind: 'unknown' })]);
  });

  it('overrides apply in order and the last one on a candidate wins', () => {
    expect(applyOverrides(['A1'], [{ applicationNo: 'A2', action: 'include', reason: 'x' }, { applicationNo: 'A1', action: 'exclude', reason: 'y' }])).toEqual(['A2']);
    expect(applyOverrides(['A1'], [{ applicationNo: 'A1', action: 'exclude', reason: 'y' }, { applicationNo: 'A1', action: 'include', reason: 'z' }])).toEqual(['A1']);
  });

  it('YJ-1: a 科创甬江2035 candidate takes at most its class ceiling (5,000万), and the plan stays within the ledger', () => {
    const version = YJ_2035.versions[0]!;
    const quote = computeFunding(version, 'key-rd', { totalInvestmentYuan: 20_000 * WAN, requestedYuan: 6_000 * WAN, overlaps: [] });
    expect(quote.subsidyYuan).toBe(5_000 * WAN);
    expect(quote.applied.some((a) => a.rule === 'YJ-1')).toBe(true);
    const yj: FundingPlanInput = {
      budgetYuan: 8_000 * WAN,
      categories: [{ code: 'key-rd', name: '重点研发项目' }],
      candidates: [
        { applicationNo: 'Y1', score: 9100, requestedYuan: 6_000 * WAN, computedYuan: quote.subsidyYuan, category: 'key-rd', submittedAt: '2026-03-01T09:00:00+08:00' },
        { applicationNo: 'Y2', score: 9000, requestedYuan: 4_000 * WAN, computedYuan: 4_000 * WAN, category: 'key-rd', submittedAt: '2026-03-01T09:00:00+08:00' },
      ],
    };
    const plan = planFunding(yj);
    expect(plan.totalYuan).toBeLessThanOrEqual(yj.budgetYuan);
    expect(selectionProblems(yj, ['Y1', 'Y2'])[0]).toMatchObject({ kind: 'budget', shortfallYuan: 1_000 * WAN });
  });

  it('the difference from the merit-order fill is said in one Chinese sentence', () => {
    expect(meritDifferenceText({ onlyInPlan: [], onlyInMeritOrder: [], objectiveDelta: 0 }, 'score', 100)).toContain('相同');
    expect(meritDifferenceText({ onlyInPlan: ['A2', 'A4'], onlyInMeritOrder: ['A1'], objectiveDelta: 8200 }, 'score', 100)).toContain('总分高出 82.00 分');
  });
});
