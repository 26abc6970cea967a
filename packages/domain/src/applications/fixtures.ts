/** Complete, valid example applications for tests and demo data (fictional people and organisations). */
import { DEFAULT_PROPOSAL_TEMPLATE } from '../programmes/proposal-template.js';
import type { ApplicationCall, ApplicationLead } from './checks.js';
import type { ApplicationContent } from './content.js';
import { residentIdCheckChar } from './resident-id.js';

const WAN = 10_000;
const id17 = '33020619800101123';
/** A made-up resident ID with a valid check character (born 1980). */
export const EXAMPLE_RESIDENT_ID = id17 + residentIdCheckChar(id17);

const sections = Object.fromEntries(DEFAULT_PROPOSAL_TEMPLATE.flatMap((s) => s.items.map((i) => [i.key, `${i.title}：本项目围绕一体化压铸模具开展研究（示例文字）。`])));

/** A Beilun 强链类 application: 1,000万 total, 300万 fiscal (BL-5 30% = 300万, BL-6 cap 300万). */
export function exampleBeilunContent(): ApplicationContent {
  return {
    basic: {
      title: '大型一体化压铸高端模具设计与制造关键技术',
      categoryCode: 'chain',
      guidelineItemCode: 'BL-2026-02',
      fieldCode: 'equipment',
      subDirection: '高端模具',
      taskType: 'commonTechnology',
      industryChain: '器件',
      innovationChain: '技术开发',
      startDate: '2026-07-01',
      endDate: '2028-06-30',
      keywords: ['一体化压铸', '模具', '热处理'],
      industrialisationOriented: false,
      leadTiers: ['chainEnterprise'],
    },
    indicators: [
      { kind: 'technical', name: '模具寿命', unit: '模次', currentValue: '50000', targetValue: '100000', verification: '第三方检测报告' },
      { kind: 'economic', name: '新增销售收入', unit: '万元', currentValue: '0', targetValue: '5000', verification: '财务审计报告' },
    ],
    yearlyPlan: [
      { year: 2026, goals: '完成设计仿真平台', milestones: [{ date: '2026-12-31', description: '仿真平台上线' }] },
      { year: 2027, goals: '完成样模试制', milestones: [{ date: '2027-12-31', description: '样模通过验证' }] },
    ],
    team: {
      leader: { name: '张示例', title: '正高级工程师', birthYear: 1980, idNumber: EXAMPLE_RESIDENT_ID },
      members: [{ name: '李示例', title: '高级工程师', role: '仿真分析', timeSharePercent: 60 }],
    },
    partners: [{ name: '宁波海湾先进制造研究院', creditCode: '52330206MJ9F3R4N8A', type: 'institute', region: '浙江省宁波市北仑区', role: 'participant', workSharePercent: 20, budgetSharePercent: 10 }],
    budget: {
      lines: [
        { subject: 'equipment', fiscalCityYuan: 0, fiscalDistrictYuan: 200 * WAN, selfRaisedYuan: 300 * WAN, otherYuan: 0 },
        { subject: 'materials', fiscalCityYuan: 0, fiscalDistrictYuan: 100 * WAN, selfRaisedYuan: 400 * WAN, otherYuan: 0 },
      ],
      overlaps: [],
    },
    topics: [],
    attachments: [
      { slot: 'businessLicence', fileId: 'f1', fileName: '营业执照.pdf', contentType: 'application/pdf', sizeBytes: 120_000, sha256: 'a'.repeat(64) },
      { slot: 'financialStatements', fileId: 'f2', fileName: '2025年审计报告.pdf', contentType: 'application/pdf', sizeBytes: 900_000, sha256: 'b'.repeat(64) },
    ],
    sections,
  };
}

/** The lead as the organisation profile gives it: tiers are declared in the application (basic.leadTiers). */
export const EXAMPLE_LEAD: ApplicationLead = { name: '宁波甬创智能装备有限公司', organisationType: 'enterprise', region: '浙江省宁波市北仑区', tiers: [] };

export function exampleCall(over: Partial<ApplicationCall> = {}): ApplicationCall {
  return {
    status: 'published',
    opensAt: '2026-06-01T00:00:00+08:00',
    closesAt: '2026-08-15T17:00:00+08:00',
    categoryCodes: ['leading', 'chain', 'incubation'],
    fieldCodes: ['ic', 'equipment', 'materials'],
    guidelineItemCodes: ['BL-2026-01', 'BL-2026-02', 'BL-2026-03'],
    formSections: DEFAULT_PROPOSAL_TEMPLATE,
    requiredAttachments: ['businessLicence', 'financialStatements'],
    eligibility: {},
    requiresRecommendation: false,
    hasTopics: false,
    ...over,
  };
}
