/**
 * 宁波市“315”科技创新体系工程建设实施方案(2023—2027年), from seed 004 (issued with a notice of 宁波市人民政府办公厅;
 * the seed gives neither the document number nor the date).
 *
 * P315-1: every quantitative 2027 target of 一(二) 发展目标, plus the two section-二 targets POLICY.md lists
 * (科技型中小企业4万家, “科创甬江2035”每年布局研发项目100项以上). Categories are the four sub-headings of 一(二);
 * the three targets in its opening sentence, which stands above the sub-headings, are filed under “总体目标”.
 * Base year 2022 with the base values missing: the seed gives none, the bureau enters them.
 * Counts and amounts are reported monthly, ratios and shares annually. The lead unit comes from the section-二
 * task that carries the same target where there is one, otherwise 市科技局; each row's note says which.
 * “以上”“超过”“突破” targets are stored as the figure: reaching it counts as met.
 *
 * P315-2: every numbered task of 二 重点任务 with its 责任单位 in the document's order (列第一位的为牵头单位),
 * “有关区〔县、市〕政府” included as a unit; milestones are the task's “到2027年……” targets, due 2027-12-31.
 * Task texts keep the seed's punctuation; section headings are written with full-width brackets.
 */
import type { IndicatorDef, MilestoneDef, PlanDef, TaskDef } from '../types.js';

const CATEGORIES = ['总体目标', '创新策源能力显著增强', '科技企业实现量质并举', '硬核创新成果加速供给', '开放创新生态高效优化'] as const;
type Category = (typeof CATEGORIES)[number];

const DUE = '2027-12-31';
const DEFAULT_LEAD = '源文件未在重点任务中给出同一目标，默认由市科技局牵头。';

interface Row {
  category: Category;
  name: string;
  unit: string;
  target: string;
  /** stock (counts, fund size) → monthly, last; flow → monthly, sum; ratio → annual, last. */
  kind: 'stock' | 'flow' | 'ratio';
  /** The source wording of the target. */
  definition: string;
  responsibleUnits?: string[];
  targetKind?: 'level' | 'growth';
  note: string;
}

function indicator(seq: number, r: Row): IndicatorDef {
  return {
    code: `p315-${String(seq).padStart(2, '0')}`,
    category: r.category,
    seq,
    name: r.name,
    unit: r.unit,
    direction: 'higher',
    core: false,
    targetKind: r.targetKind ?? 'level',
    aggregation: r.kind === 'flow' ? 'sum' : 'last',
    base: { year: 2022, value: null },
    target: { year: 2027, value: r.target },
    actual: null,
    responsibleUnits: r.responsibleUnits ?? ['nb-kjj'],
    frequency: r.kind === 'ratio' ? 'annual' : 'monthly',
    dataSource: '',
    definition: r.definition,
    ruleIds: ['P315-1'],
    note: r.note,
  };
}

