import { describe, expect, it } from 'vitest';
import { BEILUN_KCT, NB_2025 } from '../programmes/data/index.js';
import { DEFAULT_PROPOSAL_TEMPLATE } from '../programmes/proposal-template.js';
import { budgetTotals, checkApplication, deadlineCountdown, durationMonths, guidelineItemCounts, projectBudget } from './checks.js';
import { exampleBeilunContent, exampleCall, EXAMPLE_LEAD, EXAMPLE_RESIDENT_ID } from './fixtures.js';

const WAN = 10_000;
const beilun = BEILUN_KCT.versions.at(-1)!;
const nb = NB_2025.versions.at(-1)!;
const now = new Date('2026-07-01T10:00:00+08:00');
const rules = (c: ReturnType<typeof checkApplication>) => c.problems.map((p) => p.rule);

describe('checkApplication', () => {
  it('a complete Beilun application is ready: BL-5 BL-6 quote 300万 for 1,000万 total, nothing missing', () => {
    const c = checkApplication(exampleBeilunContent(), exampleCall(), beilun, now, EXAMPLE_LEAD);
    expect(c.problems).toEqual([]);
    expect(c.ready).toBe(true);
    expect(c.funding).toMatchObject({ subsidyYuan: 300 * WAN, selfRaisedYuan: 700 * WAN });
    expect(c.funding!.applied.map((a) => a.rule)).toEqual(expect.arrayContaining(['BL-5', 'BL-6']));
    expect(c.budget).toMatchObject({ fiscalYuan: 300 * WAN, selfRaisedYuan: 700 * WAN, totalYuan: 1000 * WAN });
    expect(c.matching).toMatchObject({ ratioLabel: '1:2.33', requiredMultiple: null, ok: true });
    expect(c.deadline).toMatchObject({ open: true, closed: false });
  });

  it('BL-5 BL-6 fiscal money in the budget table above min(30%, the 强链类 cap 300万) is a problem beside the budget', () => {
    const content = exampleBeilunContent();
    content.budget!.lines![0]!.fiscalDistrictYuan = 300 * WAN; // fiscal 400万 of 1,100万 total: 30% = 330万, cap 300万
    const c = checkApplication(content, exampleCall(), beilun, now, EXAMPLE_LEAD);
    expect(c.funding!.subsidyYuan).toBe(300 * WAN);
    expect(c.problems).toContainEqual(expect.objectContaining({ rule: 'BL-6', field: 'budget.lines', message: expect.stringContaining('超过按规则测算的补助') }));
  });

  it('BL-7 an overlapping higher-level project is funded once: the district quote tops up only the difference', () => {
    const content = exampleBeilunContent();
    content.budget!.overlaps = [{ level: 'city', name: '市级重点研发项目', amountYuan: 200 * WAN }];
    const c = checkApplication(content, exampleCall(), beilun, now, EXAMPLE_LEAD);
    expect(c.funding!.subsidyYuan).toBe(100 * WAN);
    expect(c.problems).toContainEqual(expect.objectContaining({ rule: 'BL-7' }));
  });

  it('BL-2 BL-3 eligibility comes from checkEligibility: a university cannot lead 强链类, a sub-direction outside the field is named', () => {
    const content = exampleBeilunContent();
    content.basic!.subDirection = '高精密芯片';
    const c = checkApplication(content, exampleCall(), beilun, now, { ...EXAMPLE_LEAD, organisationType: 'university', tiers: [] });
    expect(rules(c)).toEqual(expect.arrayContaining(['BL-2', 'BL-3']));
    expect(c.problems).toContainEqual(expect.objectContaining({ rule: 'BL-3', field: 'basic.subDirection' }));
  });

  it('NB-11 every required section of the default template that is empty is missing, and a section over its limit is named', () => {
    const content = exampleBeilunContent();
    content.sections = { 'plan.goals': '目标'.repeat(10_001) };
    const c = checkApplication(content, exampleCall(), beilun, now, EXAMPLE_LEAD);
    expect(c.missingSections).toHaveLength(DEFAULT_PROPOSAL_TEMPLATE.flatMap((s) => s.items).length - 1);
    expect(c.problems).toContainEqual({ rule: 'FORM', field: 'sections.plan.goals', message: '“项目目标”不超过20000个字' });
    expect(c.problems).toContainEqual({ rule: 'FORM', field: 'sections.background.trends', message: '请填写“结合国家重大需求，分析国内外发展趋势”' });
    expect(c.ready).toBe(false);
  });

  it('missing attachment slots are listed with their Chinese names', () => {
    const content = exampleBeilunContent();
    content.attachments = [];
    const c = checkApplication(content, exampleCall(), beilun, now, EXAMPLE_LEAD);
    expect(c.missingAttachments.map((m) => m.label)).toEqual(['营业执照或法人登记证书', '财务报表（上年度审计报告）']);
  });

  it('an attachment of the wrong type or too large is a problem beside it', () => {
    const content = exampleBeilunContent();
    content.attachments![0] = { ...content.attachments![0]!, contentType: 'application/x-msdownload', sizeBytes: 30 * 1024 * 1024 };
    const c = checkApplication(content, exampleCall(), beilun, now, EXAMPLE_LEAD);
    expect(c.problems.filter((p) => p.field === 'attachments.0').map((p) => p.message)).toEqual(['附件“营业执照.pdf”的格式不受理，只接受 PDF、JPG、PNG', '附件“营业执照.pdf”超过20MB']);
  });

  it('the leader’s ID number is validated with its check digit and against the birth year', () => {
    const content = exampleBeilunContent();
    content.team!.leader!.birthYear = 1981;
    expect(checkApplication(content, exampleCall(), beilun, now).problems).toContainEqual(expect.objectContaining({ field: 'team.leader.birthYear' }));
    const wrong = EXAMPLE_RESIDENT_ID.slice(0, 17) + (EXAMPLE_RESIDENT_ID.endsWith('0') ? '1' : '0');
    content.team!.leader!.idNumber = wrong;
    expect(checkApplication(content, exampleCall(), beilun, now).problems).toContainEqual(expect.objectContaining({ field: 'team.leader.idNumber', message: expect.stringContaining('校验位') }));
  });

  it('a partner’s 统一社会信用代码 is validated as for organisations', () => {
    const content = exampleBeilunContent();
    content.partners![0]!.creditCode = '52330206MJ9F3R4N8B';
    expect(checkApplication(content, exampleCall(), beilun, now).problems).toContainEqual(expect.objectContaining({ field: 'partners.0.creditCode', message: expect.stringContaining('校验位错误') }));
  });

  it('an empty draft reports what is missing instead of throwing', () => {
    const c = checkApplication({}, exampleCall(), beilun, now, EXAMPLE_LEAD);
    expect(c.ready).toBe(false);
    expect(c.funding).toBeNull();
    expect(c.problems.some((p) => p.field === 'basic.title')).toBe(true);
  });

  it('the close is to the second in Asia/Shanghai: one second before is open, at 17:00:00 it is closed', () => {
    const content = exampleBeilunContent();
    expect(checkApplication(content, exampleCall(), beilun, new Date('2026-08-15T16:59:59+08:00'), EXAMPLE_LEAD).ready).toBe(true);
    const c = checkApplication(content, exampleCall(), beilun, new Date('2026-08-15T17:00:00+08:00'), EXAMPLE_LEAD);
    expect(c.ready).toBe(false);
    expect(c.problems).toContainEqual({ rule: 'DEADLINE', message: '申报已截止，不能提交' });
  });

  it('NB-2 a duration over 60 months is refused through the rule set', () => {
    const content = nbContent();
    content.basic!.endDate = '2031-07-01';
    expect(rules(checkApplication(content, exampleCall(nbCall), nb, now, EXAMPLE_LEAD))).toContain('NB-2');
  });

  it('NB-4 a special-project task must sit on both chains', () => {
    const content = nbContent();
    content.basic!.innovationChain = '基础研究';
    const c = checkApplication(content, exampleCall(nbCall), nb, now, EXAMPLE_LEAD);
    expect(c.problems).toContainEqual(expect.objectContaining({ rule: 'NB-4', field: 'basic.innovationChain' }));
  });

  it('NB-8 NB-10 a special project is the sum of its topics, each quoted within 500万–1,000万 and 1:2 matching', () => {
    const c = checkApplication(nbContent(), exampleCall(nbCall), nb, now, EXAMPLE_LEAD);
    expect(c.problems).toEqual([]);
    expect(c.topicFunding.map((t) => t.quote.subsidyYuan)).toEqual([600 * WAN, 500 * WAN]);
    expect(c.funding!.subsidyYuan).toBe(1100 * WAN);
    expect(c.budget.totalYuan).toBe(3300 * WAN);

    const low = nbContent();
    low.topics![1]!.budget = [{ subject: 'equipment', fiscalCityYuan: 200 * WAN, fiscalDistrictYuan: 200 * WAN, selfRaisedYuan: 700 * WAN, otherYuan: 0 }];
    const r = checkApplication(low, exampleCall(nbCall), nb, now, EXAMPLE_LEAD);
    expect(r.problems).toContainEqual(expect.objectContaining({ rule: 'NB-10', field: 'topics.1.budget', message: expect.stringContaining('课题T2') }));
  });

  it('NB-10 matching below 1:2 in the budget table is reported with the ratio', () => {
    const content = nbContent();
    content.topics![0]!.budget![0]!.selfRaisedYuan = 1000 * WAN;
    const c = checkApplication(content, exampleCall(nbCall), nb, now, EXAMPLE_LEAD);
    expect(c.matching.ok).toBe(false);
    expect(c.problems).toContainEqual(expect.objectContaining({ rule: 'NB-10', field: 'budget.lines' }));
  });

  it('NB-8 a project budget that differs from the sum of its topics is a problem; no topics in a special-project call is one too', () => {
    const content = nbContent();
    content.budget = { lines: [{ subject: 'equipment', fiscalCityYuan: 1, fiscalDistrictYuan: 0, selfRaisedYuan: 0, otherYuan: 0 }], overlaps: [] };
    expect(rules(checkApplication(content, exampleCall(nbCall), nb, now, EXAMPLE_LEAD))).toContain('NB-8');
    expect(rules(checkApplication({ ...nbContent(), topics: [] }, exampleCall(nbCall), nb, now, EXAMPLE_LEAD))).toContain('NB-8');
  });

  it('NB-7 city and district fiscal shares are kept apart and add up to the fiscal total', () => {
    const t = projectBudget(nbContent());
    expect(t).toMatchObject({ fiscalCityYuan: 700 * WAN, fiscalDistrictYuan: 400 * WAN, fiscalYuan: 1100 * WAN });
  });
});

