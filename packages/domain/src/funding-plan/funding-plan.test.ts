import highsImport, { type Highs } from 'highs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FundingPlanInputError, meritOrderFill, planFunding, submittedMs, toCplexLp, validateFundingPlanInput } from './index.js';
import type { FundingCandidate, FundingPlanInput, FundingPlanResult } from './index.js';

// highs ships CommonJS typings: TypeScript sees the default import as the module object, while Node's ESM
// entry (build/highs.mjs) hands over the loader function itself. Accept both.
type Loader = typeof highsImport.default;
const highsLoader: Loader = (highsImport as unknown as { default?: Loader }).default ?? (highsImport as unknown as Loader);
let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

// ------------------------------------------------------------------ independent reference helpers

/** BL-4 order, written out again so the test does not trust the engine's comparator. */
function rankOf(cands: readonly FundingCandidate[]): FundingCandidate[] {
  // Only an explicit offset makes text an instant; Date.parse is exact (and host-independent) for the
  // ECMAScript date-time format WITH an offset, which is all this reference accepts.
  const t = (c: FundingCandidate) => {
    if (typeof c.submittedAt === 'number') return c.submittedAt;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?(Z|[+-]\d{2}:\d{2})$/.test(c.submittedAt)) throw new Error(`reference: no offset in ${c.submittedAt}`);
    return Date.parse(c.submittedAt);
  };
  return [...cands].sort((a, b) => b.score - a.score || t(a) - t(b) || (a.applicationNo < b.applicationNo ? -1 : a.applicationNo > b.applicationNo ? 1 : 0));
}

const weight = (input: FundingPlanInput, c: FundingCandidate) => ((input.objective ?? 'score') === 'score' ? c.score : c.score * c.computedYuan);

/** Every cap of the input, checked on a set of application numbers. */
function capViolations(input: FundingPlanInput, selected: readonly string[]): string[] {
  const by = new Map(input.candidates.map((c) => [c.applicationNo, c]));
  const out: string[] = [];
  let total = 0;
  for (const cat of input.categories) {
    const members = selected.map((no) => by.get(no)!).filter((c) => c.category === cat.code);
    const amount = members.reduce((s, c) => s + c.computedYuan, 0);
    if (cat.budgetCapYuan != null && amount > cat.budgetCapYuan) out.push(`${cat.code} budget`);
    if (cat.countCap != null && members.length > cat.countCap) out.push(`${cat.code} count`);
  }
  for (const no of selected) total += by.get(no)!.computedYuan;
  if (total > input.budgetYuan) out.push('budget');
  if (selected.some((no) => by.get(no)!.computedYuan === 0)) out.push('zero-amount candidate selected');
  return out;
}

/** Exhaustive: the maximal objective, and among the sets reaching it the lexicographically greatest in BL-4 order. */
function bruteForce(input: FundingPlanInput): { objective: number; selected: string[] } {
  const ranked = rankOf(input.candidates).filter((c) => c.computedYuan > 0);
  const n = ranked.length;
  let bestObj = -1;
  let bestMask = -1;
  for (let mask = 0; mask < 1 << n; mask++) {
    // Bit n−1−r stands for rank r, so a greater mask is lexicographically greater in merit order.
    const chosen = ranked.filter((_, r) => mask & (1 << (n - 1 - r)));
    if (capViolations(input, chosen.map((c) => c.applicationNo)).length) continue;
    const obj = chosen.reduce((s, c) => s + weight(input, c), 0);
    if (obj > bestObj || (obj === bestObj && mask > bestMask)) {
      bestObj = obj;
      bestMask = mask;
    }
  }
  return { objective: bestObj, selected: ranked.filter((_, r) => bestMask & (1 << (n - 1 - r))).map((c) => c.applicationNo) };
}

/**
 * The MIP written straight from the raw input, as the issue defines it — NOT from the engine's
 * toCplexLp/preparePlan: one binary per candidate with a district amount (computedYuan > 0; BL-7 zeros
 * are outside the plan), objective Σ score (or Σ score × computedYuan), the budget row and each
 * category's budget and count caps, all in raw 元 with no rescaling.
 */