const ROWS: Row[] = [
  { category: '总体目标', name: '全社会研究与试验发展经费支出占地区生产总值的比重', unit: '%', target: '3.75', kind: 'ratio', definition: '全社会研究与试验发展经费支出占地区生产总值的比重达到3.75%', note: DEFAULT_LEAD },
  { category: '总体目标', name: '每万人口高价值发明专利拥有量', unit: '件/万人', target: '20', kind: 'ratio', definition: '每万人口高价值发明专利拥有量达到20件以上', note: `目标为“20件以上”。${DEFAULT_LEAD}` },
  { category: '总体目标', name: '每万名就业人员中研发人员', unit: '人年/万人', target: '200', kind: 'ratio', definition: '每万名就业人员中研发人员达到200人年', note: DEFAULT_LEAD },
  {
    category: '创新策源能力显著增强',
    name: '区域创新极',
    unit: '个',
    target: '10',
    kind: 'stock',
    definition: '建成十大区域创新极',
    note: '目标为“十大区域创新极”。牵头单位取自重点任务（一）3“建成十大区域创新极”，其责任单位为市科技局、市经信局、市发改委、市商务局。',
    responsibleUnits: ['nb-kjj', 'nb-jxj', 'nb-fgw', 'nb-swj'],
  },
  { category: '创新策源能力显著增强', name: '科教创共同体', unit: '个', target: '10', kind: 'stock', definition: '建成十大科教创共同体', note: `目标为“十大科教创共同体”。${DEFAULT_LEAD}` },
  { category: '创新策源能力显著增强', name: '国家级实验室、创新中心', unit: '个', target: '3', kind: 'stock', definition: '拥有国家级实验室、创新中心3个以上', note: `目标为“3个以上”。重点任务（二）2“争创国家级技术创新中心”未给数量。${DEFAULT_LEAD}` },
  { category: '科技企业实现量质并举', name: '高新技术企业数量', unit: '家', target: '13000', kind: 'stock', definition: '高新技术企业数量达到1.3万家', note: `目标为“1.3万家”。重点任务（一）2的“超过2000家”仅指甬江科创区。${DEFAULT_LEAD}` },
  {
    category: '科技企业实现量质并举',
    name: '省级科技领军企业',
    unit: '家',
    target: '30',
    kind: 'stock',
    definition: '省级科技领军企业达到30家',
    note: '牵头单位取自重点任务（三）1“科技领军企业达到30家”（该处未写“省级”），其责任单位为市科技局、市经信局、市发改委。',
    responsibleUnits: ['nb-kjj', 'nb-jxj', 'nb-fgw'],
  },
  {
    category: '科技企业实现量质并举',
    name: '科技小巨人企业',
    unit: '家',
    target: '100',
    kind: 'stock',
    definition: '科技小巨人企业达到100家',
    note: '牵头单位取自重点任务（三）1“科技小巨人企业达到100家”，其责任单位为市科技局、市经信局、市发改委。',
    responsibleUnits: ['nb-kjj', 'nb-jxj', 'nb-fgw'],
  },
  { category: '科技企业实现量质并举', name: '规上工业企业研发费用支出占营业收入比重', unit: '%', target: '3.4', kind: 'ratio', definition: '规上工业企业研发费用支出占营业收入比重达到3.4%', note: DEFAULT_LEAD },
  { category: '科技企业实现量质并举', name: '企业研发总部', unit: '家', target: '100', kind: 'stock', definition: '集聚企业研发总部超过100家', note: `目标为“超过100家”，按达到100家计为完成。${DEFAULT_LEAD}` },
  {
    category: '科技企业实现量质并举',
    name: '科技型中小企业',
    unit: '家',
    target: '40000',
    kind: 'stock',
    definition: '到2027年,力争科技型中小企业突破4万家',
    note: '出自重点任务（三）1（不在一（二）发展目标中），目标为“突破4万家”；按主题归入“科技企业实现量质并举”。牵头单位取自重点任务（三）1，其责任单位为市科技局、市经信局、市发改委。',
    responsibleUnits: ['nb-kjj', 'nb-jxj', 'nb-fgw'],
  },
  { category: '硬核创新成果加速供给', name: '科技攻关项目', unit: '项', target: '500', kind: 'stock', definition: '实施科技攻关项目500项以上', note: `目标为“500项以上”，为2023—2027年累计数（每月报自2023年起的累计数，基数可填0）。${DEFAULT_LEAD}` },
  { category: '硬核创新成果加速供给', name: '高新技术产业增加值占规上工业增加值的比重', unit: '%', target: '66', kind: 'ratio', definition: '高新技术产业增加值占规上工业增加值的比重达到66%以上', note: `目标为“66%以上”。${DEFAULT_LEAD}` },
  {
    category: '硬核创新成果加速供给',
    name: '“科创甬江2035”重点研发计划布局研发项目',
    unit: '项',
    target: '100',
    kind: 'flow',
    definition: '实施“科创甬江2035”重点研发计划,每年布局研发项目100项以上',
    note: '出自重点任务（三）2（不在一（二）发展目标中），目标为“每年100项以上”：每年以当年各月之和与100比较，目标年份记为2027。按主题归入“硬核创新成果加速供给”。牵头单位取自重点任务（三）2，其责任单位为市科技局、市经信局、市发改委、市财政局。',
    responsibleUnits: ['nb-kjj', 'nb-jxj', 'nb-fgw', 'nb-czj'],
  },
  {
    category: '开放创新生态高效优化',
    name: '新增全球顶尖人才',
    unit: '人',
    target: '25',
    kind: 'stock',
    definition: '新增全球顶尖人才25人',
    note: '2023—2027年累计新增数（每月报累计数，基数可填0）。牵头单位取自重点任务（五）1“新增全球顶尖人才25人”，其责任单位为市委组织部〔市委人才办〕、市经信局、市科技局、市人力社保局。',
    responsibleUnits: ['nb-zzb', 'nb-jxj', 'nb-kjj', 'nb-rsj'],
  },
  {
    category: '开放创新生态高效优化',
    name: '新入选国家和省级领军人才',
    unit: '人',
    target: '500',
    kind: 'stock',
    definition: '推动新入选国家和省级领军人才500人以上',
    note: '目标为“500人以上”，为2023—2027年累计数（每月报累计数，基数可填0）。牵头单位取自重点任务（五）1，其责任单位为市委组织部〔市委人才办〕、市经信局、市科技局、市人力社保局。',
    responsibleUnits: ['nb-zzb', 'nb-jxj', 'nb-kjj', 'nb-rsj'],
  },
  { category: '开放创新生态高效优化', name: '全员劳动生产率', unit: '万元/人', target: '28', kind: 'ratio', definition: '全员劳动生产率达到28万元/人', note: DEFAULT_LEAD },
  {
    category: '开放创新生态高效优化',
    name: '技术交易额',
    unit: '亿元',
    target: '30',
    kind: 'flow',
    targetKind: 'growth',
    definition: '技术交易额年均增长30%以上',
    note: `增长率目标：目标值30为年均增长率（%），指标值报技术交易额（亿元），年度值为当年各月之和。重点任务（四）2的“产学研合作项目委托合同额100亿元”是另一指标。${DEFAULT_LEAD}`,
  },
  { category: '开放创新生态高效优化', name: '科创基金集群规模', unit: '亿元', target: '1000', kind: 'stock', definition: '科创基金集群规模超过1000亿元', note: `目标为“超过1000亿元”，为期末规模（存量），按月报送。${DEFAULT_LEAD}` },
];