const nbCall = { categoryCodes: ['key-common-tech', 'strategic-product'], fieldCodes: ['basic-components'], guidelineItemCodes: ['NB-01'], hasTopics: true, opensAt: '2026-06-01T00:00:00+08:00', closesAt: '2026-08-15T17:00:00+08:00' };
function nbContent() {
  const c = exampleBeilunContent();
  c.basic = { ...c.basic, categoryCode: 'key-common-tech', guidelineItemCode: 'NB-01', fieldCode: 'basic-components', subDirection: '', startDate: '2026-07-01', endDate: '2031-06-30' };
  delete c.basic.subDirection;
  c.budget = { lines: [], overlaps: [] };
  const topic = (code: string, city: number, district: number, self: number) => ({
    code,
    title: `课题${code}关键部件研制`,
    leadUnitName: '宁波甬创智能装备有限公司',
    leadCreditCode: '91330206MA2KC7HX53',
    leaderName: '张示例',
    goals: '突破关键工艺',
    budget: [{ subject: 'equipment' as const, fiscalCityYuan: city * WAN, fiscalDistrictYuan: district * WAN, selfRaisedYuan: self * WAN, otherYuan: 0 }],
  });
  c.topics = [topic('T1', 400, 200, 1200), topic('T2', 300, 200, 1000)];
  return c;
}

