import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleBeilunContent } from '../applications/fixtures.js';
import { checkTaskBook, compareExactDecimal, parseExactDecimal, parseTarget, targetNotLower, type TaskBookCheckInput } from './task-book-checks.js';
import { taskBookFromApplication, type TaskBookContent } from './task-book.js';

const undertaker = { name: '宁波甬创智能装备有限公司', creditCode: '91330206MA2KC7HX53' };
const baseline = (): TaskBookContent => taskBookFromApplication({ projectNo: 'BEILUN-2026-001', approvedAmountYuan: 2_500_000, bureauName: '北仑区科学技术局', undertaker, department: null, content: exampleBeilunContent() });
const project = { projectNo: 'BEILUN-2026-001', approvedAmountYuan: 2_500_000, fiscalCityYuan: 0, fiscalDistrictYuan: 2_500_000, undertaker };

function check(edit: (c: TaskBookContent) => void, over: Partial<TaskBookCheckInput> = {}) {
  const b = baseline();
  const c = structuredClone(b);
  edit(c);
  return checkTaskBook({ content: c, baseline: b, baselineKind: 'application', project, ...over });
}
const fields = (ps: { field: string }[]) => ps.map((p) => p.field);

describe('exact decimals', () => {
  it('parses plain, signed, thousands-grouped and full-width numbers; refuses anything else', () => {
    expect(parseExactDecimal('1,000.50')).toEqual({ int: 100050n, scale: 2 });
    expect(parseExactDecimal('-0.02')).toEqual({ int: -2n, scale: 2 });
    expect(parseExactDecimal('１２')).toEqual({ int: 12n, scale: 0 });
    expect(parseExactDecimal('1e3')).toBeNull();
    expect(parseExactDecimal('12abc')).toBeNull();
  });
  it('compares exactly where floats would not (0.1 + 0.2 style, 20 significant digits)', () => {
    expect(compareExactDecimal(parseExactDecimal('0.30000000000000000001')!, parseExactDecimal('0.3')!)).toBe(1);
    expect(compareExactDecimal(parseExactDecimal('12345678901234567890')!, parseExactDecimal('12345678901234567891')!)).toBe(-1);
    expect(compareExactDecimal(parseExactDecimal('2.50')!, parseExactDecimal('2.5')!)).toBe(0);
  });
  it('agrees with BigInt arithmetic on scaled integers (property)', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.nat(12), fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.nat(12), (a, sa, b, sb) => {
      const show = (n: bigint, s: number) => {
        const neg = n < 0n;
        const d = (neg ? -n : n).toString().padStart(s + 1, '0');
        return `${neg ? '-' : ''}${s === 0 ? d : `${d.slice(0, -s)}.${d.slice(-s)}`}`;
      };
      const x = parseExactDecimal(show(a, sa))!;
      const y = parseExactDecimal(show(b, sb))!;
      const l = a * 10n ** BigInt(12 - sa);
      const r = b * 10n ** BigInt(12 - sb);
      return compareExactDecimal(x, y) === (l < r ? -1 : l > r ? 1 : 0);
    }));
  });
});

describe('targets and their direction', () => {
  it.each([
    ['≥95%', 95n, false], ['不低于 95%', 95n, false], ['≤0.02mm', 2n, true], ['不高于0.02', 2n, true], ['5%以下', 5n, true],
    ['不超过3次', 3n, true], ['达到 1,000 万次', 1000n, false], ['100000', 100000n, false], ['不少于3项', 3n, false], ['低于 -5℃', -5n, true],
  ])('%s', (t, int, lower) => {
    const p = parseTarget(t);
    expect(p.numeric).toBe(true);
    if (p.numeric) {
      expect(p.value.int).toBe(int);
      expect(p.lowerIsBetter).toBe(lower);
    }
  });
  it('a range or a power is text, not a number', () => {
    expect(parseTarget('10-20').numeric).toBe(false);
    expect(parseTarget('1×10^6').numeric).toBe(false);
    expect(parseTarget('国际先进水平').numeric).toBe(false);
  });
  it('higher-is-better may not go down, lower-is-better may not go up; text may not change', () => {
    expect(targetNotLower('100000', '120000').ok).toBe(true);
    expect(targetNotLower('100000', '99999.99').ok).toBe(false);
    expect(targetNotLower('≤0.02mm', '≤0.015mm').ok).toBe(true);
    expect(targetNotLower('≤0.02mm', '≤0.03mm').ok).toBe(false);
    expect(targetNotLower('≤0.02mm', '≥0.02mm').ok).toBe(false);
    expect(targetNotLower('国际先进水平', '国际先进水平').ok).toBe(true);
    expect(targetNotLower('国际先进水平', '国内先进水平').ok).toBe(false);
    expect(targetNotLower('95%', '较高').ok).toBe(false);
  });
  it('raising a higher-is-better target is never refused, lowering always is (property)', () => {
    fc.assert(fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(3), (a, b, places) => {
      const s = (n: number) => (places === 0 ? String(n) : `${Math.floor(n / 10 ** places)}.${String(n % 10 ** places).padStart(places, '0')}`);
      return targetNotLower(s(a), s(b)).ok === (b >= a) && targetNotLower(`不高于${s(a)}`, `不高于${s(b)}`).ok === (b <= a);
    }));
  });
});

