import { describe, expect, it } from 'vitest';
import { BEILUN_KCT } from './data/beilun-kct.js';
import { NB_2025 } from './data/nb-2025.js';
import { YJ_2035 } from './data/yj-2035.js';
import { checkEligibility, isInHomeRegion, type EligibilityInput } from './eligibility.js';
import { DEFAULT_PROPOSAL_TEMPLATE, formFieldLabels, requiredFieldKeys } from './proposal-template.js';

const beilun = BEILUN_KCT.versions[0]!;
const nb = NB_2025.versions[0]!;
const yj = YJ_2035.versions[0]!;

const beilunApplicant = (more: Partial<EligibilityInput> = {}): EligibilityInput => ({
  lead: { name: '北仑某龙头企业', organisationType: 'enterprise', region: '浙江省宁波市北仑区', tiers: ['leadingEnterprise'] },
  fieldCode: 'equipment',
  subDirection: '高端模具',
  ...more,
});
const nbApplicant = (more: Partial<EligibilityInput> = {}): EligibilityInput => ({
  lead: { name: '宁波某企业', organisationType: 'enterprise', region: '浙江省宁波市鄞州区', tiers: [] },
  partners: [{ name: '某大学', organisationType: 'university', region: '浙江省宁波市江北区' }],
  fieldCode: 'basic-components',
  chain: { industryChain: '器件', innovationChain: '技术开发' },
  durationMonths: 36,
  ...more,
});
const rules = (r: { problems: { rule: string }[] }) => r.problems.map((p) => p.rule);

describe('Beilun categories (BL-2)', () => {
  it('BL-2 a leading enterprise may lead a 领军类 project', () => {
    expect(checkEligibility(beilun, 'leading', beilunApplicant())).toEqual({ eligible: true, problems: [] });
  });

  it('BL-2 each category admits its own tier: 龙头企业 / 产业链优势企业 / 初创型科技人才企业', () => {
    const leadWith = (tiers: EligibilityInput['lead']['tiers']) => beilunApplicant({ lead: { organisationType: 'enterprise', region: '宁波市北仑区', tiers } });
    expect(checkEligibility(beilun, 'chain', leadWith(['chainEnterprise'])).eligible).toBe(true);
    expect(checkEligibility(beilun, 'incubation', leadWith(['talentStartup'])).eligible).toBe(true);
    const r = checkEligibility(beilun, 'incubation', leadWith(['leadingEnterprise']));
    expect(r.problems).toEqual([{ rule: 'BL-2', message: '育成类面向初创型科技人才企业，牵头单位不具备该条件', field: 'lead.tiers' }]);
  });

  it('BL-2 a university cannot lead a Beilun category, and both failures are reported', () => {
    const r = checkEligibility(beilun, 'leading', beilunApplicant({ lead: { organisationType: 'university', region: '浙江省宁波市北仑区', tiers: [] } }));
    expect(rules(r)).toEqual(['BL-2', 'BL-2']);
    expect(r.problems[0]!.message).toBe('领军类须由企业牵头，牵头单位为高等院校');
  });

  it('BL-2 an unknown category is reported', () => {
    expect(checkEligibility(beilun, 'gold', beilunApplicant()).problems).toEqual([{ rule: 'BL-2', message: '2024修订版规则中没有类别“gold”', field: 'category' }]);
  });

  it('BL-2 the district programme admits district undertakers only', () => {
    const r = checkEligibility(beilun, 'leading', beilunApplicant({ lead: { name: '杭州某企业', organisationType: 'enterprise', region: '浙江省杭州市', tiers: ['leadingEnterprise'] } }));
    expect(r.problems).toEqual([{ rule: 'BL-2', message: '本计划不接受浙江省宁波市北仑区以外的单位承担：杭州某企业', field: 'lead.region' }]);
  });

  it('BL-3 the field and its sub-direction must be the document’s', () => {
    expect(rules(checkEligibility(beilun, 'leading', beilunApplicant({ fieldCode: undefined })))).toEqual(['BL-3']);
    expect(rules(checkEligibility(beilun, 'leading', beilunApplicant({ fieldCode: 'space' })))).toEqual(['BL-3']);
    const r = checkEligibility(beilun, 'leading', beilunApplicant({ subDirection: '量子计算' }));
    expect(r.problems[0]!.message).toContain('“量子计算”不是高端装备领域的方向');
    expect(checkEligibility(beilun, 'leading', beilunApplicant({ fieldCode: 'emerging', subDirection: '量子计算' })).eligible).toBe(true);
  });
});

