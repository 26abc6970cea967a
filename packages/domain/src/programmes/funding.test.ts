import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEILUN_KCT } from './data/beilun-kct.js';
import { NB_2025 } from './data/nb-2025.js';
import { YJ_2035, YJ_MAX_CLASS_CEILING_YUAN, yjSubsidyClass } from './data/yj-2035.js';
import { computeFunding, computeTierRewards } from './funding.js';
import { floorRatio } from './money.js';
import type { CategoryRule, FundingOverlap, FundingQuoteInput, RuleSetVersion } from './types.js';

const WAN = 10_000;
const beilun = BEILUN_KCT.versions[0]!;
const nb = NB_2025.versions[0]!;
const yj = YJ_2035.versions[0]!;
const quote = (total: number, requested: number, more: Partial<FundingQuoteInput> = {}): FundingQuoteInput => ({ totalInvestmentYuan: total, requestedYuan: requested, overlaps: [], ...more });
const rules = (q: { problems: { rule: string }[] }) => q.problems.map((p) => p.rule);
const withOverlap = (p: 'topUp' | 'none'): RuleSetVersion => ({ ...beilun, parameters: { ...beilun.parameters, overlapPolicy: p } });

describe('Beilun subsidy (BL-5, BL-6)', () => {
  it('BL-5 caps the subsidy at 30% of total R&D investment', () => {
    const q = computeFunding(beilun, 'leading', quote(1000 * WAN, 500 * WAN));
    expect(q).toMatchObject({ eligible: true, subsidyYuan: 300 * WAN, selfRaisedYuan: 700 * WAN, problems: [] });
    expect(q.applied[0]).toEqual({
      rule: 'BL-5',
      text: 'BL-5 财政补助不超过研发总投入的30%：1,000万 × 30% = 300万',
      values: { totalInvestmentYuan: 10_000_000, ratioNum: 3, ratioDen: 10, limitYuan: 3_000_000 },
    });
  });

  it('BL-5 rounds the 30% share down to the 元', () => {
    expect(computeFunding(beilun, 'incubation', quote(1_000_003, 100 * WAN)).subsidyYuan).toBe(300_000);
  });

  it.each([
    ['leading', 500],
    ['chain', 300],
    ['incubation', 100],
  ])('BL-6 caps the %s category at %d万', (code, capWan) => {
    const q = computeFunding(beilun, code, quote(10_000 * WAN, 5000 * WAN));
    expect(q.subsidyYuan).toBe(capWan * WAN);
    expect(q.selfRaisedYuan).toBe((10_000 - capWan) * WAN);
    expect(q.applied.find((a) => a.text.includes('取最小值'))?.text).toBe(
      `BL-6 补助取最小值：min(总投入的30% 3,000万，${beilun.parameters.categories.find((c) => c.code === code)!.name}上限 ${capWan}万，申请 5,000万) = ${capWan}万`,
    );
  });

  it('BL-6 gives no more than requested', () => {
    expect(computeFunding(beilun, 'leading', quote(2000 * WAN, 120 * WAN)).subsidyYuan).toBe(120 * WAN);
  });

  it('BL-2 an unknown category is not eligible and says which categories exist', () => {
    const q = computeFunding(beilun, 'platinum', quote(1000 * WAN, 100 * WAN));
    expect(q).toMatchObject({ eligible: false, subsidyYuan: 0 });
    expect(q.problems).toEqual([{ rule: 'BL-2', message: '2024修订版规则中没有类别“platinum”，可选：领军类（leading）、强链类（chain）、育成类（incubation）' }]);
  });

  it('reports every malformed amount at once', () => {
    const q = computeFunding(beilun, 'leading', { totalInvestmentYuan: -1, requestedYuan: 1.5, overlaps: [{ level: 'city', name: 'x', amountYuan: -3 }], committedYuan: Number.NaN, durationMonths: 0 });
    expect(q.eligible).toBe(false);
    expect(rules(q)).toEqual(['INPUT', 'INPUT', 'INPUT', 'INPUT', 'INPUT']);
  });

  it('reports a request above the total investment as a problem, not silently', () => {
    const q = computeFunding(YJ_2035.versions[0]!, 'key-rd', quote(100 * WAN, 200 * WAN));
    expect(q.subsidyYuan).toBe(100 * WAN);
    expect(q.selfRaisedYuan).toBe(0);
    expect(q.problems).toEqual([{ rule: 'INPUT', message: '申请补助 200万 超过研发总投入 100万' }]);
  });
});

