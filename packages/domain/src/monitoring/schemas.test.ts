import { describe, expect, it } from 'vitest';
import { indicatorPatchSchema, planSettingsPatchSchema, monitoringSettingsSchema, reportedFigureInputSchema, reportValueInputSchema, returnCommentSchema, taskProgressInputSchema } from './schemas.js';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('report value input', () => {
  it('reads the figure as typed and defaults the note', () => {
    expect(reportValueInputSchema.parse({ value: ' １，２３４．５ ' })).toEqual({ value: '1234.5', note: '' });
    expect(reportValueInputSchema.parse({ value: '3.0', note: ' 统计局快报 ' })).toEqual({ value: '3.0', note: '统计局快报' });
  });

  it('refuses a missing or malformed value and a long note, in Chinese', () => {
    expect(messages(reportValueInputSchema.safeParse({}))).toEqual(['请填写数值']);
    expect(messages(reportValueInputSchema.safeParse({ value: '' }))).toEqual(['请填写数值']);
    expect(messages(reportValueInputSchema.safeParse({ value: '约100' }))).toEqual(['数值：“约100”不是有效的数字']);
    expect(messages(reportValueInputSchema.safeParse({ value: '56%' }))).toEqual(['数值：“56%”不能带百分号，请只填数值']);
    expect(messages(reportValueInputSchema.safeParse({ value: 12 }))).toEqual(['请填写数值']);
    expect(messages(reportValueInputSchema.safeParse({ value: '1', note: '字'.repeat(501) }))).toEqual(['说明不超过500个字']);
    expect(reportValueInputSchema.safeParse({ value: '1', note: '字'.repeat(500) }).success).toBe(true);
  });
});

describe('indicator patch', () => {
  it('accepts any subset of the monitoring settings, a missing base value as null', () => {
    expect(indicatorPatchSchema.parse({ base: { year: 2022, value: '2,685' }, responsibleUnits: ['nb-kjj', 'nb-jxj'], frequency: 'quarterly' })).toEqual({
      base: { year: 2022, value: '2685' },
      responsibleUnits: ['nb-kjj', 'nb-jxj'],
      frequency: 'quarterly',
    });
    expect(indicatorPatchSchema.parse({ base: { year: 2020, value: null } })).toEqual({ base: { year: 2020, value: null } });
    expect(indicatorPatchSchema.parse({ core: true, direction: 'lower', dataSource: '市统计局', definition: '年末数' })).toMatchObject({ core: true, direction: 'lower' });
  });

  it('refuses an empty patch, repeated or empty units, bad enums and years, in Chinese', () => {
    expect(messages(indicatorPatchSchema.safeParse({}))).toEqual(['请至少修改一项']);
    expect(messages(indicatorPatchSchema.safeParse({ responsibleUnits: [] }))).toEqual(['请至少指定一个责任单位（第一个为牵头单位）']);
    expect(messages(indicatorPatchSchema.safeParse({ responsibleUnits: ['nb-kjj', 'nb-kjj'] }))).toEqual(['责任单位“nb-kjj”重复']);
    expect(messages(indicatorPatchSchema.safeParse({ responsibleUnits: ['市科技局'] }))).toEqual(['责任单位代码只能含字母、数字、连字符和下划线']);
    expect(messages(indicatorPatchSchema.safeParse({ frequency: 'weekly' }))).toEqual(['填报频率无效']);
    expect(messages(indicatorPatchSchema.safeParse({ direction: 'up' }))).toEqual(['指标方向无效']);
    expect(messages(indicatorPatchSchema.safeParse({ target: { year: 2027.5, value: 'x' } }))).toEqual(['目标年份须为整数', '目标值：“x”不是有效的数字']);
    expect(messages(indicatorPatchSchema.safeParse({ base: { year: 2027, value: '1' }, target: { year: 2027, value: '2' } }))).toEqual(['目标年份须晚于基数年份']);
  });
});

