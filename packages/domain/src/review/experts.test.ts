import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../applications/resident-id.js';
import { creditCodeCheckChar } from '../organisations/credit-code.js';
import {
  anonymousExpertLabel,
  averageRatingCenti,
  declaredConflictSchema,
  EXPERT_EVENTS,
  EXPERT_STATUSES,
  EXPERT_STATUS_LABELS,
  expertProfileSchema,
  expertTransition,
  fieldTaxonomy,
  ratingDistribution,
  unknownFieldProblems,
  type ExpertEvent,
  type ExpertStatus,
} from './experts.js';
import { formatCenti } from './format.js';

const id = (seq: string) => `33020619750101${seq}` + residentIdCheckChar(`33020619750101${seq}`);
const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const VALID = {
  name: '演示专家',
  idNumber: id('123'),
  title: '教授级高级工程师',
  organisationName: '演示大学',
  organisationCreditCode: code('12330212MB1A7720X'),
  region: '浙江省宁波市鄞州区',
  fields: ['equipment'],
  keywords: ['模具', ' 热处理 ', '模具', ''],
};

// The expected table written out by hand, so a change to EXPERT_TRANSITIONS must be made twice, deliberately.
const EXPECTED: Record<ExpertStatus, Record<ExpertEvent, ExpertStatus | null>> = {
  pending: { activate: 'active', suspend: null },
  active: { activate: null, suspend: 'suspended' },
  suspended: { activate: 'active', suspend: null },
};
const pairs = EXPERT_STATUSES.flatMap((s) => EXPERT_EVENTS.map((e) => [s, e, EXPECTED[s][e]] as const));

describe('P315-4: expert status workflow table', () => {
  it.each(pairs)('%s --%s--> %s', (status, event, to) => {
    const r = expertTransition(status, event, { reason: '演示原因' });
    if (to === null) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(`“${EXPERT_STATUS_LABELS[status]}”状态的专家不能`);
    } else expect(r).toEqual({ ok: true, to });
  });

  it('suspending needs a reason', () => {
    expect(expertTransition('active', 'suspend', { reason: '  ' })).toEqual({ ok: false, reason: '暂停专家须填写原因' });
    expect(expertTransition('active', 'suspend', {})).toEqual({ ok: false, reason: '暂停专家须填写原因' });
  });
});

describe('P315-4: expert profile', () => {
  it('normalises and de-duplicates keywords, validates resident ID and credit code', () => {
    const p = expertProfileSchema.parse({ ...VALID, idNumber: VALID.idNumber.toLowerCase() });
    expect(p.keywords).toEqual(['模具', '热处理']);
    expect(p.available).toBe(true);
    expect(p.declaredConflicts).toEqual([]);
  });

  it('refuses a wrong check digit, a bad credit code and more than 10 keywords, each on its field', () => {
    const bad = expertProfileSchema.safeParse({ ...VALID, idNumber: VALID.idNumber.slice(0, 17) + (VALID.idNumber[17] === '1' ? '2' : '1'), organisationCreditCode: '91330206MA2DEMA01X', keywords: Array.from({ length: 11 }, (_, i) => `词${i}`) });
    expect(bad.success).toBe(false);
    const byPath = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath.idNumber).toContain('校验位错误');
    expect(byPath.organisationCreditCode).toContain('校验位错误');
    expect(byPath.keywords).toBe('关键词最多10个');
  });

  it('the credit code may be left empty; fields may not', () => {
    expect(expertProfileSchema.parse({ ...VALID, organisationCreditCode: '' }).organisationCreditCode).toBe('');
    const r = expertProfileSchema.safeParse({ ...VALID, fields: [] });
    expect(r.error!.issues[0]!.message).toBe('请至少选择一个评审领域');
  });

  it('declared conflicts: an organisation needs a valid credit code, a person a valid resident ID', () => {
    expect(declaredConflictSchema.parse({ kind: 'organisation', creditCode: '91330206ma2dema016', name: '宁波演示精密模具有限公司', reason: '曾任顾问' })).toEqual({ kind: 'organisation', creditCode: '91330206MA2DEMA016', name: '宁波演示精密模具有限公司', reason: '曾任顾问' });
    expect(declaredConflictSchema.parse({ kind: 'person', idNumber: id('456'), name: '演示人员', reason: '师生关系' })).toMatchObject({ kind: 'person', idNumber: id('456') });
    const r = declaredConflictSchema.safeParse({ kind: 'person', idNumber: '123', name: '某', reason: '亲属' });
    expect(r.error!.issues[0]).toMatchObject({ path: ['idNumber'] });
    expect(r.error!.issues[0]!.message).toContain('回避人员的身份证号码');
    const o = declaredConflictSchema.safeParse({ kind: 'organisation', name: '某单位', reason: '' });
    expect(o.error!.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
  });
});

describe('P315-4: programme taxonomy', () => {
  const taxonomy = fieldTaxonomy([
    { programmeName: '北仑', fields: [{ code: 'ic', name: '集成电路' }, { code: 'equipment', name: '高端装备' }] },
    { programmeName: '宁波', fields: [{ code: 'equipment', name: '智能装备' }, { code: 'ai', name: '人工智能' }] },
  ]);
  it('is the union of the rule sets’ fields by code, first name kept', () => {
    expect(taxonomy).toEqual([
      { code: 'ic', name: '集成电路', programmes: ['北仑'] },
      { code: 'equipment', name: '高端装备', programmes: ['北仑', '宁波'] },
      { code: 'ai', name: '人工智能', programmes: ['宁波'] },
    ]);
  });
  it('names each unknown code in Chinese', () => {
    expect(unknownFieldProblems(['ic', 'space'], taxonomy)).toEqual([{ field: 'fields.1', message: '“space”不是现行计划中的领域代码，可选：ic、equipment、ai' }]);
    expect(unknownFieldProblems(['ai'], taxonomy)).toEqual([]);
  });
});

describe('P315-5: reverse evaluation aggregates', () => {
  it.each([
    [[5], 500],
    [[4, 4, 5], 433],
    [[5, 5, 4], 467],
    [[1, 2], 150],
    [[3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 400],
  ])('average of %j is %i centi-stars (half up, integer maths)', (scores, centi) => {
    expect(averageRatingCenti(scores)).toBe(centi);
  });
  it('rounds .5 of a centi-star up: 200 ratings summing to 801 → 4.01', () => {
    const scores = [...Array<number>(199).fill(4), 5];
    expect(averageRatingCenti(scores)).toBe(401);
    expect(formatCenti(averageRatingCenti(scores)!)).toBe('4.01');
  });
  it('is null with no ratings; the distribution counts each score 1–5', () => {
    expect(averageRatingCenti([])).toBeNull();
    expect(ratingDistribution([5, 5, 3])).toEqual([{ score: 1, count: 0 }, { score: 2, count: 0 }, { score: 3, count: 1 }, { score: 4, count: 0 }, { score: 5, count: 2 }]);
  });
  it.each([[1, '专家一'], [2, '专家二'], [10, '专家十'], [11, '专家十一'], [20, '专家二十'], [23, '专家二十三']])('slot %i is %s', (n, label) => {
    expect(anonymousExpertLabel(n)).toBe(label);
  });
});