describe('overlap with a higher-level project (BL-7)', () => {
  const lvl = (amount: number, level: FundingOverlap['level'] = 'city'): FundingOverlap => ({ level, name: '市级重点研发计划项目', amountYuan: amount });

  it('BL-7 tops up only the difference when the district amount is higher', () => {
    const q = computeFunding(beilun, 'chain', quote(1000 * WAN, 300 * WAN, { overlaps: [lvl(100 * WAN)] }));
    expect(q.subsidyYuan).toBe(200 * WAN);
    const a = q.applied.find((x) => x.rule === 'BL-7')!;
    expect(a.values).toMatchObject({ districtYuan: 300 * WAN, higherLevelYuan: 100 * WAN, totalPublicSupportYuan: 300 * WAN, subsidyYuan: 200 * WAN });
    expect(a.text).toContain('财政支持合计 300万');
  });

  it('BL-7 pays nothing when the higher-level amount is at least the district amount', () => {
    const q = computeFunding(beilun, 'chain', quote(1000 * WAN, 300 * WAN, { overlaps: [lvl(100 * WAN), lvl(500 * WAN, 'province')] }));
    expect(q.subsidyYuan).toBe(0);
    expect(q.applied.find((x) => x.rule === 'BL-7')!.values).toMatchObject({ higherLevel: 'province', totalPublicSupportYuan: 500 * WAN });
  });

  it("BL-7 with overlapPolicy 'none' the district pays nothing at all", () => {
    expect(computeFunding(withOverlap('none'), 'chain', quote(1000 * WAN, 300 * WAN, { overlaps: [lvl(100 * WAN)] })).subsidyYuan).toBe(0);
    expect(computeFunding(withOverlap('topUp'), 'chain', quote(1000 * WAN, 300 * WAN, { overlaps: [lvl(100 * WAN)] })).subsidyYuan).toBe(200 * WAN);
  });
});

describe('annual budget (BL-4, NB-9)', () => {
  it('BL-4 reports a quote that would take approvals past the 4,000万 budget', () => {
    const ok = computeFunding(beilun, 'leading', quote(2000 * WAN, 500 * WAN, { committedYuan: 3500 * WAN }));
    expect(ok.eligible).toBe(true);
    const over = computeFunding(beilun, 'leading', quote(2000 * WAN, 500 * WAN, { committedYuan: 3600 * WAN }));
    expect(over.eligible).toBe(false);
    expect(over.problems).toEqual([{ rule: 'BL-4', message: '本项补助 500万 将使年度承诺达到 4,100万，超出年度预算 4,000万（超出 100万）' }]);
    expect(over.subsidyYuan).toBe(500 * WAN);
  });

  it('NB-9 checks the 2亿 annual budget of the Ningbo special projects', () => {
    const q = computeFunding(nb, 'strategic-product', quote(3000 * WAN, 800 * WAN, { committedYuan: 19_500 * WAN }));
    expect(rules(q)).toEqual(['NB-9']);
    expect(q.applied.find((a) => a.rule === 'NB-9')!.values).toMatchObject({ annualBudgetYuan: 200_000_000, afterYuan: 20_300 * WAN });
  });

  it('YJ-1 notes that the 2035 plan states no annual budget instead of refusing every request', () => {
    const q = computeFunding(yj, 'key-rd', quote(10_000 * WAN, 3000 * WAN, { committedYuan: 0 }));
    expect(q.eligible).toBe(true);
    expect(q.applied.some((a) => a.text.includes('未载明年度预算'))).toBe(true);
  });
});

