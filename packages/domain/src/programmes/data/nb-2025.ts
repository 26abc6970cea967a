/**
 * 宁波市“科技创新2025”重大专项 from seed 002, the bureau's work plan for drafting the special projects'
 * implementation plans. The seed carries neither a document number nor a date. Its enterprise survey (附件2)
 * asks for 2014–2016 figures and it cites the 13th five-year S&T plan, so it dates from 2016; the version is
 * dated 2016-01-01, the first day of that year, which an officer should replace with the issuing date when
 * the document is found (a new version, BL-1).
 */
import type { CategoryRule, ProgrammeDefinition } from '../types.js';

/** NB-3 task types with NB-10 support range and 1:2 matching, NB-2 period; NB-5 orientation as noted. */
function taskType(code: string, name: string, description: string, industrialisationOriented: boolean): CategoryRule {
  return {
    code,
    name,
    description,
    subsidyRatio: null,
    // NB-10: “每个课题的支持强度500万-1000万元”.
    minYuan: 5_000_000,
    capYuan: 10_000_000,
    // NB-10: “承担单位（企业）给予1：2的自筹经费配套”.
    minMatchingMultiple: 2,
    // NB-2: “每个专项实施期原则上不超过5年”.
    maxDurationMonths: 60,
    // NB-5 is checked per project/topic through industrialisationOriented, not by a fixed list here.
    leadOrganisationTypes: [],
    leadTiers: [],
    industrialisationOriented,
  };
}

export const NB_2025: ProgrammeDefinition = {
  code: 'nb-2025',
  name: '宁波市“科技创新2025”重大专项',
  // The work plan speaks as “我局”, the city S&T bureau.
  issuer: '宁波市科学技术局',
  description:
    '面向全市重点领域、重点产业的重大科技需求，聚焦细分领域重大技术问题或技术瓶颈，凝练布局创新任务；以产业链中的关键技术节点为核心，从全产业链、全创新链两个维度进行全链条设计，一体化组织实施。设13个专项，创新任务由项目和课题组成。',
  versions: [
    {
      programmeCode: 'nb-2025',
      version: '2016',
      documentNo: '（无文号）',
      effectiveFrom: '2016-01-01',
      parameters: {
        // NB-9: “专项资金安排每年2亿元”; the 4–5亿 a year is an aim, not a budget.
        annualBudgetYuan: 200_000_000,
        // The document says nothing on overlapping higher-level projects; POLICY's default applies.
        overlapPolicy: 'topUp',
        // NB-6: out-of-city institutions and teams may undertake, on the two local commitments.
        outOfCityAllowed: true,
        homeRegion: '浙江省宁波市',
        // “申请单位最好能形成竞争态势”.
        selectionModes: ['competitive'],
        categories: [
          // Common key technologies may be forward-looking or basic work that a university or institute leads.
          taskType('key-common-tech', '重大关键共性技术攻关', '突破一批产业关键共性技术。', false),
          taskType('strategic-product', '重大战略产品开发', '开发出一批在全国乃至全球领跑的标志性、战略性的产品（装备、工艺等）。', true),
          taskType('achievement-transfer', '重大科技成果转化', '推进一批重大科技成果转化落实。', true),
          taskType('demonstration', '重大科技示范工程建设', '研发与转化同步推进、试验与示范同步展开。', true),
        ],
        // NB-1: the 13 special projects; the document lists no sub-directions for them.
        fields: [
          { code: 'fine-chemicals', name: '高端精细化工', subDirections: [] },
          { code: 'basic-components', name: '关键基础零部件', subDirections: [] },
          { code: 'magnetic-materials', name: '新型磁性材料与器件', subDirections: [] },
          { code: 'metal-materials', name: '高性能金属材料', subDirections: [] },
          { code: 'marine-materials', name: '海洋新材料', subDirections: [] },
          { code: 'carbon-materials', name: '先进碳材料', subDirections: [] },
          { code: 'cnc-robots', name: '高档数控机床与机器人', subDirections: [] },
          { code: 'chips-software', name: '智能芯片及基础软件', subDirections: [] },
          { code: 'info-infrastructure', name: '智能信息设施及产品', subDirections: [] },
          { code: 'clean-energy', name: '清洁能源与装备', subDirections: [] },
          { code: 'medical-equipment', name: '高性能诊疗设备', subDirections: [] },
          { code: 'new-energy-vehicles', name: '新能源汽车', subDirections: [] },
          { code: 'third-gen-semiconductors', name: '第三代半导体', subDirections: [] },
        ],
        // NB-4: 全产业链（原材料—器件—产品）、全创新链（前瞻研究—技术开发—成果转化—应用示范）.
        chainAxes: { industryChain: ['原材料', '器件', '产品'], innovationChain: ['前瞻研究', '技术开发', '成果转化', '应用示范'] },
        tierRewards: [],
        ruleIds: {
          category: 'NB-3',
          field: 'NB-1',
          cap: 'NB-10',
          range: 'NB-10',
          matching: 'NB-10',
          selfRaised: 'NB-10',
          duration: 'NB-2',
          budget: 'NB-9',
          industrialisation: 'NB-5',
          outOfCity: 'NB-6',
          chain: 'NB-4',
        },
      },
    },
  ],
};