describe('budget and time helpers', () => {
  it('budget totals add every source; fiscal is city + district', () => {
    expect(budgetTotals([{ fiscalCityYuan: 1, fiscalDistrictYuan: 2, selfRaisedYuan: 3, otherYuan: 4 }, {}])).toEqual({ fiscalCityYuan: 1, fiscalDistrictYuan: 2, selfRaisedYuan: 3, otherYuan: 4, fiscalYuan: 3, totalYuan: 10 });
  });

  it('NB-2 duration counts every started month: 2026-07-01 to 2031-06-30 is 60 months', () => {
    expect(durationMonths('2026-07-01', '2031-06-30')).toBe(60);
    expect(durationMonths('2026-07-01', '2031-07-01')).toBe(61);
    expect(durationMonths('2026-01-15', '2026-02-14')).toBe(1);
  });

  it('the countdown is in whole seconds and says 已截止 at the close', () => {
    const call = { status: 'published', opensAt: '2026-06-01T00:00:00+08:00', closesAt: '2026-08-15T17:00:00+08:00' };
    expect(deadlineCountdown(call, new Date('2026-08-14T15:58:58.5+08:00'))).toMatchObject({ secondsLeft: 90062, label: '距截止还有 1天 01:01:02', closed: false });
    expect(deadlineCountdown(call, new Date('2026-08-15T17:00:00+08:00'))).toMatchObject({ secondsLeft: 0, label: '已截止', closed: true });
    expect(deadlineCountdown(call, new Date('2026-05-31T23:59:59+08:00'))).toMatchObject({ label: '尚未开始受理', open: false, closed: false });
  });

  it('NB-13 guideline items drawing fewer than 2 submitted applications are flagged; drafts do not count', () => {
    const counts = guidelineItemCounts(
      [{ code: 'A', title: '甲' }, { code: 'B', title: '乙' }],
      [{ guidelineItemCode: 'A', state: 'submitted' }, { guidelineItemCode: 'A', state: 'accepted' }, { guidelineItemCode: 'B', state: 'submitted' }, { guidelineItemCode: 'B', state: 'draft' }],
    );
    expect(counts).toEqual([
      { code: 'A', title: '甲', count: 2, flagged: false, rule: 'NB-13' },
      { code: 'B', title: '乙', count: 1, flagged: true, rule: 'NB-13' },
    ]);
  });
});