describe('checkTaskBook against the application', () => {
  it('the application-derived content passes unchanged', () => {
    expect(check(() => {})).toEqual([]);
  });
  it('an indicator lowered, removed or with changed direction is refused with its field', () => {
    expect(fields(check((c) => { c.indicators[0]!.targetValue = '90000'; }))).toEqual(['indicators.0.targetValue']);
    const removed = check((c) => { c.indicators.splice(1, 1); });
    expect(removed).toEqual([{ field: 'indicators', message: '不得删除申报书中的指标「新增销售收入（万元）」' }]);
    expect(check((c) => { c.indicators[0]!.targetValue = '不高于100000'; })[0]!.message).toContain('方向');
  });
  it('raising a target, adding an indicator and marking non-core is the officer\'s to do on the first version', () => {
    expect(check((c) => {
      c.indicators[0]!.targetValue = '120000';
      c.indicators[1]!.core = false;
      c.indicators.push({ kind: 'technical', name: '良品率', unit: '%', currentValue: '90', targetValue: '≥98', verification: '检测报告', core: true });
    })).toEqual([]);
  });
  it('content may not shrink: sections, goals, years, milestones, partners, self-raised funding', () => {
    const ps = check((c) => {
      const key = Object.keys(c.sections)[0]!;
      c.sections[key] = '短';
      c.yearlyPlan[1]!.milestones = [];
      c.yearlyPlan.splice(0, 1);
      c.partners = [];
      c.budget[0]!.selfRaisedYuan -= 1;
    });
    expect(ps.map((p) => p.field).sort()).toEqual(['budget', 'partners', `sections.${Object.keys(baseline().sections)[0]}`, 'yearlyPlan', 'yearlyPlan.0.milestones'].sort());
  });
  it('NB-7: fiscal lines sum exactly to the approved amount with the project\'s city and district shares (one 元 off is refused)', () => {
    const ps = check((c) => { c.budget[0]!.fiscalDistrictYuan += 1; });
    expect(ps.every((p) => p.rule === 'NB-7')).toBe(true);
    expect(ps.map((p) => p.message).join()).toContain('须等于立项金额 250万元');
    expect(check((c) => { c.budget[0]!.fiscalDistrictYuan -= 10_000; c.budget[0]!.fiscalCityYuan += 10_000; })).toHaveLength(2);
    expect(check((c) => { c.budget[0]!.fiscalDistrictYuan -= 10_000; c.budget[1]!.fiscalDistrictYuan += 10_000; })).toEqual([]);
  });
  it('NB-2: the period is at most 5 years and milestones lie inside it', () => {
    expect(check((c) => { c.endDate = '2031-07-01'; })).toEqual([expect.objectContaining({ field: 'endDate', rule: 'NB-2' })]);
    expect(check((c) => { c.endDate = '2031-06-30'; })).toEqual([]);
    expect(check((c) => { c.yearlyPlan[0]!.milestones[0]!.date = '2026-02-30'; })).toEqual([expect.objectContaining({ field: 'yearlyPlan.0.milestones.0.date' })]);
    expect(check((c) => { c.yearlyPlan[0]!.milestones[0]!.date = '2026-06-01'; })[0]!.rule).toBe('NB-2');
  });
  it('the project number and the undertaker are the project\'s, not editable', () => {
    expect(fields(check((c) => { c.projectNo = 'X'; c.parties.undertaker.name = '别家'; }))).toEqual(['projectNo', 'parties.undertaker']);
  });
});

describe('checkTaskBook of a supplement against the version in force', () => {
  it('a core indicator may not become non-core without an approved change of indicators; with one, lowering is allowed', () => {
    const inForce = baseline();
    const next = structuredClone(inForce);
    next.indicators[0]!.core = false;
    next.indicators[1]!.targetValue = '4000';
    const input = { content: next, baseline: inForce, baselineKind: 'inForce' as const, project };
    expect(fields(checkTaskBook(input))).toEqual(['indicators.0.core', 'indicators.1.targetValue']);
    expect(checkTaskBook({ ...input, allowed: { indicators: true } })).toEqual([]);
  });
  it('an approved change of content lets the plan shrink, but never the self-raised funding or the fiscal split', () => {
    const inForce = baseline();
    const next = structuredClone(inForce);
    next.yearlyPlan.pop();
    next.budget[1]!.selfRaisedYuan = 0;
    const ps = checkTaskBook({ content: next, baseline: inForce, baselineKind: 'inForce', project, allowed: { content: true } });
    expect(fields(ps)).toEqual(['budget']);
  });
  it('never reports a problem for the unchanged baseline, whatever its targets (property)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.nat(10_000).map(String), fc.constantFrom('≤0.5', '不低于 3 项', '国际领先', '10-20')), { minLength: 1, maxLength: 6 }), (targets) => {
      const b = baseline();
      b.indicators = targets.map((t, i) => ({ kind: 'technical', name: `指标${i}`, unit: '项', currentValue: '0', targetValue: t, verification: '—', core: true }));
      return checkTaskBook({ content: structuredClone(b), baseline: b, baselineKind: 'inForce', project }).length === 0;
    }));
  });
});

describe('comparison of a version with its predecessor', () => {
  it('meets the same indicator on one row and says what changed, was added or removed', async () => {
    const { compareTaskBooks } = await import('./task-book-display.js');
    const a = baseline();
    const b = structuredClone(a);
    b.indicators[0]!.targetValue = '120000';
    b.indicators.splice(1, 1);
    b.parties.department = '演示主管部门';
    const rows = compareTaskBooks(a, b);
    expect(rows.find((r) => r.label === '模具寿命（模次）')).toMatchObject({ change: 'changed', after: expect.stringContaining('目标 120000') });
    expect(rows.find((r) => r.label === '新增销售收入（万元）')).toMatchObject({ change: 'removed', after: null });
    expect(rows.find((r) => r.key === 'department')).toMatchObject({ before: '无', after: '演示主管部门', change: 'changed' });
    expect(rows.filter((r) => r.change === 'same').length).toBe(rows.length - 3);
  });
});