describe('Ningbo special projects (NB-5, NB-6, NB-2, NB-4)', () => {
  it('NB-5 an industrialisation-oriented topic is led by an enterprise jointly with a university or institute', () => {
    expect(checkEligibility(nb, 'strategic-product', nbApplicant())).toEqual({ eligible: true, problems: [] });
    const alone = checkEligibility(nb, 'strategic-product', nbApplicant({ partners: [] }));
    expect(alone.problems).toEqual([{ rule: 'NB-5', message: '产业化目标导向明确的项目（课题）须与高校或科研院所联合实施', field: 'partners' }]);
  });

  it('NB-5 a university may not lead an industrialisation-oriented topic', () => {
    const r = checkEligibility(nb, 'achievement-transfer', nbApplicant({ lead: { organisationType: 'university', region: '浙江省宁波市', tiers: [] }, partners: [{ organisationType: 'institute', region: '浙江省宁波市' }] }));
    expect(r.problems).toEqual([{ rule: 'NB-5', message: '产业化目标导向明确的项目（课题）须由企业牵头', field: 'lead.organisationType' }]);
  });

  it('NB-5 a forward-looking or basic topic may be led by a university or institute', () => {
    const institute = nbApplicant({ lead: { organisationType: 'institute', region: '浙江省宁波市', tiers: [] }, partners: [] });
    expect(checkEligibility(nb, 'key-common-tech', institute).eligible).toBe(true);
    // Orientation is per topic: the application's own declaration overrides its task type's default.
    expect(rules(checkEligibility(nb, 'key-common-tech', { ...institute, industrialisationOriented: true }))).toEqual(['NB-5', 'NB-5']);
    expect(checkEligibility(nb, 'demonstration', { ...institute, industrialisationOriented: false }).eligible).toBe(true);
  });

  it('NB-6 an out-of-city undertaker is allowed only with both local commitments', () => {
    const outsider = { name: '上海某研究所', organisationType: 'institute' as const, region: '上海市浦东新区' };
    const none = checkEligibility(nb, 'strategic-product', nbApplicant({ partners: [outsider] }));
    expect(none.problems).toEqual([
      { rule: 'NB-6', message: '上海某研究所在浙江省宁波市以外，须承诺项目成果在本地转化落地', field: 'outOfCityCommitments.resultsTransferredLocally' },
      { rule: 'NB-6', message: '上海某研究所在浙江省宁波市以外，须承诺由项目成果产生的企业在本地注册', field: 'outOfCityCommitments.companyRegisteredLocally' },
    ]);
    const half = checkEligibility(nb, 'strategic-product', nbApplicant({ partners: [outsider], outOfCityCommitments: { resultsTransferredLocally: true, companyRegisteredLocally: false } }));
    expect(rules(half)).toEqual(['NB-6']);
    const both = checkEligibility(nb, 'strategic-product', nbApplicant({ partners: [outsider], outOfCityCommitments: { resultsTransferredLocally: true, companyRegisteredLocally: true } }));
    expect(both.eligible).toBe(true);
  });

  it('NB-6 a call may still be limited to local organisations (CALL)', () => {
    const r = checkEligibility(nb, 'key-common-tech', nbApplicant({
      lead: { name: '北京某大学', organisationType: 'university', region: '北京市海淀区', tiers: [] },
      partners: [],
      outOfCityCommitments: { resultsTransferredLocally: true, companyRegisteredLocally: true },
      call: { requiredFieldKeys: [], requiredAttachmentKinds: [], localOnly: true },
    }));
    expect(r.problems).toEqual([{ rule: 'CALL', message: '本指南仅限浙江省宁波市的单位申报：北京某大学不在范围内', field: 'lead.region' }]);
  });

  it('NB-2 a topic runs at most 60 months', () => {
    expect(checkEligibility(nb, 'demonstration', nbApplicant({ durationMonths: 60 })).eligible).toBe(true);
    expect(checkEligibility(nb, 'demonstration', nbApplicant({ durationMonths: 61 })).problems).toEqual([{ rule: 'NB-2', message: '实施期 61个月 超过上限 60个月', field: 'durationMonths' }]);
  });

  it('NB-4 every task is placed on both the industry chain and the innovation chain', () => {
    expect(checkEligibility(nb, 'demonstration', nbApplicant({ chain: { industryChain: '产品' } })).problems).toEqual([
      { rule: 'NB-4', message: '请选择创新链环节（前瞻研究—技术开发—成果转化—应用示范）', field: 'chain.innovationChain' },
    ]);
    expect(rules(checkEligibility(nb, 'demonstration', nbApplicant({ chain: { industryChain: '芯片', innovationChain: '量产' } })))).toEqual(['NB-4', 'NB-4']);
  });

  it('NB-1 the field must be one of the 13 special projects', () => {
    expect(rules(checkEligibility(nb, 'demonstration', nbApplicant({ fieldCode: 'ic' })))).toEqual(['NB-1']);
  });

  it('NB-2 NB-4 NB-5 NB-6 returns every failed condition at once', () => {
    const r = checkEligibility(nb, 'strategic-product', {
      lead: { organisationType: 'university', region: '上海市', tiers: [] },
      durationMonths: 84,
      fieldCode: 'new-energy-vehicles',
    });
    expect(rules(r)).toEqual(['NB-5', 'NB-5', 'NB-2', 'NB-6', 'NB-6', 'NB-4', 'NB-4']);
  });
});