describe('task progress, return comment, settings', () => {
  it('task progress: whole percent 0–100 and a progress text', () => {
    expect(taskProgressInputSchema.parse({ percent: 40, progress: '已完成选址' })).toEqual({ percent: 40, progress: '已完成选址', note: '' });
    expect(messages(taskProgressInputSchema.safeParse({ percent: 101, progress: ' ' }))).toEqual(['完成进度不能超过100', '请填写进展情况']);
    expect(messages(taskProgressInputSchema.safeParse({ percent: 2.5, progress: '字'.repeat(1001) }))).toEqual(['完成进度须为整数', '进展情况不超过1000个字']);
    expect(messages(taskProgressInputSchema.safeParse({ progress: 'x' }))).toEqual(['请填写完成进度（0–100的整数）']);
  });

  it('a return needs a comment', () => {
    expect(returnCommentSchema.parse({ comment: ' 请补充数据来源 ' })).toEqual({ comment: '请补充数据来源' });
    expect(messages(returnCommentSchema.safeParse({ comment: '' }))).toEqual(['请填写退回意见']);
    expect(messages(returnCommentSchema.safeParse({ comment: '字'.repeat(501) }))).toEqual(['退回意见不超过500个字']);
  });

  it('settings: tolerance 0–100, due day 1–28', () => {
    expect(monitoringSettingsSchema.parse({ tolerancePercent: '5', dueDay: 10 })).toEqual({ tolerancePercent: '5', dueDay: 10 });
    expect(messages(monitoringSettingsSchema.safeParse({ tolerancePercent: '-1', dueDay: 31 }))).toEqual(['容差须在0到100之间', '报送截止日须为每月1日至28日']);
  });
});

describe('YJ-2 reported figure input', () => {
  it('shares keep their written precision, with or without %', () => {
    expect(reportedFigureInputSchema.parse({ year: 2024, metric: 'jointShare', reported: '56.17%' })).toEqual({ year: 2024, metric: 'jointShare', reported: '56.17', source: '' });
    expect(reportedFigureInputSchema.parse({ year: 2024, metric: 'enterpriseShare', reported: '76', source: '年度报告' })).toMatchObject({ reported: '76', source: '年度报告' });
    expect(reportedFigureInputSchema.parse({ year: 2024, metric: 'approved', reported: '301' })).toMatchObject({ reported: '301' });
  });

  it('refuses shares above 100%, fractional counts and unknown metrics, in Chinese', () => {
    expect(messages(reportedFigureInputSchema.safeParse({ year: 2024, metric: 'jointShare', reported: '156%' }))).toEqual(['报告的占比须在0%到100%之间']);
    expect(messages(reportedFigureInputSchema.safeParse({ year: 2024, metric: 'joint', reported: '169.5' }))).toEqual(['报告值：“169.5”须为整数']);
    expect(messages(reportedFigureInputSchema.safeParse({ year: 2024, metric: 'joint', reported: '-1' }))).toEqual(['报告的数量不能为负数']);
    expect(messages(reportedFigureInputSchema.safeParse({ year: 2024, metric: 'joint', reported: '' }))).toEqual(['请填写报告值']);
    expect(messages(reportedFigureInputSchema.safeParse({ year: 2024, metric: 'share', reported: '1' }))).toEqual(['统计项无效']);
  });
});

describe('P315-3 tolerance band', () => {
  it.each([
    [1.005, '1.01'], // Math.round(1.005 * 100) / 100 is 1
    ['1.005', '1.01'],
    [0.0000001, '0'],
    [5, '5'],
    ['2.345', '2.35'],
    [50, '50'],
  ] as const)('%s is kept as %s', (input, kept) => {
    expect(planSettingsPatchSchema.parse({ tolerancePercent: input }).tolerancePercent).toBe(kept);
  });
  it('a float rounding would give the wrong last digit', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1);
  });
  it.each([-1, 50.01, 'abc', Number.NaN, Infinity])('refuses %s with a Chinese message', (input) => {
    const r = planSettingsPatchSchema.safeParse({ tolerancePercent: input });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.message).toMatch(/容差/);
  });
});
