import { DEFAULT_PROPOSAL_TEMPLATE } from '@kechuang/domain';
import { describe, expect, it } from 'vitest';
import { differences } from './content-diff';
import { fieldId, fieldLabel, reasonsFor, returnFieldOptions, tabOf } from './model';

describe('where a field path lives in the editor', () => {
  it('sends a problem or a return reason to the tab that holds its field', () => {
    expect(tabOf('basic.endDate')).toBe('basic');
    expect(tabOf('yearlyPlan.1.milestones.0.date')).toBe('plan');
    expect(tabOf('team.leader.idNumber')).toBe('team');
    expect(tabOf('budget.lines.2.selfRaisedYuan')).toBe('budget');
    expect(tabOf('sections.plan.goals')).toBe('sec-plan');
    expect(tabOf('attachments.businessLicence')).toBe('attachments');
    // Eligibility problems about the lead organisation sit on the basic information.
    expect(tabOf('lead.organisationType')).toBe('basic');
    // A call's own template may key its items freely: the section that lists the item decides.
    expect(tabOf('sections.goalsOfProject', [{ key: 'plan', title: '项目实施思路', items: [{ key: 'goalsOfProject', title: '项目目标', kind: 'richText', required: true }] }])).toBe('sec-plan');
  });

  it('names paths in Chinese, with the row of a table', () => {
    expect(fieldLabel('basic.title', DEFAULT_PROPOSAL_TEMPLATE)).toBe('项目名称');
    expect(fieldLabel('budget.lines.1.fiscalCityYuan', DEFAULT_PROPOSAL_TEMPLATE)).toBe('预算表 第2行');
    expect(fieldLabel('sections.plan.goals', DEFAULT_PROPOSAL_TEMPLATE)).toBe('项目实施思路 · 项目目标');
    expect(fieldLabel('unknown.path', DEFAULT_PROPOSAL_TEMPLATE)).toBe('unknown.path');
  });

  it('offers every text item of the template and the structured parts as a return reason’s field, topics only for a special-project call', () => {
    const plain = returnFieldOptions(DEFAULT_PROPOSAL_TEMPLATE, false).flatMap((g) => g.options.map((o) => o.value));
    expect(plain).toContain('sections.plan.goals');
    expect(plain).toContain('budget');
    expect(plain).not.toContain('topics');
    expect(returnFieldOptions(DEFAULT_PROPOSAL_TEMPLATE, true).flatMap((g) => g.options.map((o) => o.value))).toContain('topics');
  });

  it('finds the reasons of a field and of the part around it', () => {
    const reasons = [
      { field: 'sections.plan.goals', reason: 'a' },
      { field: 'team.leader.title', reason: 'b' },
      { field: 'team.leader', reason: 'c' },
    ];
    expect(reasonsFor(reasons, 'team.leader').map((r) => r.reason)).toEqual(['b', 'c']);
    expect(reasonsFor(reasons, 'team.leader', true).map((r) => r.reason)).toEqual(['c']);
    expect(reasonsFor(reasons, 'sections.plan')).toHaveLength(1);
    expect(fieldId('sections.plan.goals')).toBe('af-sections.plan.goals');
  });
});

describe('the conflict modal’s comparison', () => {
  it('lists only the values that differ, by path', () => {
    const mine = { basic: { title: '甲', keywords: ['a', 'b'] }, sections: { x: '同' } };
    const theirs = { basic: { title: '乙', keywords: ['a'] }, sections: { x: '同' } };
    expect(differences(mine, theirs)).toEqual([
      { path: 'basic.keywords.1', mine: 'b', theirs: undefined },
      { path: 'basic.title', mine: '甲', theirs: '乙' },
    ]);
    expect(differences(mine, mine)).toEqual([]);
  });
});