describe('Ningbo special-project topics (NB-10, NB-2)', () => {
  it('NB-10 accepts 500万–1,000万 with at least 1:2 self-raised matching', () => {
    const q = computeFunding(nb, 'key-common-tech', quote(3000 * WAN, 1000 * WAN));
    expect(q).toMatchObject({ eligible: true, subsidyYuan: 1000 * WAN, selfRaisedYuan: 2000 * WAN });
    expect(q.applied.find((a) => a.rule === 'NB-10' && a.text.includes('1:2'))!.values).toEqual({ multiple: 2, requiredSelfRaisedYuan: 2000 * WAN, selfRaisedYuan: 2000 * WAN });
  });

  it('NB-10 reports support below 500万 as a problem, not a silent clamp', () => {
    const q = computeFunding(nb, 'key-common-tech', quote(3000 * WAN, 400 * WAN));
    expect(q.problems).toEqual([{ rule: 'NB-10', message: '申请补助 400万 低于重大关键共性技术攻关支持强度下限 500万' }]);
  });

  it('NB-10 reports a request above 1,000万 as a problem, not a silent clamp', () => {
    const q = computeFunding(nb, 'key-common-tech', quote(6000 * WAN, 1200 * WAN));
    expect(q.eligible).toBe(false);
    expect(q.problems).toEqual([{ rule: 'NB-10', message: '申请补助 1,200万 超过重大关键共性技术攻关支持强度上限 1,000万' }]);
  });

  it('NB-10 self-raised must be at least twice the fiscal amount', () => {
    const q = computeFunding(nb, 'demonstration', quote(1200 * WAN, 500 * WAN));
    expect(q.problems).toEqual([{ rule: 'NB-10', message: '自筹经费 700万 不足财政经费 500万 的2倍（需 1,000万，差 300万）' }]);
  });

  it('NB-2 a topic longer than 60 months is reported', () => {
    expect(rules(computeFunding(nb, 'demonstration', quote(3000 * WAN, 1000 * WAN, { durationMonths: 60 })))).toEqual([]);
    expect(computeFunding(nb, 'demonstration', quote(3000 * WAN, 1000 * WAN, { durationMonths: 61 })).problems).toEqual([{ rule: 'NB-2', message: '实施期 61个月 超过上限 60个月' }]);
  });

  it('NB-2 NB-9 NB-10 returns every problem, never just the first', () => {
    const q = computeFunding(nb, 'demonstration', quote(900 * WAN, 400 * WAN, { durationMonths: 72, committedYuan: 20_000 * WAN }));
    expect(rules(q)).toEqual(['NB-10', 'NB-10', 'NB-9', 'NB-2']);
  });

  it('NB-3 an unknown task type cites NB-3', () => {
    expect(rules(computeFunding(nb, 'leading', quote(3000 * WAN, 1000 * WAN)))).toEqual(['NB-3']);
  });
});

describe('科创甬江2035 classes (YJ-1)', () => {
  it('YJ-1 caps a project at the 5,000万 class ceiling', () => {
    const q = computeFunding(yj, 'key-rd', quote(30_000 * WAN, 8000 * WAN));
    expect(q.subsidyYuan).toBe(5000 * WAN);
    expect(q.applied.map((a) => a.rule)).toContain('YJ-1');
    expect(q.applied.find((a) => a.rule === 'YJ-1')!.text).toBe('YJ-1 重点研发项目补助最高5,000万');
  });

  it('YJ-1 class ceilings are parameters defaulting to 5,000万 and never above it', () => {
    expect(yjSubsidyClass('a', '甲类', '').capYuan).toBe(YJ_MAX_CLASS_CEILING_YUAN);
    expect(yjSubsidyClass('b', '乙类', '', 2000 * WAN).capYuan).toBe(2000 * WAN);
    expect(yjSubsidyClass('c', '丙类', '', 9000 * WAN).capYuan).toBe(YJ_MAX_CLASS_CEILING_YUAN);
    const v: RuleSetVersion = { ...yj, parameters: { ...yj.parameters, categories: [yjSubsidyClass('b', '乙类', '', 2000 * WAN)] } };
    expect(computeFunding(v, 'b', quote(30_000 * WAN, 8000 * WAN)).subsidyYuan).toBe(2000 * WAN);
  });
});

describe('champion rewards (YJ-3)', () => {
  it('YJ-3 a national single champion gets the 200万 reward and the city-or-above subsidy up to 100万', () => {
    const r = computeTierRewards(yj, ['singleChampionNational']);
    expect(r.totalYuan).toBe(300 * WAN);
    expect(r.applied.map((a) => a.text)).toEqual(['YJ-3 国家级制造业单项冠军企业奖励200万', 'YJ-3 国家级制造业单项冠军企业最高补助100万（同一规则只享受一次）']);
  });

  it('YJ-3 a city-level champion gets up to 100万', () => {
    expect(computeTierRewards(yj, ['singleChampionCity']).totalYuan).toBe(100 * WAN);
  });

  it('YJ-3 holding both champion tiers still gives one 100万 subsidy, not two', () => {
    expect(computeTierRewards(yj, ['singleChampionCity', 'singleChampionNational', 'singleChampionNational']).totalYuan).toBe(300 * WAN);
  });

  it('YJ-3 other tiers and other programmes give nothing', () => {
    expect(computeTierRewards(yj, ['hightech'])).toEqual({ totalYuan: 0, applied: [] });
    expect(computeTierRewards(beilun, ['singleChampionNational']).totalYuan).toBe(0);
  });
});

// ---- properties ---------------------------------------------------------------------------------

