/**
 * YZ-1: 图表 1 “十三五”鄞州主要科技指标完成情况, from seed 001 (the Yinzhou 14th-FYP text, which reports the 13th
 * plan's results in its 现实基础 section). Seven rows, 2016 base, 2020 target, 2020 actual, exactly as the table
 * gives them.
 *
 * The seed does not contain the 13th-FYP document itself, nor name its issuing body: the plan is identified by
 * the table's title, and the issuer field says that the source names none.
 */
import type { IndicatorDef, PlanDef } from '../types.js';

const SOURCE = '“十四五”鄞州科技创新发展规划 图表1 “十三五”鄞州主要科技指标完成情况';

function row(
  seq: number,
  name: string,
  unit: string,
  base: string | null,
  target: string | null,
  actual: string | null,
  aggregation: IndicatorDef['aggregation'],
  note: string,
): IndicatorDef {
  return {
    code: `yz13-${String(seq).padStart(2, '0')}`,
    category: null,
    seq,
    name,
    unit,
    direction: 'higher',
    // The 13th-plan table marks no core indicators.
    core: false,
    targetKind: 'level',
    aggregation,
    base: { year: 2016, value: base },
    target: { year: 2020, value: target },
    actual: { year: 2020, value: actual },
    responsibleUnits: ['yz-kjj'],
    frequency: 'annual',
    dataSource: SOURCE,
    definition: '',
    ruleIds: ['YZ-1'],
    note,
  };
}

export const YZ_13: PlanDef = {
  code: 'yz-13',
  name: '“十三五”鄞州主要科技指标',
  shortName: '鄞州“十三五”',
  issuer: '鄞州区（源文件未载明发布机关）',
  documentNo: null,
  issuedOn: null,
  periodStart: 2016,
  periodEnd: 2020,
  status: 'completed',
  source: '《“十四五”鄞州科技创新发展规划》图表 1',
  ruleIds: ['YZ-1'],
  // The table has no categories.
  categories: [],
  indicators: [
    row(1, '全社会R&D经费支出占GDP比重', '%', '2.33', '2.9', '2.9', 'last', '源表单位为“%”。'),
    row(2, '每万人拥有有效发明专利授权数', '件/万人', '32.8', '40', '45', 'last', '源表单位为“件/万人”。'),
    row(
      3,
      '每年新认定高新技术企业',
      '家',
      null,
      null,
      null,
      'sum',
      '源表此行只有两个数字：“2016年基数”列为空，其后依次为30、146。三列只给了两个数，源表未说明它们各属哪一列（30可能是每年目标，也可能是基数），' +
        '故不猜测：目标与实绩均记为缺失，完成情况显示“无法判断”（YZ-1）。源表原文：基数（空）、30、146。',
    ),
    row(4, '创新型初创企业', '家', '1305', '2000', '2685', 'last', '源表单位为“家，累计”：累计数。'),
    row(5, '高新技术产业增加值占规模以上工业增加值', '%', '52.4', '58', '65.7', 'last', '源表单位为“%”。'),
    row(6, '技术交易额', '亿元', '5.1', '7.5', '25.6', 'sum', '源表单位为“亿元”。正文另记2020年技术交易额25.58亿元，表中为25.6。'),
    row(7, '全链条孵化载体数量', '', '14', '50', '48', 'last', '源表未注明单位（“十四五”指标体系同名指标的单位为“个”）。'),
  ],
  tasks: [],
};
