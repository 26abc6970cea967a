import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleBeilunContent } from '../applications/fixtures.js';
import { BUDGET_SOURCES, BUDGET_SUBJECTS } from '../applications/content.js';
import {
  applyChange, CHANGE_TYPE_TABLE, CHANGE_TYPES, changeApprover, changeRequestDeadline, changeRequestSchema, movedDeadlines, movedDeadlinesText, projectDeadlines, validateChange,
  type Change, type ChangeContext,
} from './changes.js';
import { addMonths, effectiveEndDate } from './dates.js';
import { loweredIndicators, type Indicator } from './indicator-compare.js';
import { DEFAULT_POST_AWARD_SETTINGS } from './settings.js';
import { taskBookFromApplication, type TaskBookContent } from './task-book.js';

const base: TaskBookContent = {
  ...taskBookFromApplication({ projectNo: 'BEILUN-KCT-2026-001', approvedAmountYuan: 1_000_000, bureauName: '北仑区科学技术局', undertaker: { name: '演示企业', creditCode: '91330206MA2XXXXXX1' }, department: null, content: exampleBeilunContent() }),
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  partners: [{ name: '甲大学', creditCode: 'A', role: 'participant', budgetSharePercent: 20 }, { name: '乙研究院', creditCode: 'B', role: 'participant', budgetSharePercent: 10 }],
};
const ctx = (o: Partial<ChangeContext> = {}): ChangeContext => ({ base, settings: DEFAULT_POST_AWARD_SETTINGS, today: '2026-06-01', effectiveEnd: '2027-12-31', approvedExtensionMonths: [], startDate: '2026-01-01', ...o });
const ext = (months: number): Change => ({ type: 'extension', payload: { months } });
const ind = (o: Partial<Indicator> = {}): Indicator => ({ kind: 'technical', name: '良品率', unit: '%', currentValue: '90', targetValue: '≥95', verification: '第三方检测', core: true, ...o });

describe('the table of change types', () => {
  it('lists every type once with who approves and its deadline', () => {
    expect(CHANGE_TYPE_TABLE.map((r) => r.type)).toEqual([...CHANGE_TYPES]);
    const by = Object.fromEntries(CHANGE_TYPE_TABLE.map((r) => [r.type, r.approver]));
    expect(by).toEqual({ leader: 'bureau', undertaker: 'bureau', indicators: 'bureau', content: 'conditional', extension: 'bureau', budgetSubjects: 'unit', budgetPartners: 'bureau', budgetTotal: 'bureau' });
  });
  it('a request is checked by its type: a bad payload gives Chinese field messages', () => {
    const r = changeRequestSchema.safeParse({ type: 'extension', payload: { months: 0 }, reason: '' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['延期至少1个月', '请填写变更理由']));
    const leader = changeRequestSchema.safeParse({ type: 'leader', payload: { name: '王五', idNumber: '123' }, reason: '调动' });
    expect(leader.success).toBe(false);
  });
});

