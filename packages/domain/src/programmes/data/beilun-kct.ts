/**
 * 北仑区关键核心技术攻关项目 from seed 000 (仑科〔2024〕2号, in force from 2024-03-27). Figures and lists are
 * the document's own; where the document is silent the parameter says so (null / empty) rather than guess.
 * The superseded 仑科〔2021〕20号 is not included as an earlier version: seed 000 only names it and gives none
 * of its parameters.
 */
import type { ProgrammeDefinition } from '../types.js';

export const BEILUN_KCT: ProgrammeDefinition = {
  code: 'beilun-kct',
  name: '北仑区关键核心技术攻关项目',
  issuer: '宁波市北仑区科学技术局、中共宁波市北仑区委人才工作领导小组办公室、宁波市北仑区财政局、宁波市北仑区发展和改革局',
  description:
    '围绕市“361”产业发展及北仑“强港强区”建设要求开展的攻关计划，面向区内支柱产业升级、新兴产业发展中的技术需求，支持推进技术（产品）国产替代和关键原创技术研发。设领军类、强链类、育成类三个类别。',
  versions: [
    {
      programmeCode: 'beilun-kct',
      version: '2024修订',
      documentNo: '仑科〔2024〕2号',
      effectiveFrom: '2024-03-27',
      parameters: {
        // 五、经费支持: “财政经费每年支持4000万元”.
        annualBudgetYuan: 40_000_000,
        // “按就高原则予以补助”: the document does not say whether the district tops up; top-up is POLICY's default.
        overlapPolicy: 'topUp',
        // District money for district enterprises (“扶持我区高成长、高潜力企业”); the document admits no outsiders.
        outOfCityAllowed: false,
        homeRegion: '浙江省宁波市北仑区',
        // 六、项目实施方式: 发布申报指南 → 专家评审 …
        selectionModes: ['competitive'],
        categories: [
          {
            code: 'leading',
            name: '领军类',
            description:
              '聚焦龙头企业，以提升产业原始创新能力、引领重点产业跨越发展为目标，充分发挥研发大户创新资源集聚效应，组织实施一批具有重大引领作用、协同效应突出、支撑作用明显的科技专项，加快推进战略性新技术、新产品应用落地。',
            subsidyRatio: { num: 3, den: 10 },
            capYuan: 5_000_000,
            minYuan: null,
            minMatchingMultiple: null,
            maxDurationMonths: null,
            leadOrganisationTypes: ['enterprise'],
            leadTiers: ['leadingEnterprise'],
            industrialisationOriented: false,
          },
          {
            code: 'chain',
            name: '强链类',
            description:
              '围绕产业链优势企业，以加快我区重点产业链强链补链、推动产业集群化发展为目标，支持研发投入较大，有一定攻关能力的科技企业围绕产业链部署创新链，着力填补产业链空白，加快提升企业科技创新核心竞争力。',
            subsidyRatio: { num: 3, den: 10 },
            capYuan: 3_000_000,
            minYuan: null,
            minMatchingMultiple: null,
            maxDurationMonths: null,
            leadOrganisationTypes: ['enterprise'],
            leadTiers: ['chainEnterprise'],
            industrialisationOriented: false,
          },
          {
            code: 'incubation',
            name: '育成类',
            description:
              '关注初创型科技人才企业，以扶持我区高成长、高潜力企业健康发展、提升创新能力为目标，支持一批高层次人才企业参与到关键核心技术攻关中，在未来形成新的产业赛道和经济增长点，营造科创生态加速育成的良好创新氛围。',
            subsidyRatio: { num: 3, den: 10 },
            capYuan: 1_000_000,
            minYuan: null,
            minMatchingMultiple: null,
            maxDurationMonths: null,
            leadOrganisationTypes: ['enterprise'],
            leadTiers: ['talentStartup'],
            industrialisationOriented: false,
          },
        ],
        // 三、项目重点领域, every direction the document lists, in its order.
        fields: [
          { code: 'ic', name: '集成电路', subDirections: ['集成电路核心元器件', '高精密芯片', '电子级精细化学品', '先进封测技术'] },
          {
            code: 'equipment',
            name: '高端装备',
            subDirections: ['高端模具', '高端数控机床', '高端车用部件', '高性能电机及驱动系统', '高端通信设备', '激光制造装备', '高精度测量设备', '智能成型装备', '新型工程装备', '工业机器人'],
          },
          {
            code: 'materials',
            name: '新材料',
            subDirections: ['高分子材料', '新能源车用材料', '电池材料', '金属材料', '稀土磁性材料', '晶体材料', '化工材料', '纺织材料', '功能膜材料'],
          },
          {
            code: 'health',
            name: '生命健康',
            subDirections: ['生物合成', '细胞治疗', '基因诊断', '药物开发', '医疗器械', '大健康', '重大疾病诊治与临床医学诊疗技术'],
          },
          {
            code: 'ai',
            name: '人工智能',
            subDirections: ['智能驾驶及人机交互', '工业互联网', '软件信息', '数字孪生', '大数据', '智能场景', '大模型开发', '物联网', '虚拟现实'],
          },
          // The document names no sub-directions here, only “其它…战略性新兴产业领域” under the provincial “315” system.
          { code: 'emerging', name: '其他新兴领域', subDirections: [] },
        ],
        chainAxes: { industryChain: [], innovationChain: [] },
        tierRewards: [],
        ruleIds: { category: 'BL-2', lead: 'BL-2', field: 'BL-3', ratio: 'BL-5', cap: 'BL-6', selfRaised: 'BL-6', overlap: 'BL-7', budget: 'BL-4', outOfCity: 'BL-2' },
      },
    },
  ],
};