function independentLp(input: FundingPlanInput): string {
  const kind = input.objective ?? 'score';
  const cols = input.candidates.map((c, i) => ({ c, v: `y${i}` })).filter(({ c }) => c.computedYuan > 0);
  const sum = (xs: { c: FundingCandidate; v: string }[], coef: (c: FundingCandidate) => number) => (xs.length ? xs.map(({ c, v }) => `${coef(c)} ${v}`).join(' + ') : null);
  const lines = ['Maximize', ` obj: ${sum(cols, (c) => (kind === 'score' ? c.score : c.score * c.computedYuan)) ?? '0 dummy'}`, 'Subject To'];
  const budget = sum(cols, (c) => c.computedYuan);
  lines.push(budget ? ` budget: ${budget} <= ${input.budgetYuan}` : ' budget: 0 dummy <= 0');
  input.categories.forEach((cat, k) => {
    const members = cols.filter(({ c }) => c.category === cat.code);
    if (!members.length) return;
    if (cat.budgetCapYuan != null) lines.push(` catcap${k}: ${sum(members, (c) => c.computedYuan)} <= ${cat.budgetCapYuan}`);
    if (cat.countCap != null) lines.push(` catcount${k}: ${sum(members, () => 1)} <= ${cat.countCap}`);
  });
  lines.push('Binary', ` ${cols.length ? cols.map(({ v }) => v).join(' ') : 'dummy'}`, 'End');
  return lines.join('\n');
}

function highsOptimum(input: FundingPlanInput): number {
  const sol = highs.solve(independentLp(input), { mip_rel_gap: 0, mip_abs_gap: 0, output_flag: false, log_to_console: false } as never);
  expect(sol.Status).toBe('Optimal');
  return Math.round(sol.ObjectiveValue);
}

/** Every explanation agrees with the plan it belongs to. */
function checkExplanations(input: FundingPlanInput, res: FundingPlanResult): void {
  const by = new Map(input.candidates.map((c) => [c.applicationNo, c]));
  const selected = new Set(res.selected);
  const total = res.selected.reduce((s, no) => s + by.get(no)!.computedYuan, 0);
  expect(res.totalYuan).toBe(total);
  expect(res.candidates.map((d) => d.applicationNo)).toEqual(rankOf(input.candidates).map((c) => c.applicationNo));
  for (const d of res.candidates) {
    const c = by.get(d.applicationNo)!;
    expect(d.amountYuan).toBe(c.computedYuan);
    expect(d.explanation).toMatch(/^综合排名第\d+\/\d+/);
    if (d.status === 'selected') {
      expect(selected.has(d.applicationNo)).toBe(true);
      expect(d.explanation).toContain('入选');
      expect(d.explanation).not.toContain('未入选：');
      continue;
    }
    expect(selected.has(d.applicationNo)).toBe(false);
    if (d.status === 'noDistrictFunds') {
      expect(c.computedYuan).toBe(0);
      continue;
    }
    // Out: it really does not fit beside the others, and every stated reason is a real one.
    expect(d.reasons.length).toBeGreaterThan(0);
    const cat = input.categories.find((k) => k.code === c.category)!;
    const members = res.selected.map((no) => by.get(no)!).filter((m) => m.category === c.category);
    const catAmount = members.reduce((s, m) => s + m.computedYuan, 0);
    for (const r of d.reasons) {
      if (r.kind === 'budget') {
        expect(total + c.computedYuan).toBeGreaterThan(input.budgetYuan);
        expect(r.shortfallYuan).toBe(total + c.computedYuan - input.budgetYuan);
        expect(d.explanation).toContain('年度可用预算');
      } else if (r.kind === 'categoryBudget') {
        expect(catAmount + c.computedYuan).toBeGreaterThan(cat.budgetCapYuan!);
        expect(r.shortfallYuan).toBe(catAmount + c.computedYuan - cat.budgetCapYuan!);
        expect(d.explanation).toContain('类预算上限');
      } else {
        expect(members.length).toBe(cat.countCap);
        expect(d.explanation).toContain('名额上限');
      }
    }
    // Constraints not listed do not bind.
    if (!d.reasons.some((r) => r.kind === 'budget')) expect(total + c.computedYuan).toBeLessThanOrEqual(input.budgetYuan);
    // "What it would take" is exactly enough: with those relaxations it fits beside all the others.
    const t = d.toGetIn!;
    const relaxed: FundingPlanInput = {
      ...input,
      budgetYuan: input.budgetYuan + t.budgetIncreaseYuan,
      categories: input.categories.map((k) =>
        k.code === c.category
          ? { ...k, budgetCapYuan: k.budgetCapYuan == null ? k.budgetCapYuan : k.budgetCapYuan + t.categoryBudgetIncreaseYuan, countCap: k.countCap == null ? k.countCap : k.countCap + t.categoryCountIncrease }
          : k,
      ),
    };
    expect(capViolations(relaxed, [...res.selected, d.applicationNo])).toEqual([]);
  }
}