const SECTIONS = ['（一）实施全域科创深化提升工程', '（二）实施战略科技力量起势工程', '（三）实施创新链产业链深度融合工程', '（四）实施开放创新网络拓展工程', '（五）实施创新人才集聚赋能工程', '（六）实施改革创新提质增效工程'] as const;
const NUMERALS = ['一', '二', '三', '四', '五', '六'] as const;

function task(section: number, item: number, title: string, content: string, responsibleUnits: string[], milestones: string[], ruleIds: string[] = ['P315-2', 'P315-3']): TaskDef {
  return {
    code: `p315-t${section}-${item}`,
    section: SECTIONS[section - 1]!,
    seq: `${NUMERALS[section - 1]!}.${item}`,
    title,
    content,
    responsibleUnits,
    milestones: milestones.map((m): MilestoneDef => ({ title: m, due: DUE })),
    due: DUE,
    ruleIds,
  };
}

const TASKS: TaskDef[] = [
  // 责任单位：市科技局、市发改委、市经信局,有关区〔县、市〕政府
  task(1, 1, "提升城市创新能级", "唱好杭甬“双城记”,联合争创杭州—宁波区域科技创新中心,推动宁波进入国家创新型城市能力评价排名前十。加快宁波国家自主创新示范区建设,打造民营经济创新创业高地,推动自贸区与自创区“双自联动”。加快宁波高新区提能升级,迭代“一区多园”发展模式,综合评价排名进入全国前十。", ["nb-kjj", "nb-fgw", "nb-jxj", "nb-qxs-gov"], []),
  // 责任单位：市甬江科创区建设领导小组办公室、市科技局、市发改委、市经信局,有关区〔县、市〕政府
  task(1, 2, "以世界一流标准建设甬江科创区", "高水平建设“一区四港”,加快研发机构回归、研发人员集聚、科创主体招引和科创平台培育,推动甬江科创区与长三角G60科创走廊、杭州城西科创大走廊等紧密互动,打造立足宁波、服务浙江、辐射全国的科创策源地。到2027年,甬江科创区R&D经费支出占GDP的比重超过8%,集聚培育高新技术企业超过2000家。", ["nb-yjkcq-office", "nb-kjj", "nb-fgw", "nb-jxj", "nb-qxs-gov"], ["甬江科创区R&D经费支出占GDP的比重超过8%", "集聚培育高新技术企业超过2000家"]),
  // 责任单位：市科技局、市经信局、市发改委、市商务局
  task(1, 3, "打造县域特色创新高地", "推动慈溪市建设国家创新型县(市)样板。依托各地创新基础较好的园区,分类打造创新街区、创新走廊、创新带等县域创新高地,建成十大区域创新极。建立镇乡(街道)科技创新能力评价机制。深化科技特派员制度,推进科技特派团试点。", ["nb-kjj", "nb-jxj", "nb-fgw", "nb-swj"], [], ['P315-2', 'P315-3', 'P315-7']),
  // 责任单位：市科技局、市发改委、市经信局、甬江实验室
  task(2, 1, "构建高能级实验室梯队", "高标准建设甬江实验室,力争到2027年,建成国际一流新材料研究中心8个,高水平研发人员达到1500名,突破关键“卡脖子”材料10种以上。支持在海洋材料、金属材料等领域创建全国重点实验室、国防科技重点实验室。支持省级重点实验室发展,优化提升市级重点实验室。", ["nb-kjj", "nb-fgw", "nb-jxj", "nb-yj-lab"], ["建成国际一流新材料研究中心8个", "高水平研发人员达到1500名", "突破关键“卡脖子”材料10种以上"]),
  // 责任单位：市科技局、市发改委、市经信局,有关区〔县、市〕政府
  task(2, 2, "培育高水平技术创新中心", "支持智能工厂操作系统、绿色智能汽车及零部件、绿色石化等省级技术创新中心建设,争创国家级技术创新中心。支持科技领军企业、高校院所牵头组建技术创新中心。到2027年,累计布局市级技术创新中心30家,建成市级以上企业研发机构超过5000家。", ["nb-kjj", "nb-fgw", "nb-jxj", "nb-qxs-gov"], ["累计布局市级技术创新中心30家", "建成市级以上企业研发机构超过5000家"]),
  // 责任单位：市科技局、市委组织部〔市委人才办〕、市发改委、市经信局、市卫生健康委,有关区〔县、市〕政府
  task(2, 3, "优化产业技术研究院建设发展体系", "加强研究院分级分类管理,强化政策支持,推动集聚高水平人才、建设高水平科研设施平台。聚焦数字孪生、量子计算、生命健康等领域,引进建设行业领先的产业技术研究院。到2027年,累计建成省级新型研发机构30家以上。", ["nb-kjj", "nb-zzb", "nb-fgw", "nb-jxj", "nb-wjw", "nb-qxs-gov"], ["累计建成省级新型研发机构30家以上"]),
  // 责任单位：市教育局、市科技局、市发改委、市财政局
  task(2, 4, "提升大学科创引领能力", "强化“学科+人才+平台”一体化建设,支持宁波大学“双一流”建设、宁波东方理工大学(暂名)打造高水平研究型大学。支持环大学科创带建设。到2027年,打造“登峰学科”10个,“优势特色学科”60个左右,一流专业100个左右。", ["nb-jyj", "nb-kjj", "nb-fgw", "nb-czj"], ["打造“登峰学科”10个", "“优势特色学科”60个左右", "一流专业100个左右"]),
  // 责任单位：市科技局、市经信局、市发改委
  task(3, 1, "加快科技企业梯队培育", "实施科技型企业双倍增行动。力争到2027年,科技领军企业达到30家,科技小巨人企业达到100家。推进企业研发创新“诊断+提升”,优化规上工业企业研发机构布局。深化“亩均论英雄”改革,提升“大优强、绿新高”企业创新属性,推动“大优强”企业研发费用占营业收入的比重高于全省平均水平。到2027年,力争科技型中小企业突破4万家。", ["nb-kjj", "nb-jxj", "nb-fgw"], ["科技领军企业达到30家", "科技小巨人企业达到100家", "力争科技型中小企业突破4万家"]),
  // 责任单位：市科技局、市经信局、市发改委、市财政局
  task(3, 2, "深化关键核心技术攻关", "实施“科创甬江2035”重点研发计划,每年布局研发项目100项以上,加快突破关键核心技术,形成100项重大硬核科技攻关成果,符合条件的优先推荐申请认定首台(套)产品。支持创新主体牵头承担国家级、省级重大科技计划项目。", ["nb-kjj", "nb-jxj", "nb-fgw", "nb-czj"], []),
  // 责任单位：市经信局、市发改委、市科技局、市服务业局、市数字经济局
  task(3, 3, "打造产业新赛道", "加快制造业“大优强、绿新高”发展,加快发展生物医药、第三代半导体等创新型产业,推进未来产业发展先导区建设。培育壮大五大数字产业集群,加快生产性服务业集聚发展、生活性服务业提质发展。到2027年,建成国家级产业集群5个以上,数字经济核心产业营业收入达到1.2万亿元,生产性服务业增加值达到6500亿元,总部企业突破1000家。", ["nb-jxj", "nb-fgw", "nb-kjj", "nb-fwyj", "nb-szjjj"], ["建成国家级产业集群5个以上", "数字经济核心产业营业收入达到1.2万亿元", "生产性服务业增加值达到6500亿元", "总部企业突破1000家"]),
  // 责任单位：市科技局、市发改委、市经信局、市商务局、市投资促进署,有关区〔县、市〕政府
  task(4, 1, "打造全球创新网络重要节点", "支持创新主体与国(境)外机构开展人才交流、科技项目合作,加快建设中国—中东欧国家创新合作研究中心,探索制定实施中国(宁波)—中东欧创新合作计划,谋划建设中东欧离岸科创特区(国际创新园)。编制全球创新地图,精准引进创新型企业和创新创业项目。支持企业开展海外技术并购,设立海外研发机构、海外孵化器。", ["nb-kjj", "nb-fgw", "nb-jxj", "nb-swj", "nb-tzcjs", "nb-qxs-gov"], []),
  // 责任单位：市科技局、市经信局、市教育局、市财政局、市人力社保局、市国资委
  task(4, 2, "促进成果转化链路开放", "深化国家科技成果转移转化示范区建设,推动技术要素市场化改革,支持高校、研究院试点开展职务科技成果所有权改革。升级宁波科技大市场,培育技术经纪人,每年产学研合作项目委托合同额达到100亿元以上。", ["nb-kjj", "nb-jxj", "nb-jyj", "nb-czj", "nb-rsj", "nb-gzw"], []),
  // 责任单位：市市场监管局、市经信局、市公安局、市司法局
  task(4, 3, "推进知识产权全链条保护", "加快国家知识产权强市示范城市建设,引进培育一批高端知识产权运营机构,建设中国磁性材料知识产权运营中心。推动知识产权保护“一件事”集成改革。到2027年,新增知识产权服务机构10家以上。", ["nb-scjgj", "nb-jxj", "nb-gaj", "nb-sfj"], ["新增知识产权服务机构10家以上"]),
  // 责任单位：市委组织部〔市委人才办〕、市经信局、市科技局、市人力社保局
  task(5, 1, "迭代甬江人才工程", "重塑“通则+专项+定制”人才政策体系,扩大遴选支持数量,实施“鲲鹏人才”专项,拓展举荐制、认定制,提升浙江创新中心能级。到2027年,新增全球顶尖人才25人,推动新入选国家和省级领军人才500人以上。", ["nb-zzb", "nb-jxj", "nb-kjj", "nb-rsj"], ["新增全球顶尖人才25人", "推动新入选国家和省级领军人才500人以上"]),
  // 责任单位：市教育局、市经信局、市人力社保局、市发改委、市总工会
  task(5, 2, "加快专业技术人才培养", "推进现代产业学院建设,支持制造业龙头企业与高校、科研机构等共建联合培养基地。布局建设卓越工程师学院,培养卓越工程师等产业高端人才。大规模培养高技能人才。到2027年,新增高技能人才20万名。", ["nb-jyj", "nb-jxj", "nb-rsj", "nb-fgw", "nb-zgh"], ["新增高技能人才20万名"]),
  // 责任单位：市科技局、市委组织部〔市委人才办〕、市教育局、市人力社保局,有关区〔县、市〕政府
  task(5, 3, "激发青年人才创新创造活力", "支持青年人才牵头承担重大科研任务,推动市级人才计划向青年人才倾斜,青年人才入选比例不低于50%。鼓励创新主体开发科研助理岗位,支持各类高能级科创平台为青年人才创造挑大梁、当主角的机会,平台自主立项课题50%以上由40岁以下青年人才担纲。办好中国—中东欧国家青年科技人才论坛等活动,吸引一流青年人才。", ["nb-kjj", "nb-zzb", "nb-jyj", "nb-rsj", "nb-qxs-gov"], []),
  // 责任单位：市科技局、市财政局、市人力社保局
  task(6, 1, "完善新型科研管理机制", "建立完善以诚信为前提的科研管理机制,全面落实“三评”改革,推进科研项目评审专家库建设,实施科研项目绩效分类评价,加强关键核心技术突破、标志性成果以及社会效益评价。赋予科研人员自主支配权,推进首席专家负责制、项目经费使用“包干制”等改革。", ["nb-kjj", "nb-czj", "nb-rsj"], [], ['P315-2', 'P315-3', 'P315-4']),
  // 责任单位：市科技局、市经信局、市委改革办,有关区〔县、市〕政府
  task(6, 2, "深化研发创新数字化赋能", "完善“科技大脑+”运行模式,推广“不见面评审”等试点改革。打造“研值在线”应用场景,建立“研值指数”与资源配置挂钩机制,探索科研项目人才反向评价机制。推动数字化研发、制造、服务等应用场景扩面运行、综合集成,全面提升实战实效,加快研发流程重塑、要素资源重组、生产流程再造。", ["nb-kjj", "nb-jxj", "nb-ggb", "nb-qxs-gov"], [], ['P315-2', 'P315-3', 'P315-5']),
  // 责任单位：市科协、市教育局、市科技局、市文广旅游局
  task(6, 3, "强化科学传播和科学普及", "加快“科创中国”试点城市建设,打造“科技成果科普发布”品牌,做优国家文化和科技融合基地。开展科普社区创新试点,打造15分钟科普服务圈。到2027年,建成各类科普基地220家以上,科普教育基地年参观人数达到1200万次以上。", ["nb-kx", "nb-jyj", "nb-kjj", "nb-wglyj"], ["建成各类科普基地220家以上", "科普教育基地年参观人数达到1200万次以上"]),
];

export const NB_315: PlanDef = {
  code: 'nb-315',
  name: '宁波市“315”科技创新体系工程建设实施方案(2023—2027年)',
  shortName: '宁波“315”',
  issuer: '宁波市人民政府办公厅',
  documentNo: null,
  issuedOn: null,
  periodStart: 2023,
  periodEnd: 2027,
  status: 'active',
  source: '《宁波市“315”科技创新体系工程建设实施方案（2023—2027年）》',
  ruleIds: ['P315-1', 'P315-2', 'P315-3'],
  categories: [...CATEGORIES],
  indicators: ROWS.map((r, i) => indicator(i + 1, r)),
  tasks: TASKS,
};
