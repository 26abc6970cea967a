import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEILUN_KCT } from './data/beilun-kct.js';
import { computeFunding } from './funding.js';
import { diffParameters, isCalendarDate, ruleSetInForce, shanghaiDate, shanghaiDayOf } from './rule-set.js';
import type { RuleSetParameters, RuleSetVersion } from './types.js';

const base = BEILUN_KCT.versions[0]!;
const version = (v: string, effectiveFrom: string, change: (p: RuleSetParameters) => RuleSetParameters = (p) => p): RuleSetVersion => ({
  ...base,
  version: v,
  effectiveFrom,
  parameters: change(structuredClone(base.parameters)),
});
const withCap = (code: string, capYuan: number) => (p: RuleSetParameters) => ({ ...p, categories: p.categories.map((c) => (c.code === code ? { ...c, capYuan } : c)) });

const v2024 = version('2024修订', '2024-03-27');
const v2026 = version('2026修订', '2026-07-01', withCap('leading', 6_000_000));
const programme = { versions: [v2026, v2024] };

describe('shanghaiDate', () => {
  it('gives the Asia/Shanghai calendar day (UTC+8)', () => {
    expect(shanghaiDate(new Date('2024-03-26T15:59:59Z'))).toBe('2024-03-26');
    expect(shanghaiDate(new Date('2024-03-26T16:00:00Z'))).toBe('2024-03-27');
    expect(shanghaiDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });

  it('refuses an invalid date', () => {
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });

  it('reads days and ISO instants with an offset, never a bare local time', () => {
    expect(shanghaiDayOf('2024-03-27')).toBe('2024-03-27');
    expect(shanghaiDayOf('2024-03-26T23:30:00+08:00')).toBe('2024-03-26');
    expect(shanghaiDayOf('2024-03-26T16:30:00Z')).toBe('2024-03-27');
    expect(() => shanghaiDayOf('2024-03-26T23:30:00')).toThrow(RangeError);
    expect(() => shanghaiDayOf('2025-02-29')).toThrow(RangeError);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2024-13-01')).toBe(false);
  });
});

describe('ruleSetInForce', () => {
  it('BL-1 a version is in force from 00:00:00 Asia/Shanghai of its effective day', () => {
    expect(ruleSetInForce(programme, new Date('2024-03-26T15:59:59.999Z'))).toBeNull();
    expect(ruleSetInForce(programme, new Date('2024-03-26T16:00:00Z'))).toBe(v2024);
    expect(ruleSetInForce(programme, '2024-03-27T00:00:00+08:00')).toBe(v2024);
    expect(ruleSetInForce(programme, '2024-03-26')).toBeNull();
    expect(ruleSetInForce(programme, '2024-03-27')).toBe(v2024);
  });

  it('BL-1 a version stays in force until the day the next one takes effect', () => {
    expect(ruleSetInForce(programme, '2026-06-30T23:59:59+08:00')).toBe(v2024);
    expect(ruleSetInForce(programme, '2026-06-30T16:00:00Z')).toBe(v2026);
    expect(ruleSetInForce(programme, new Date('2030-01-01T00:00:00Z'))).toBe(v2026);
  });

  it('BL-1 a later version never changes how an already-submitted application was judged', () => {
    const submittedAt = new Date('2026-05-10T09:30:00+08:00');
    const input = { totalInvestmentYuan: 30_000_000, requestedYuan: 6_000_000, overlaps: [] };
    const judge = (p: { versions: RuleSetVersion[] }) => computeFunding(ruleSetInForce(p, submittedAt)!, 'leading', input);
    const before = judge({ versions: [v2024] });
    const after = judge(programme);
    expect(after).toEqual(before);
    expect(after.subsidyYuan).toBe(5_000_000);
    // The same application submitted under the new version gets the new cap.
    expect(computeFunding(ruleSetInForce(programme, '2026-07-01')!, 'leading', input).subsidyYuan).toBe(6_000_000);
  });

  it('BL-1 the superseded version stays readable: old instants still resolve to it', () => {
    expect(ruleSetInForce(programme, '2025-01-01')?.documentNo).toBe('仑科〔2024〕2号');
  });

  it('BL-1 does not depend on the order versions are listed in (property)', () => {
    const days = fc.integer({ min: 0, max: 4000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.uniqueArray(days, { minLength: 1, maxLength: 6 }), days, fc.integer(), (effective, at, seed) => {
        const versions = effective.map((d, i) => version(`v${i}`, d));
        const shuffled = [...versions].sort((a, b) => ((a.version.charCodeAt(1) * 31 + seed) % 7) - ((b.version.charCodeAt(1) * 31 + seed) % 7));
        const chosen = ruleSetInForce({ versions }, at);
        expect(ruleSetInForce({ versions: shuffled }, at)).toBe(chosen);
        const eligible = effective.filter((d) => d <= at).sort();
        expect(chosen?.effectiveFrom ?? null).toBe(eligible.at(-1) ?? null);
      }),
    );
  });
});

describe('diffParameters', () => {
  it('labels a changed cap in 万元: 领军类 补助上限: 500万 → 600万', () => {
    const changes = diffParameters(v2024.parameters, v2026.parameters);
    expect(changes).toEqual([{ path: 'categories.leading.capYuan', label: '领军类 补助上限: 500万 → 600万', before: 5_000_000, after: 6_000_000 }]);
  });

  it('finds nothing between identical parameters', () => {
    expect(diffParameters(base.parameters, structuredClone(base.parameters))).toEqual([]);
  });

  it('describes budget, ratio, lists, added and removed entries', () => {
    const b = structuredClone(base.parameters);
    b.annualBudgetYuan = 50_000_000;
    b.categories[0]!.subsidyRatio = { num: 1, den: 4 };
    b.categories = b.categories.filter((c) => c.code !== 'incubation');
    b.categories.push({ ...b.categories[0]!, code: 'pilot', name: '试点类' });
    b.fields[0]!.subDirections = [...b.fields[0]!.subDirections.filter((s) => s !== '高精密芯片'), '第三代半导体'];
    b.selectionModes = ['competitive', 'openChallenge'];
    b.outOfCityAllowed = true;
    const labels = diffParameters(base.parameters, b).map((c) => c.label);
    expect(labels).toEqual([
      '年度财政预算: 4,000万 → 5,000万',
      '允许市外单位承担: 否 → 是',
      '遴选方式: 竞争性评审 → 竞争性评审、揭榜挂帅',
      '领军类 补助比例: 30% → 25%',
      '删除类别 育成类',
      '新增类别 试点类',
      '集成电路 细分方向: 新增 第三代半导体；删除 高精密芯片',
    ]);
  });

  it('ignores reordering of keyed lists', () => {
    const b = structuredClone(base.parameters);
    b.categories.reverse();
    b.fields.reverse();
    expect(diffParameters(base.parameters, b)).toEqual([]);
  });
});

describe('diffParameters defaults', () => {
  it('treats an unset annualBudgetStated as true, so adding the default is not a change', () => {
    const p = BEILUN_KCT.versions[0]!.parameters;
    expect(diffParameters({ ...p, annualBudgetStated: undefined }, { ...p, annualBudgetStated: true })).toEqual([]);
    expect(diffParameters({ ...p, annualBudgetStated: undefined }, { ...p, annualBudgetStated: false })).toHaveLength(1);
  });
});
