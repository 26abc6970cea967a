import { describe, expect, it } from 'vitest';
import { SEED_PLANS } from './data/index.js';
import type { IndicatorDef } from './types.js';
import { validateReportRows } from './validation.js';

const nb = SEED_PLANS.find((p) => p.code === 'nb-315')!;
/** The indicators 市科技局 leads. */
const allowed = new Map<string, IndicatorDef>(nb.indicators.filter((i) => i.responsibleUnits[0] === 'nb-kjj').map((i) => [i.code, i]));

describe('P315-3 Excel upload rows', () => {
  it('keeps the good rows and reports each bad one with its line number', () => {
    const r = validateReportRows(
      [
        { line: 2, indicatorCode: 'p315-01', value: 3.7100000000000004, note: '快报数' },
        { line: 3, indicatorCode: 'p315-07', value: '12,345', note: null },
        { line: 4, indicatorCode: 'p315-16', value: '3', note: '' },
        { line: 5, indicatorCode: 'p315-08', value: '', note: '' },
        { line: 6, indicatorCode: 'p315-09', value: '约80', note: '' },
        { line: 7, indicatorCode: ' ', value: '1', note: '' },
        { line: 8, indicatorCode: 'p315-10', value: '3.1', note: '字'.repeat(501) },
        { line: 9, indicatorCode: 'p315-11', value: '90', note: '' },
        { line: 10, indicatorCode: 'p315-11', value: '95', note: '' },
        { line: 11, indicatorCode: 'p315-14', value: '66.5%', note: undefined },
        { line: 12, indicatorCode: 'p315-13', value: '50%', note: '' },
        { line: 13, indicatorCode: 'p315-05', value: null, note: 42 },
      ],
      allowed,
    );
    expect(r.valid).toEqual([
      { line: 2, indicatorCode: 'p315-01', value: '3.71', note: '快报数' },
      { line: 3, indicatorCode: 'p315-07', value: '12345', note: '' },
      { line: 11, indicatorCode: 'p315-14', value: '66.5', note: '' },
    ]);
    expect(r.errors).toEqual([
      { line: 4, field: 'indicatorCode', message: '第4行：指标代码“p315-16”不存在或不属于本单位填报的指标' },
      { line: 5, field: 'value', message: '第5行：“省级科技领军企业”的数值为空' },
      { line: 6, field: 'value', message: '第6行：“科技小巨人企业”的“约80”不是有效的数字' },
      { line: 7, field: 'indicatorCode', message: '第7行：指标代码为空' },
      { line: 8, field: 'note', message: '第8行：说明不超过500个字（现为501个字）' },
      { line: 9, field: 'indicatorCode', message: '第9行：指标代码“p315-11”在文件中重复（另见第10行），请只保留一行' },
      { line: 10, field: 'indicatorCode', message: '第10行：指标代码“p315-11”在文件中重复（另见第9行），请只保留一行' },
      { line: 12, field: 'value', message: '第12行：“科技攻关项目”的“50%”不能带百分号，请只填数值' },
      { line: 13, field: 'value', message: '第13行：“科教创共同体”的数值为空' },
    ]);
  });

  it('lists every error of a row and reports rows in line order', () => {
    const r = validateReportRows(
      [
        { line: 9, indicatorCode: 'nope', value: 'x', note: '字'.repeat(600) },
        { line: 3, indicatorCode: 'p315-01', value: Number.POSITIVE_INFINITY, note: '' },
      ],
      allowed,
    );
    expect(r.valid).toEqual([]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'value'],
      [9, 'indicatorCode'],
      [9, 'value'],
      [9, 'note'],
    ]);
    expect(r.errors[0]!.message).toBe('第3行：“全社会研究与试验发展经费支出占地区生产总值的比重”的数值必须是有限的数字');
  });
});
