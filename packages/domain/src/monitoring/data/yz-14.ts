/**
 * YZ-2: 图表 2 “十四五”鄞州科技创新发展规划指标体系, from seed 001. Sixteen indicators in four categories with the
 * 2020 value, the 2025 target and the 核心指标 mark exactly as the table gives them; units are the parenthesised
 * part of each name. The seed carries no title page, issuer, document number or date: the plan is named after the
 * table's title ("“十四五”鄞州科技创新发展规划"), and the issuer field says the source names none.
 *
 * Monitoring settings the table does not give, and which the bureau may change: every indicator is
 * higher-is-better; counts are reported monthly, ratios and shares annually; the plan names no responsible units,
 * so the district S&T bureau (区科技局) is the lead of each.
 */
import type { IndicatorDef, PlanDef } from '../types.js';

const CATEGORIES = ['创新发展牵引力明显攀升', '创新企业竞争力显著提高', '创新平台支撑力稳步增强', '创新生态承载力大幅提升'] as const;

const NOTE = '规划未指定责任单位，默认由区科技局牵头。';

function row(
  seq: number,
  category: (typeof CATEGORIES)[number],
  name: string,
  unit: string,
  base: string | null,
  target: string,
  core: boolean,
  kind: 'count' | 'ratio' | 'flow',
  extra = '',
): IndicatorDef {
  return {
    code: `yz14-${String(seq).padStart(2, '0')}`,
    category,
    seq,
    name,
    unit,
    direction: 'higher',
    core,
    targetKind: 'level',
    // Stocks (企业数) and ratios take the latest value of a year; flows (交易额, 收入) add up.
    aggregation: kind === 'flow' ? 'sum' : 'last',
    base: { year: 2020, value: base },
    target: { year: 2025, value: target },
    actual: null,
    responsibleUnits: ['yz-kjj'],
    frequency: kind === 'ratio' ? 'annual' : 'monthly',
    dataSource: '',
    definition: `${name}（${unit}）`,
    ruleIds: ['YZ-2'],
    note: `${extra}${NOTE}`,
  };
}

const [C1, C2, C3, C4] = CATEGORIES;

export const YZ_14: PlanDef = {
  code: 'yz-14',
  name: '“十四五”鄞州科技创新发展规划',
  shortName: '鄞州“十四五”',
  issuer: '鄞州区（源文件未载明发布机关）',
  documentNo: null,
  issuedOn: null,
  periodStart: 2021,
  periodEnd: 2025,
  status: 'active',
  source: '《“十四五”鄞州科技创新发展规划》图表 2',
  ruleIds: ['YZ-2'],
  categories: [...CATEGORIES],
  indicators: [
    row(1, C1, '入选国家级、省级“培养工程”人才', '人', '14', '25', true, 'count'),
    row(2, C1, '公民具备科学素质的比例', '%', null, '20', false, 'ratio', '2020年值在源表中为“-”（缺失）。'),
    row(3, C1, '高新技术产业投资占工业投资比重', '%', '64.99', '70', false, 'ratio'),
    row(4, C1, '高新技术产业增加值占规模以上工业增加值比重', '%', '65.7', '70', true, 'ratio'),
    row(5, C1, '全社会R&D经费占GDP比重', '%', '2.9', '3.6', true, 'ratio'),
    row(6, C2, '高新技术企业数', '家', '506', '1000', true, 'count'),
    row(7, C2, '科技型中小企业数', '家', '2685', '4000', true, 'count'),
    row(8, C2, '规模以上工业企业R&D经费支出占营业收入比重', '%', '2.7', '3.0', true, 'ratio', '正文作“力争达3.0%”。'),
    row(9, C2, 'PCT国际专利申请量', '件', '97', '100', true, 'flow'),
    row(10, C2, '有效发明专利拥有量', '件', '5066', '6000', false, 'count'),
    row(11, C3, '产业技术研究院', '家', '4', '5', false, 'count'),
    row(12, C3, '创新服务综合体', '家', '7', '10', false, 'count'),
    row(13, C3, '国家级双创平台', '家', '12', '15', false, 'count'),
    row(14, C3, '全链条孵化载体数量', '个', '48', '60', false, 'count'),
    row(15, C4, '技术交易额', '亿元', '25.58', '40', false, 'flow'),
    row(16, C4, '规上科技服务业企业主营业务收入', '亿元', '42.3', '90', false, 'flow', '正文作“突破90亿元”。'),
  ],
  tasks: [],
};