const yuan = fc.integer({ min: 0, max: 2_000_000_000 });
const ratio = fc.option(
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 })).map(([a, b]) => (a <= b ? { num: a, den: b } : { num: b, den: a })),
  { nil: null },
);
const categoryArb: fc.Arbitrary<CategoryRule> = fc.record({
  code: fc.constant('x'),
  name: fc.constant('测试类'),
  description: fc.constant(''),
  subsidyRatio: ratio,
  capYuan: fc.option(yuan, { nil: null }),
  minYuan: fc.constant(null),
  minMatchingMultiple: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  maxDurationMonths: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
  leadOrganisationTypes: fc.constant([]),
  leadTiers: fc.constant([]),
  industrialisationOriented: fc.boolean(),
});
const overlapArb = fc.array(fc.record({ level: fc.constantFrom('city' as const, 'province' as const, 'national' as const), name: fc.constant('上级项目'), amountYuan: yuan }), { maxLength: 3 });
const versionArb = fc.tuple(categoryArb, fc.constantFrom('topUp' as const, 'none' as const), yuan).map(
  ([category, overlapPolicy, annualBudgetYuan]): RuleSetVersion => ({ ...beilun, parameters: { ...beilun.parameters, overlapPolicy, annualBudgetYuan, categories: [category] } }),
);
const inputArb = fc.record({
  totalInvestmentYuan: yuan,
  requestedYuan: yuan,
  overlaps: overlapArb,
  committedYuan: fc.option(yuan, { nil: undefined }),
  durationMonths: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
});

describe('funding properties', () => {
  it('BL-5 BL-6 the subsidy never exceeds ratio × total, the cap or the request (property)', () => {
    fc.assert(
      fc.property(versionArb, inputArb, (v, input) => {
        const c = v.parameters.categories[0]!;
        const q = computeFunding(v, 'x', input);
        expect(Number.isSafeInteger(q.subsidyYuan) && q.subsidyYuan >= 0).toBe(true);
        if (c.subsidyRatio) expect(q.subsidyYuan).toBeLessThanOrEqual(floorRatio(input.totalInvestmentYuan, c.subsidyRatio));
        if (c.capYuan !== null) expect(q.subsidyYuan).toBeLessThanOrEqual(c.capYuan);
        expect(q.subsidyYuan).toBeLessThanOrEqual(input.requestedYuan);
        expect(q.subsidyYuan).toBeLessThanOrEqual(input.totalInvestmentYuan);
      }),
    );
  });

  it('BL-6 subsidy + self-raised = total investment (property)', () => {
    fc.assert(
      fc.property(versionArb, inputArb, (v, input) => {
        const q = computeFunding(v, 'x', input);
        expect(q.subsidyYuan + q.selfRaisedYuan).toBe(input.totalInvestmentYuan);
        expect(q.selfRaisedYuan).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('BL-7 total public support is max(district, higher level), never both (property)', () => {
    fc.assert(
      fc.property(versionArb, inputArb, (v, input) => {
        const withoutOverlap = computeFunding(v, 'x', { ...input, overlaps: [] }).subsidyYuan;
        const q = computeFunding(v, 'x', input);
        if (input.overlaps.length === 0) return;
        const higher = Math.max(...input.overlaps.map((o) => o.amountYuan));
        expect(q.subsidyYuan + higher).toBeLessThanOrEqual(Math.max(withoutOverlap, higher));
        if (v.parameters.overlapPolicy === 'topUp') expect(q.subsidyYuan + higher).toBe(Math.max(withoutOverlap, higher));
        else expect(q.subsidyYuan).toBe(0);
      }),
    );
  });

  it('every problem and every applied rule names a rule ID; eligible means no problems (property)', () => {
    fc.assert(
      fc.property(versionArb, inputArb, (v, input) => {
        const q = computeFunding(v, 'x', input);
        expect(q.eligible).toBe(q.problems.length === 0);
        for (const x of [...q.problems, ...q.applied]) expect(x.rule).toMatch(/^([A-Z0-9]+-\d+|INPUT|CALL)$/);
        for (const a of q.applied) for (const n of Object.values(a.values)) if (typeof n === 'number') expect(Number.isSafeInteger(n)).toBe(true);
      }),
    );
  });

  it('gives identical results for the same inputs and date (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(beilun, nb, yj), inputArb, (v, input) => {
        for (const c of v.parameters.categories) {
          expect(computeFunding(v, c.code, structuredClone(input))).toEqual(computeFunding(structuredClone(v), c.code, structuredClone(input)));
        }
      }),
    );
  });
});