describe('extension (延期)', () => {
  it('at most extensionMaxCount times: a second extension is refused in Chinese', () => {
    expect(validateChange(ctx(), ext(6))).toEqual([]);
    expect(validateChange(ctx({ approvedExtensionMonths: [6], effectiveEnd: '2028-06-30' }), ext(3))).toEqual(['延期次数已达上限：本项目已批准延期1次，最多1次']);
  });
  it('at most extensionMaxMonths months at once', () => {
    expect(validateChange(ctx(), ext(13))).toEqual(['单次延期不超过12个月，申请13个月']);
  });
  it('requested at least extensionNoticeMonths before the EFFECTIVE end: the last day passes, the next is refused', () => {
    expect(changeRequestDeadline('extension', '2027-12-31', DEFAULT_POST_AWARD_SETTINGS)).toBe('2027-09-30');
    expect(validateChange(ctx({ today: '2027-09-30' }), ext(6))).toEqual([]);
    expect(validateChange(ctx({ today: '2027-10-01' }), ext(6))[0]).toContain('延期须在有效结束日期（2027-12-31）前至少3个月提出，即不晚于2027-09-30');
    // The notice was judged when requested; the decision does not re-judge it.
    expect(validateChange(ctx({ today: '2027-10-01', atDecision: true }), ext(6))).toEqual([]);
  });
  it('the settings of the project rule set govern (2 extensions of 24 months allowed there)', () => {
    const settings = { ...DEFAULT_POST_AWARD_SETTINGS, extensionMaxCount: 2, extensionMaxMonths: 24 };
    expect(validateChange(ctx({ settings, approvedExtensionMonths: [6], effectiveEnd: '2028-06-30' }), ext(18))).toEqual([]);
  });
  it('NB-2 an extension may not take the period beyond the category limit', () => {
    expect(validateChange(ctx({ maxDurationMonths: 24 }), ext(6))).toEqual(['NB-2：延期后实施期30个月，超过上限24个月']);
  });
  it('moves every later deadline with the effective end and names each one', () => {
    const moved = movedDeadlines('2026-01-01', '2027-12-31', addMonths('2027-12-31', 6), DEFAULT_POST_AWARD_SETTINGS);
    expect(moved.map((d) => [d.key, d.before, d.after])).toEqual([
      ['effectiveEnd', '2027-12-31', '2028-06-30'],
      ['acceptanceDeadline', '2028-06-30', '2028-12-30'],
      ['finalReportDue', '2028-01-31', '2028-07-31'],
      ['extensionRequestDeadline', '2027-09-30', '2028-03-30'],
    ]);
    expect(movedDeadlinesText(moved)).toContain('验收申请截止（结束后6个月内） 2028-06-30 → 2028-12-30');
  });
  it('property: the acceptance deadline is always the effective end plus the window, whatever extensions were approved', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }), (d, months) => {
      const end = d.toISOString().slice(0, 10);
      const eff = effectiveEndDate(end, months);
      const acc = projectDeadlines('2024-01-01', eff, DEFAULT_POST_AWARD_SETTINGS).find((x) => x.key === 'acceptanceDeadline')!;
      expect(acc.date).toBe(addMonths(eff, DEFAULT_POST_AWARD_SETTINGS.acceptanceWindowMonths));
      expect(applyChange({ ...base, endDate: end }, ext(months.reduce((a, b) => a + b, 0) || 1)).endDate >= end).toBe(true);
    }));
  });
  it('the supplementary task book carries the new end date; the base is not changed', () => {
    const before = JSON.stringify(base);
    expect(applyChange(base, ext(6)).endDate).toBe('2028-06-30');
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('research content or technical route (研究内容或技术路线)', () => {
  const change = (directionUnchanged: boolean, indicators?: Indicator[]): Change => ({ type: 'content', payload: { researchContent: '调整后的研究内容（演示）', technicalRoute: '', directionUnchanged, indicators } });
  it('is only filed when the direction is unchanged and no indicator is lowered', () => {
    expect(changeApprover(change(true), base)).toEqual({ approver: 'none', why: [] });
  });
  it('goes to the bureau when the applicant declares the direction changed, or an indicator is lowered (mechanically)', () => {
    expect(changeApprover(change(false), base).approver).toBe('bureau');
    const lowered = base.indicators.map((i, k) => (k === 0 ? { ...i, targetValue: '0' } : i));
    const r = changeApprover(change(true, lowered), base);
    expect(r.approver).toBe('bureau');
    expect(r.why[0]).toMatch(/低于原要求|无法机械比较|不得更改/);
  });
  it('applies the new text to the template sections', () => {
    expect(applyChange(base, change(true)).sections['plan.contentAndIndicators']).toBe('调整后的研究内容（演示）');
  });
});

describe('indicator comparison', () => {
  it('higher is better unless the target says otherwise', () => {
    expect(loweredIndicators([ind()], [ind({ targetValue: '≥96' })])).toEqual([]);
    expect(loweredIndicators([ind()], [ind({ targetValue: '≥93' })])).toEqual(['指标「良品率」：目标值低于原要求（原为「≥95」，现为「≥93」），按降低处理']);
    const defect = ind({ name: '不良率', currentValue: '5', targetValue: '≤1' });
    expect(loweredIndicators([defect], [{ ...defect, targetValue: '≤2' }])).toHaveLength(1);
    expect(loweredIndicators([defect], [{ ...defect, targetValue: '≤0.5' }])).toEqual([]);
  });
  it('a dropped indicator, a core indicator made non-core, a changed unit or an uncomparable target counts as lowered', () => {
    expect(loweredIndicators([ind()], [])).toEqual(['指标「良品率」被删除']);
    expect(loweredIndicators([ind()], [ind({ core: false })])).toHaveLength(1);
    expect(loweredIndicators([ind()], [ind({ unit: '‰' })])).toHaveLength(1);
    expect(loweredIndicators([ind({ targetValue: '国内领先' })], [ind({ targetValue: '国内先进' })])).toHaveLength(1);
  });
});

describe('budget adjustments', () => {
  it('between subjects: filed with the unit; every source total is kept (property)', () => {
    expect(changeApprover({ type: 'budgetSubjects', payload: { transfers: [] } }, base).approver).toBe('unit');
    const transfer = fc.record({ from: fc.constantFrom(...BUDGET_SUBJECTS), to: fc.constantFrom(...BUDGET_SUBJECTS), source: fc.constantFrom(...BUDGET_SOURCES), amountYuan: fc.integer({ min: 1, max: 300_000 }) });
    fc.assert(fc.property(fc.array(transfer, { minLength: 1, maxLength: 5 }), (transfers) => {
      const change: Change = { type: 'budgetSubjects', payload: { transfers } };
      if (validateChange(ctx(), change).length > 0) return;
      const after = applyChange(base, change);
      for (const src of BUDGET_SOURCES) expect(after.budget.reduce((s, l) => s + l[src], 0)).toBe(base.budget.reduce((s, l) => s + l[src], 0));
      expect(after.budget.every((l) => BUDGET_SOURCES.every((src) => l[src] >= 0))).toBe(true);
    }));
  });
  it('between subjects: cannot move more than a subject has', () => {
    const line = base.budget[0]!;
    const problems = validateChange(ctx(), { type: 'budgetSubjects', payload: { transfers: [{ from: line.subject, to: line.subject === 'other' ? 'travel' : 'other', source: 'fiscalDistrictYuan', amountYuan: line.fiscalDistrictYuan + 1 }] } });
    expect(problems[0]).toMatch(/^第1笔：.*只有.*不能调出/);
  });
  it('NB-7 of the total: a fiscal increase is refused; self-raised money may change', () => {
    const more = base.budget.map((l, i) => (i === 0 ? { ...l, fiscalDistrictYuan: l.fiscalDistrictYuan + 10_000 } : l));
    expect(validateChange(ctx(), { type: 'budgetTotal', payload: { lines: more } }).join()).toContain('不得增加财政经费：区级财政');
    const selfRaised = base.budget.map((l, i) => (i === 0 ? { ...l, selfRaisedYuan: l.selfRaisedYuan + 500_000 } : l));
    expect(validateChange(ctx(), { type: 'budgetTotal', payload: { lines: selfRaised } })).toEqual([]);
    expect(changeApprover({ type: 'budgetTotal', payload: { lines: selfRaised } }, base).approver).toBe('bureau');
  });
  it('between partners: every partner listed and the total share kept', () => {
    expect(validateChange(ctx(), { type: 'budgetPartners', payload: { shares: [{ creditCode: 'A', budgetSharePercent: 15 }, { creditCode: 'B', budgetSharePercent: 15 }] } })).toEqual([]);
    expect(validateChange(ctx(), { type: 'budgetPartners', payload: { shares: [{ creditCode: 'A', budgetSharePercent: 25 }, { creditCode: 'B', budgetSharePercent: 15 }] } })).toEqual(['合作单位经费比例合计须保持30%，调整后为40%']);
    expect(validateChange(ctx(), { type: 'budgetPartners', payload: { shares: [{ creditCode: 'A', budgetSharePercent: 30 }] } })[0]).toContain('缺少：乙研究院');
  });
});

describe('leader and undertaking unit', () => {
  it('the new unit must be a registered organisation (by credit code)', () => {
    const change: Change = { type: 'undertaker', payload: { creditCode: '91330206MA2YYYYYY2' } };
    expect(validateChange(ctx({ registeredUnit: null }), change)[0]).toContain('不是平台已注册单位');
    expect(validateChange(ctx({ registeredUnit: { name: '新单位', creditCode: '91330206MA2YYYYYY2' } }), change)).toEqual([]);
    expect(applyChange(base, { type: 'undertaker', payload: { creditCode: '91330206MA2YYYYYY2', name: '新单位' } }).parties.undertaker).toEqual({ name: '新单位', creditCode: '91330206MA2YYYYYY2' });
  });
  it('a change after the effective end is refused', () => {
    expect(validateChange(ctx({ today: '2028-01-01' }), { type: 'leader', payload: { name: '王五', idNumber: '', title: '' } })).toEqual(['变更须在执行期内提出：有效结束日期 2027-12-31 已过']);
  });
});