describe('call requirements (CALL)', () => {
  const call = {
    requiredFieldKeys: requiredFieldKeys(DEFAULT_PROPOSAL_TEMPLATE),
    requiredAttachmentKinds: ['proposal', 'cooperationAgreement'],
    fieldLabels: formFieldLabels(DEFAULT_PROPOSAL_TEMPLATE),
    fieldCodes: ['basic-components'],
  };

  it('CALL lists every missing form item and attachment', () => {
    const supplied = requiredFieldKeys(DEFAULT_PROPOSAL_TEMPLATE).filter((k) => k !== 'plan.roadmap' && k !== 'results.disruptiveTechnology');
    const r = checkEligibility(nb, 'strategic-product', nbApplicant({ call, supplied: { fieldKeys: supplied, attachmentKinds: ['proposal'] } }));
    expect(r.problems).toEqual([
      { rule: 'CALL', message: '缺少申报书必填内容“项目实施思路 / 技术路线图”', field: 'form.plan.roadmap' },
      { rule: 'CALL', message: '缺少申报书必填内容“项目完成后拟取得的标志性成果 / 颠覆性技术”', field: 'form.results.disruptiveTechnology' },
      { rule: 'CALL', message: '缺少附件“联合实施（产学研合作）协议”', field: 'attachments.cooperationAgreement' },
    ]);
  });

  it('CALL passes when everything is supplied, and refuses a field the call does not open', () => {
    const supplied = { fieldKeys: requiredFieldKeys(DEFAULT_PROPOSAL_TEMPLATE), attachmentKinds: ['proposal', 'cooperationAgreement'] };
    expect(checkEligibility(nb, 'strategic-product', nbApplicant({ call, supplied })).eligible).toBe(true);
    expect(checkEligibility(nb, 'strategic-product', nbApplicant({ call, supplied, fieldCode: 'new-energy-vehicles' })).problems).toEqual([
      { rule: 'CALL', message: '本指南不受理“新能源汽车”领域', field: 'fieldCode' },
    ]);
  });

  it('YJ-1 the 2035 plan has no fixed fields or chain axes to check', () => {
    expect(checkEligibility(yj, 'key-rd', { lead: { organisationType: 'enterprise', region: '浙江省宁波市', tiers: [] } }).eligible).toBe(true);
  });
});

describe('isInHomeRegion', () => {
  it.each([
    ['浙江省宁波市北仑区', '浙江省宁波市北仑区', true],
    ['宁波市北仑区新碶街道', '浙江省宁波市北仑区', true],
    [' 浙江省 宁波市 鄞州区', '浙江省宁波市', true],
    ['浙江省宁波市鄞州区', '浙江省宁波市北仑区', false],
    ['浙江省杭州市', '浙江省宁波市', false],
    ['广西壮族自治区南宁市', '广西壮族自治区南宁市', true],
    ['南宁市', '广西壮族自治区南宁市', true],
  ])('%s in %s: %s', (region, home, expected) => {
    expect(isInHomeRegion(region, home)).toBe(expected);
  });
});