// ------------------------------------------------------------------ generators

const CODES = ['leading', 'chain', 'incubation'] as const;

/** Random instances; `tied` draws scores, amounts and times from tiny sets so ties are everywhere. */
const instanceArb = (opts: { minN: number; maxN: number; tied: boolean }) =>
  fc
    .record({
      n: fc.integer({ min: opts.minN, max: opts.maxN }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      objective: fc.constantFrom('score' as const, 'scoreWeightedAmount' as const),
      budgetShare: fc.integer({ min: 10, max: 80 }),
      caps: fc.array(fc.record({ budget: fc.option(fc.integer({ min: 10, max: 70 })), count: fc.option(fc.integer({ min: 0, max: opts.tied ? 3 : 12 })) }), { minLength: 3, maxLength: 3 }),
    })
    .map(({ n, seed, objective, budgetShare, caps }) => {
      let s = seed;
      const rnd = () => {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        return s / 2 ** 32;
      };
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const candidates: FundingCandidate[] = Array.from({ length: n }, (_, i) => {
        const category = pick(CODES);
        const lo = category === 'leading' ? 100 : category === 'chain' ? 50 : 10;
        const hi = category === 'leading' ? 500 : category === 'chain' ? 300 : 100;
        const requested = opts.tied ? pick([20, 30, 50]) * 10_000 : Math.round((lo + rnd() * (hi - lo)) * 10) * 1000;
        const computed = rnd() < 0.1 ? 0 : rnd() < 0.2 ? Math.round((requested * 0.7) / 1000) * 1000 : requested;
        return {
          applicationNo: `KC-${String(i).padStart(3, '0')}`,
          score: opts.tied ? pick([800, 850, 900]) : 600 + Math.floor(rnd() * 351),
          requestedYuan: requested,
          computedYuan: computed,
          category,
          submittedAt: opts.tied ? pick([0, 1]) : `2025-03-0${1 + Math.floor(rnd() * 9)}T0${Math.floor(rnd() * 10)}:00:00+08:00`,
        };
      });
      const total = candidates.reduce((a, c) => a + c.computedYuan, 0);
      const input: FundingPlanInput = {
        candidates,
        budgetYuan: Math.floor((total * budgetShare) / 100),
        scoreScale: 10,
        objective,
        categories: CODES.map((code, k) => ({
          code,
          name: ['领军', '强链', '育成'][k]!,
          budgetCapYuan: caps[k]!.budget === null ? null : Math.floor((total * caps[k]!.budget) / 100),
          countCap: caps[k]!.count,
        })),
      };
      return input;
    });

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ------------------------------------------------------------------ tests

describe('funding plan: exact optimum', () => {
  it('BL-4 objective equals HiGHS on random instances of 10–60 candidates, within every cap', () => {
    fc.assert(
      fc.property(instanceArb({ minN: 10, maxN: 60, tied: false }), (input) => {
        const res = planFunding(input);
        expect(res.optimal).toBe(true);
        expect(res.tieBreakProven).toBe(true);
        expect(res.bestBound).toBe(res.objective);
        expect(capViolations(input, res.selected)).toEqual([]);
        expect(res.objective).toBe(res.selected.reduce((s, no) => s + weight(input, input.candidates.find((c) => c.applicationNo === no)!), 0));
        expect(res.objective).toBe(highsOptimum(input));
        // The merit-order fill is feasible too, so it can never beat the optimum.
        expect(capViolations(input, res.meritOrder.selected)).toEqual([]);
        expect(res.difference.objectiveDelta).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60, seed: 20250301 },
    );
  }, 60_000);

  it('BL-4 equals HiGHS on call-shaped instances (80–150 candidates, binding count and budget caps, BL-7 zeros)', () => {
    // Shaped like a district call: 领军 100–500万, 强链 50–300万, 育成 10–100万, scores 60.0–95.0, a budget of a
    // quarter of the requests and caps that bind, so fixing, dominance and the count multipliers all do work.
    fc.assert(
      fc.property(fc.integer({ min: 80, max: 150 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom('score' as const, 'scoreWeightedAmount' as const), (n, seed, objective) => {
        let s = seed;
        const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
        const ranges = { leading: [100, 500], chain: [50, 300], incubation: [10, 100] } as const;
        const candidates: FundingCandidate[] = Array.from({ length: n }, (_, i) => {
          const u = rnd();
          const category = u < 0.2 ? 'leading' : u < 0.55 ? 'chain' : 'incubation';
          const [lo, hi] = ranges[category];
          const step = rnd() < 0.7 ? 10_000 : 1000;
          const requested = Math.max(step, Math.round((Math.exp(Math.log(lo) + rnd() * Math.log(hi / lo)) * 10_000) / step) * step);
          const computed = rnd() < 0.05 ? 0 : rnd() < 0.15 ? Math.round((requested * (0.6 + 0.35 * rnd())) / 1000) * 1000 : requested;
          return { applicationNo: `KC${String(i).padStart(4, '0')}`, score: 600 + Math.floor(rnd() * 351), requestedYuan: requested, computedYuan: computed, category, submittedAt: Math.floor(rnd() * 50) };
        });
        const total = candidates.reduce((a, c) => a + c.computedYuan, 0);
        const budget = Math.floor(total / 4 / 10_000) * 10_000;
        const input: FundingPlanInput = {
          candidates,
          budgetYuan: budget,
          scoreScale: 10,
          objective,
          categories: [
            { code: 'leading', name: '领军', budgetCapYuan: Math.floor(budget * 0.45), countCap: Math.round(n * 0.04) },
            { code: 'chain', name: '强链', budgetCapYuan: Math.floor(budget * 0.4) },
            { code: 'incubation', name: '育成', budgetCapYuan: Math.floor(budget * 0.3), countCap: Math.round(n * 0.12) },
          ],
        };
        const res = planFunding(input);
        expect(res.optimal).toBe(true);
        expect(capViolations(input, res.selected)).toEqual([]);
        expect(res.objective).toBe(highsOptimum(input));
      }),
      { numRuns: 8, seed: 8 },
    );
  }, 60_000);

  it('BL-4 the chosen set is the unique optimum under the published tie-break (exhaustive check, heavy ties)', () => {
    fc.assert(
      fc.property(instanceArb({ minN: 4, maxN: 13, tied: true }), (input) => {
        const res = planFunding(input);
        const ref = bruteForce(input);
        expect(res.objective).toBe(ref.objective);
        expect(res.selected).toEqual(ref.selected);
      }),
      { numRuns: 150, seed: 4 },
    );
  });

  it('BL-4 the same inputs in any order give the same plan, explanations included', () => {
    fc.assert(
      fc.property(instanceArb({ minN: 10, maxN: 40, tied: true }), fc.integer({ min: 1, max: 1e9 }), (input, seed) => {
        const a = planFunding(input);
        const b = planFunding({ ...input, candidates: shuffled(input.candidates, seed), categories: shuffled(input.categories, seed + 1) });
        expect(b.selected).toEqual(a.selected);
        expect(b.objective).toBe(a.objective);
        expect(b.candidates).toEqual(a.candidates);
        expect(b.meritOrder).toEqual(a.meritOrder);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('explanations agree with the plan: every out candidate really does not fit beside the others', () => {
    fc.assert(
      fc.property(instanceArb({ minN: 10, maxN: 60, tied: false }), (input) => {
        checkExplanations(input, planFunding(input));
      }),
      { numRuns: 80, seed: 11 },
    );
  });

  it('BL-4 a cheaper but later candidate with the same score does not take the place of an earlier one', () => {
    // 育成 may fund one project: EARLY and LATE-CHEAP score the same, and either with D2 + D3 reaches the
    // optimum 245分 (the merit-order fill, D1 + EARLY, reaches 175分). The published order keeps EARLY.
    const c = (applicationNo: string, score: number, wan: number, category: string, submittedAt: number): FundingCandidate => ({
      applicationNo, score, requestedYuan: wan * 10_000, computedYuan: wan * 10_000, category, submittedAt,
    });
    const input: FundingPlanInput = {
      budgetYuan: 1_300_000,
      scoreScale: 10,
      categories: [{ code: 'incubation', name: '育成', countCap: 1 }, { code: 'chain', name: '强链' }],
      candidates: [c('LATE-CHEAP', 850, 30, 'incubation', 2), c('EARLY', 850, 50, 'incubation', 1), c('D1', 900, 80, 'chain', 0), c('D2', 800, 40, 'chain', 3), c('D3', 800, 40, 'chain', 4)],
    };
    const res = planFunding(input);
    expect(res.objective).toBe(2450);
    expect(res.selected).toEqual(['EARLY', 'D2', 'D3']);
    expect(res.meritOrder.selected).toEqual(['D1', 'EARLY']);
    expect(bruteForce(input).selected).toEqual(res.selected);
  });

  it('BL-4 equal scores: earlier submission wins, then the lower application number', () => {
    const base = { requestedYuan: 500_000, computedYuan: 500_000, category: 'c', score: 850 };
    const input: FundingPlanInput = {
      budgetYuan: 1_000_000,
      scoreScale: 10,
      categories: [{ code: 'c' }],
      candidates: [
        { ...base, applicationNo: 'KC-003', submittedAt: '2025-03-02T09:00:00+08:00' },
        { ...base, applicationNo: 'KC-002', submittedAt: '2025-03-01T10:00:00+08:00' },
        { ...base, applicationNo: 'KC-001', submittedAt: '2025-03-02T09:00:00+08:00' },
      ],
    };
    const res = planFunding(input);
    expect(res.selected).toEqual(['KC-002', 'KC-001']);
    expect(res.candidates.map((c) => c.rank)).toEqual([1, 2, 3]);
    expect(res.summary).toContain('方案唯一');
  });
});

describe('funding plan: merit order, explanations, rules', () => {
  // 100万 budget: A (90分, 60万) alone, or B + C (85 + 80 = 165分, 100万).
  const abc: FundingPlanInput = {
    budgetYuan: 1_000_000,
    scoreScale: 10,
    categories: [{ code: 'chain', name: '强链' }],
    candidates: [
      { applicationNo: 'A', score: 900, requestedYuan: 600_000, computedYuan: 600_000, category: 'chain', submittedAt: 1 },
      { applicationNo: 'B', score: 850, requestedYuan: 500_000, computedYuan: 500_000, category: 'chain', submittedAt: 2 },
      { applicationNo: 'C', score: 800, requestedYuan: 600_000, computedYuan: 500_000, category: 'chain', submittedAt: 3 },
    ],
  };

  it('shows the plain merit-order fill (skip-and-continue) beside the optimum, with the difference', () => {
    const res = planFunding(abc);
    expect(res.selected).toEqual(['B', 'C']);
    expect(res.objective).toBe(1650);
    expect(res.meritOrder).toEqual({ rule: 'skipAndContinue', selected: ['A'], objective: 900, totalYuan: 600_000 });
    expect(res.difference).toEqual({ onlyInPlan: ['B', 'C'], onlyInMeritOrder: ['A'], objectiveDelta: 750 });
    const [a, b, c] = res.candidates;
    expect(a!.explanation).toBe(
      '综合排名第1/3（90分，强链类），核定补助60万，未入选：年度可用预算100万已安排100万，剩余0万，还差60万。若年度预算增加60万，本项可在不调出其他入选项目的情况下入选。按分数顺序填充时本项会入选；整体最优方案把这部分资金和名额用于目标值更高的项目组合。',
    );
    expect(a!.toGetIn).toEqual({ budgetIncreaseYuan: 600_000, categoryBudgetIncreaseYuan: 0, categoryCountIncrease: 0 });
    expect(b!.explanation).toBe(
      '综合排名第2/3（85分，强链类），核定补助50万，入选。按分数顺序填充时本项未入选（年度可用预算100万已安排60万，剩余40万，还差10万），整体最优方案在同样约束下纳入本项，使目标值更高。',
    );
    expect(c!.explanation).toContain('申请60万，核定补助50万，入选');
    expect(res.summary).toContain('按分数顺序填充（依次入选，放不下的跳过并继续）入选1项');
  });

  it('merit-order fill skips a candidate that does not fit and continues with the next', () => {
    const input: FundingPlanInput = {
      ...abc,
      candidates: [...abc.candidates, { applicationNo: 'D', score: 700, requestedYuan: 300_000, computedYuan: 300_000, category: 'chain', submittedAt: 4 }],
    };
    // A (60万) in; B (50万) and C (50万) do not fit the remaining 40万; D (30万) does.
    expect(meritOrderFill(input).selected).toEqual(['A', 'D']);
  });

  it('names the category cap that binds and what relaxing it would take', () => {
    const input: FundingPlanInput = {
      budgetYuan: 10_000_000,
      scoreScale: 10,
      categories: [
        { code: 'incubation', name: '育成', countCap: 1 },
        { code: 'leading', name: '领军', budgetCapYuan: 3_000_000 },
      ],
      candidates: [
        { applicationNo: 'I1', score: 900, requestedYuan: 500_000, computedYuan: 500_000, category: 'incubation', submittedAt: 1 },
        { applicationNo: 'I2', score: 880, requestedYuan: 500_000, computedYuan: 500_000, category: 'incubation', submittedAt: 1 },
        { applicationNo: 'L1', score: 870, requestedYuan: 2_000_000, computedYuan: 2_000_000, category: 'leading', submittedAt: 1 },
        { applicationNo: 'L2', score: 860, requestedYuan: 1_500_000, computedYuan: 1_500_000, category: 'leading', submittedAt: 1 },
      ],
    };
    const res = planFunding(input);
    expect(res.selected).toEqual(['I1', 'L1']);
    const i2 = res.candidates.find((c) => c.applicationNo === 'I2')!;
    expect(i2.reasons).toEqual([{ kind: 'categoryCount', category: 'incubation', cap: 1 }]);
    expect(i2.explanation).toContain('育成类名额上限1项已满');
    expect(i2.explanation).toContain('若育成类名额增加1项');
    const l2 = res.candidates.find((c) => c.applicationNo === 'L2')!;
    expect(l2.reasons).toEqual([{ kind: 'categoryBudget', category: 'leading', capYuan: 3_000_000, remainingYuan: 1_000_000, shortfallYuan: 500_000, alone: false }]);
    expect(l2.explanation).toContain('领军类预算上限300万已安排200万，剩余100万，还差50万');
    expect(l2.explanation).toContain('若领军类预算上限提高50万');
    checkExplanations(input, res);
  });

  it('BL-7 a candidate the higher level already funds in full (district amount 0) is outside the plan and takes no budget or place', () => {
    const input: FundingPlanInput = {
      budgetYuan: 1_000_000,
      scoreScale: 10,
      categories: [{ code: 'chain', name: '强链', countCap: 1 }],
      candidates: [
        { applicationNo: 'H', score: 950, requestedYuan: 800_000, computedYuan: 0, higherLevelYuan: 1_000_000, category: 'chain', submittedAt: 1 },
        { applicationNo: 'X', score: 800, requestedYuan: 900_000, computedYuan: 900_000, category: 'chain', submittedAt: 2 },
      ],
    };
    const res = planFunding(input);
    expect(res.selected).toEqual(['X']);
    const h = res.candidates[0]!;
    expect(h.status).toBe('noDistrictFunds');
    expect(h.explanation).toContain('按就高原则（BL-7）已由上级项目支持100万，本级核定补助为0');
    expect(res.meritOrder.selected).toEqual(['X']);
    expect(toCplexLp(input).columns).toEqual(['X']);
  });

  it('BL-7 the budget is charged the computed (就高-adjusted) amount, not the request', () => {
    const input: FundingPlanInput = {
      budgetYuan: 1_000_000,
      scoreScale: 10,
      categories: [{ code: 'chain' }],
      candidates: [
        { applicationNo: 'P', score: 900, requestedYuan: 800_000, computedYuan: 300_000, higherLevelYuan: 500_000, category: 'chain', submittedAt: 1 },
        { applicationNo: 'Q', score: 850, requestedYuan: 700_000, computedYuan: 700_000, category: 'chain', submittedAt: 2 },
      ],
    };
    const res = planFunding(input);
    expect(res.selected).toEqual(['P', 'Q']);
    expect(res.totalYuan).toBe(1_000_000);
  });

  it('BL-4 never approves more than the annual budget, even when every candidate scores high', () => {
    fc.assert(
      fc.property(instanceArb({ minN: 20, maxN: 60, tied: true }), (input) => {
        const res = planFunding(input);
        expect(res.totalYuan).toBeLessThanOrEqual(input.budgetYuan);
        expect(res.meritOrder.totalYuan).toBeLessThanOrEqual(input.budgetYuan);
      }),
      { numRuns: 40, seed: 3 },
    );
  });

  it('score-weighted amount objective: money goes where score × amount is largest', () => {
    const res = planFunding({ ...abc, objective: 'scoreWeightedAmount' });
    // A: 90 × 60万 = 5400 vs B + C: 85 × 50万 + 80 × 50万 = 8250 (分·万元).
    expect(res.selected).toEqual(['B', 'C']);
    expect(res.objective).toBe(850 * 500_000 + 800 * 500_000);
    expect(res.summary).toContain('分值加权金额');
  });

  it('a node limit is reported honestly: not optimal, a valid bound, and still a full plan', () => {
    let s = 99;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const candidates: FundingCandidate[] = Array.from({ length: 300 }, (_, i) => {
      const a = Math.round(100 + rnd() * 4900) * 1000;
      return { applicationNo: `N${i}`, score: 600 + Math.floor(rnd() * 351), requestedYuan: a, computedYuan: a, category: 'abc'[i % 3]!, submittedAt: i };
    });
    const input: FundingPlanInput = {
      candidates,
      budgetYuan: 150_000_000,
      scoreScale: 10,
      categories: [{ code: 'a', countCap: 30 }, { code: 'b', budgetCapYuan: 60_000_000 }, { code: 'c', countCap: 40, budgetCapYuan: 50_000_000 }],
    };
    const limited = planFunding(input, { maxNodes: 100 });
    const full = planFunding(input);
    expect(full.optimal).toBe(true);
    expect(limited.optimal).toBe(false);
    expect(limited.summary).toContain('未能证明最优');
    expect(limited.bestBound).toBeGreaterThanOrEqual(full.objective);
    expect(limited.objective).toBeLessThanOrEqual(full.objective);
    expect(capViolations(input, limited.selected)).toEqual([]);
    checkExplanations(input, limited);
  });

  it('refuses bad input with every problem in Chinese', () => {
    const bad: FundingPlanInput = {
      budgetYuan: -1,
      categories: [{ code: 'c' }, { code: 'c' }],
      candidates: [
        { applicationNo: 'A', score: 85.5, requestedYuan: 100, computedYuan: 200, category: 'x', submittedAt: 'not a date' },
        { applicationNo: 'A', score: 80, requestedYuan: 100, computedYuan: 100, category: 'c', submittedAt: 0 },
      ],
    };
    const problems = validateFundingPlanInput(bad);
    expect(problems).toEqual([
      '年度可用预算须为不小于0的整数元',
      '类别“c”重复',
      '申报项目“A”的评分须为不小于0的整数（单位为1/100分）',
      '申报项目“A”的核定补助不能超过申请补助',
      '申报项目“A”的类别“x”不在类别列表中',
      '申报项目“A”的提交时间无法识别：须为整数毫秒时间戳，或带时区（Z或±hh:mm）的ISO 8601时间，如2026-03-01T09:30:00+08:00（收到“not a date”）',
      '申报编号“A”重复',
    ]);
    expect(() => planFunding(bad)).toThrow(FundingPlanInputError);
  });

  it('BL-4 submission times: only epoch ms or ISO 8601 with an explicit offset; text without one is refused', () => {
    const base = { score: 850, requestedYuan: 100_000, computedYuan: 100_000, category: 'c' };
    for (const submittedAt of ['2025-03-01T09:00:00', '2025-03-01', '2025/03/01 09:00', 'March 1, 2025 09:00', '2025-03-01T09:00:00+0800', '2025-02-30T09:00:00Z', '2025-03-01T24:00:00Z', 1.5, Number.NaN]) {
      const problems = validateFundingPlanInput({ budgetYuan: 0, categories: [{ code: 'c' }], candidates: [{ ...base, applicationNo: 'A', submittedAt }] });
      expect(problems, String(submittedAt)).toHaveLength(1);
      expect(problems[0]).toContain('提交时间无法识别');
    }
    for (const submittedAt of ['2025-03-01T09:00:00Z', '2025-03-01T09:00:00.5+08:00', '2025-03-01T09:00-05:30', 1740790800000])
      expect(validateFundingPlanInput({ budgetYuan: 0, categories: [{ code: 'c' }], candidates: [{ ...base, applicationNo: 'A', submittedAt }] }), String(submittedAt)).toEqual([]);
    expect(submittedMs('2025-03-01T17:00:00+08:00')).toBe(Date.UTC(2025, 2, 1, 9));
    expect(submittedMs('2024-02-29T23:59:59.999-00:30')).toBe(Date.UTC(2024, 2, 1, 0, 29, 59, 999));
    expect(submittedMs('0099-12-31T00:00:00Z')).toBe(new Date('0099-12-31T00:00:00Z').getTime());
  });

  it('BL-4 the same instants written in different offsets (or as epoch ms) give the same plan', () => {
    const fmt = (ms: number, offsetMin: number) => {
      const d = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
      const a = Math.abs(offsetMin);
      return `${d}${offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`}`;
    };
    // Equal scores everywhere: only the submission order decides who gets the 3 places; instants 1–59 min apart
    // straddle local midnight in several of the offsets, so any reading in local time reorders them.
    const instants = [0, 7, 3, 59, 1, 30, 12].map((m, i) => Date.UTC(2025, 2, 1, 16, 0) + m * 60_000 + i);
    const run = (time: (ms: number, i: number) => string | number) =>
      planFunding({
        budgetYuan: 300_000,
        categories: [{ code: 'c' }],
        candidates: instants.map((ms, i) => ({ applicationNo: `T${i}`, score: 850, requestedYuan: 100_000, computedYuan: 100_000, category: 'c', submittedAt: time(ms, i) })),
      });
    const ref = run((ms) => ms);
    expect(ref.selected).toEqual(['T0', 'T4', 'T2']);
    for (const offs of [[0], [480], [-300], [330], [-720, 840, 0, 345, -210, 60, -60]]) {
      const res = run((ms, i) => fmt(ms, offs[i % offs.length]!));
      expect(res.selected, JSON.stringify(offs)).toEqual(ref.selected);
      expect(res.candidates.map((c) => [c.applicationNo, c.rank])).toEqual(ref.candidates.map((c) => [c.applicationNo, c.rank]));
    }
  });

  it('missing categories or candidates, and a bad maxNodes, are Chinese validation errors (not TypeErrors)', () => {
    for (const bad of [{ budgetYuan: 100 }, { budgetYuan: 100, categories: [] }, { budgetYuan: 100, candidates: [] }, { budgetYuan: 100, categories: [null], candidates: [] }, null]) {
      const problems = validateFundingPlanInput(bad as unknown as FundingPlanInput);
      expect(problems.length, JSON.stringify(bad)).toBeGreaterThan(0);
      expect(problems.join('')).toMatch(/[类申资]/);
      expect(() => planFunding(bad as unknown as FundingPlanInput)).toThrow(FundingPlanInputError);
    }
    expect(validateFundingPlanInput({ budgetYuan: 100 } as unknown as FundingPlanInput)).toEqual(['缺少类别列表（categories 须为数组）', '缺少申报项目列表（candidates 须为数组）']);
    for (const maxNodes of [0, -5, 1.5, Number.NaN, Infinity, '100' as unknown as number]) {
      expect(() => planFunding(abc, { maxNodes }), String(maxNodes)).toThrow(FundingPlanInputError);
      expect(() => planFunding(abc, { maxNodes }), String(maxNodes)).toThrow(/maxNodes 须为正整数/);
    }
    expect(planFunding(abc, { maxNodes: 1 }).selected.length).toBeGreaterThan(0);
  });

  it('an empty call and a zero budget give an empty, optimal plan', () => {
    const empty = planFunding({ budgetYuan: 0, categories: [], candidates: [] });
    expect(empty).toMatchObject({ optimal: true, selected: [], objective: 0 });
    const zero = planFunding({ ...abc, budgetYuan: 0 });
    expect(zero).toMatchObject({ optimal: true, selected: [], objective: 0 });
    checkExplanations({ ...abc, budgetYuan: 0 }, zero);
  });
});
