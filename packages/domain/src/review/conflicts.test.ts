import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRoundConflicts } from './conflict-index.js';
import { affinityOf, coMemberCutoff, conflictReasons, DEFAULT_CONFLICT_SETTINGS, districtOf, type ConflictApplication, type ConflictExpert, type ConflictHistory, type PastApplication } from './conflicts.js';
import { assignmentSettingsInput, drawCapOfPercent, percentOfDrawCap, roundAssignmentSettings } from './assignment-settings.js';

const ASOF = new Date('2026-12-01T00:00:00Z');
const app = (o: Partial<ConflictApplication> = {}): ConflictApplication => ({
  id: 'a1',
  fieldCode: 'equipment',
  keywords: ['模具'],
  organisation: { creditCode: 'ORG-A', name: '甲公司', region: '浙江省宁波市北仑区' },
  partners: [{ creditCode: 'ORG-P', name: '乙研究院' }],
  personIds: ['L1'],
  leaderName: '张三',
  consortia: [],
  ...o,
});
const expert = (o: Partial<ConflictExpert> = {}): ConflictExpert => ({
  id: 'e1',
  name: '王五',
  fields: ['equipment'],
  keywords: [],
  organisationCreditCode: 'ORG-X',
  organisationName: '丙大学',
  region: '浙江省宁波市鄞州区',
  idNumber: 'E1',
  declaredConflicts: [],
  consortia: [],
  ...o,
});
const past = (o: Partial<PastApplication> = {}): PastApplication => ({
  id: 'p1',
  applicationNo: 'KC-2025-0001',
  submittedAt: '2025-03-01T02:00:00Z',
  organisation: { creditCode: 'ORG-A', name: '甲公司' },
  partners: [],
  leaderId: 'E1',
  leaderName: '王五',
  memberNames: [],
  ...o,
});
const hist = (...applications: PastApplication[]): ConflictHistory => ({ applications, asOf: ASOF });
const S = DEFAULT_CONFLICT_SETTINGS;
const kinds = (a: ConflictApplication, e: ConflictExpert, h = hist(), s = S) => conflictReasons(a, e, s, h).map((r) => r.kind);

describe('回避 rules, pair by pair', () => {
  it('organisation: the expert works at the applicant (credit code, case and spaces ignored)', () => {
    expect(conflictReasons(app(), expert({ organisationCreditCode: ' org-a ' }))).toEqual([{ kind: 'organisation', text: '专家所在单位（丙大学）为申报单位' }]);
  });
  it('partner: the expert works at a partner', () => {
    expect(conflictReasons(app(), expert({ organisationCreditCode: 'ORG-P' }))).toEqual([{ kind: 'partner', text: '专家所在单位为合作单位（乙研究院）' }]);
  });
  it('no credit code on either side is never a match', () => {
    expect(kinds(app({ organisation: { creditCode: '', name: '', region: '' }, partners: [] }), expert({ organisationCreditCode: '' }))).toEqual([]);
  });
  it('coMember: the expert is the leader himself', () => {
    expect(kinds(app(), expert({ idNumber: 'L1' }))).toEqual(['coMember']);
  });
  it('coMember: the expert led an application of the applicant or a partner within N years, not before', () => {
    expect(conflictReasons(app(), expert(), S, hist(past()))[0]!.text).toBe('专家曾任申报书 KC-2025-0001 的项目负责人（甲公司，2025年提交，近 3 年内），该单位为本申报书的申报或合作单位');
    expect(kinds(app(), expert(), hist(past({ organisation: { creditCode: 'ORG-P', name: '乙研究院' } })))).toEqual(['coMember']);
    expect(kinds(app(), expert(), hist(past({ submittedAt: '2023-11-30T00:00:00Z' })))).toEqual([]);
    expect(kinds(app(), expert(), hist(past({ submittedAt: '2023-12-01T00:00:00Z' })))).toEqual(['coMember']);
    expect(kinds(app(), expert(), hist(past({ submittedAt: '2025-03-01T00:00:00Z' })), { ...S, coMemberYears: 1 })).toEqual([]);
    // Another organisation's application led by the expert is no reason.
    expect(kinds(app(), expert(), hist(past({ organisation: { creditCode: 'ORG-Z', name: '丁' } })))).toEqual([]);
    // The application itself is not "an earlier one".
    expect(kinds(app(), expert(), hist(past({ id: 'a1' })))).toEqual([]);
  });
  it('coMember: the leader led an application on which the expert (same name AND same organisation) was a member', () => {
    const p = past({ leaderId: 'L1', leaderName: '张三', organisation: { creditCode: 'ORG-Q', name: '戊' }, partners: [{ creditCode: 'ORG-X', name: '丙大学' }], memberNames: ['王 五'] });
    expect(conflictReasons(app(), expert(), S, hist(p))).toEqual([{ kind: 'coMember', text: '本申报书负责人曾主持申报书 KC-2025-0001（2025年，近 3 年内），其团队成员中有与专家同名（王五）且同单位（丙大学）者' }]);
    // Same name at another organisation: not matched (names alone are too common to exclude an expert on).
    expect(kinds(app(), expert({ organisationCreditCode: 'ORG-Y' }), hist(p))).toEqual([]);
  });
  it('coMember: the expert led an application on which the leader (same name, the applicant organisation) was a member', () => {
    const p = past({ organisation: { creditCode: 'ORG-Q', name: '戊' }, partners: [{ creditCode: 'ORG-A', name: '甲公司' }], memberNames: ['张三'] });
    expect(conflictReasons(app(), expert(), S, hist(p))).toEqual([{ kind: 'coMember', text: '专家曾主持申报书 KC-2025-0001（2025年，近 3 年内），本申报书负责人（张三）与其团队成员同名且同单位' }]);
    expect(kinds(app({ leaderName: '李四' }), expert(), hist(p))).toEqual([]);
  });
  it('consortium: the expert (or their organisation) and the applicant or a partner are in one innovation consortium', () => {
    const a = app({ consortia: [{ consortium: '甬江联合体', organisation: '乙研究院' }] });
    expect(conflictReasons(a, expert({ consortia: ['甬江联合体'] }))).toEqual([{ kind: 'consortium', text: '专家（或其所在单位）与乙研究院同属创新联合体「甬江联合体」' }]);
    expect(kinds(a, expert({ consortia: ['别的联合体'] }))).toEqual([]);
  });
  it('declared: an organisation (applicant or partner) or a person on the application', () => {
    const d = expert({ declaredConflicts: [{ kind: 'organisation', creditCode: 'ORG-P', name: '乙研究院', reason: '兼职' }, { kind: 'person', idNumber: 'L1', name: '张三', reason: '亲属' }] });
    expect(conflictReasons(app(), d).map((r) => r.text)).toEqual(['专家申报回避人员：张三（亲属）', '专家申报回避单位：乙研究院（兼职）']);
  });
  it('sameDistrict: only when the round turns it on', () => {
    const e = expert({ region: '浙江省宁波市北仑区' });
    expect(kinds(app(), e)).toEqual([]);
    expect(kinds(app(), e, hist(), { ...S, sameDistrict: true })).toEqual(['sameDistrict']);
    expect(districtOf('浙江省宁波市')).toBeNull();
  });
  it('affinity: 100 for the field, 10 per shared keyword (width- and case-insensitive), at most 5', () => {
    expect(affinityOf(app({ keywords: ['ＡＩ', '模具'] }), expert({ keywords: ['ai', '模具'] }))).toBe(120);
    expect(affinityOf(app({ fieldCode: 'ic', keywords: ['a', 'b', 'c', 'd', 'e', 'f'] }), expert({ keywords: ['a', 'b', 'c', 'd', 'e', 'f'] }))).toBe(50);
  });
  it('the window starts N calendar years before the round opened', () => {
    expect(coMemberCutoff(ASOF, 3).toISOString()).toBe('2023-12-01T00:00:00.000Z');
  });
});

// Small alphabets so that codes, IDs, names and keywords collide often.
const code = fc.constantFrom('C1', 'C2', 'C3', 'c1 ', '');
const pid = fc.constantFrom('I1', 'I2', 'I3', 'i1', '');
const pname = fc.constantFrom('张三', '李四', '王五', '张 三');
const kw = fc.constantFrom('模具', '芯片', 'AI', 'ａｉ', '材料');
const region = fc.constantFrom('浙江省宁波市北仑区', '浙江省宁波市鄞州区', '浙江省宁波市');
const cons = fc.constantFrom('X联合体', 'Y联合体');
const arbApp = (id: string) =>
  fc.record({
    id: fc.constant(id),
    fieldCode: fc.constantFrom('f1', 'f2', null),
    keywords: fc.array(kw, { maxLength: 3 }),
    organisation: fc.record({ creditCode: code, name: fc.constant('申报单位'), region }),
    partners: fc.array(fc.record({ creditCode: code, name: fc.constantFrom('合作一', '合作二') }), { maxLength: 2 }),
    personIds: fc.array(pid, { maxLength: 1 }),
    leaderName: pname,
    consortia: fc.array(fc.record({ consortium: cons, organisation: fc.constant('某单位') }), { maxLength: 2 }),
  });
const arbExpert = (id: string) =>
  fc.record({
    id: fc.constant(id),
    name: pname,
    fields: fc.array(fc.constantFrom('f1', 'f2', 'f3'), { maxLength: 2 }),
    keywords: fc.array(kw, { maxLength: 3 }),
    organisationCreditCode: fc.option(code, { nil: null }),
    organisationName: fc.constant('专家单位'),
    region,
    idNumber: fc.option(pid, { nil: null }),
    declaredConflicts: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('organisation' as const), creditCode: code, name: fc.constant('某单位'), reason: fc.constant('合作') }),
        fc.record({ kind: fc.constant('person' as const), idNumber: pid, name: fc.constant('某人'), reason: fc.constant('亲属') }),
      ),
      { maxLength: 2 },
    ),
    consortia: fc.array(cons, { maxLength: 1 }),
  });
const arbPast = (id: string) =>
  fc.record({
    id: fc.constantFrom(id, 'a0'),
    applicationNo: fc.constant(`KC-${id}`),
    submittedAt: fc.constantFrom('2022-06-01T00:00:00Z', '2025-06-01T00:00:00Z', '2026-11-01T00:00:00Z'),
    organisation: fc.record({ creditCode: code, name: fc.constant('往年单位') }),
    partners: fc.array(fc.record({ creditCode: code, name: fc.constant('往年合作') }), { maxLength: 2 }),
    leaderId: fc.option(pid, { nil: null }),
    leaderName: pname,
    memberNames: fc.array(pname, { maxLength: 2 }),
  });

describe('the indexed round computation', () => {
  it('property: gives exactly the pairwise rules’ conflicts, reasons and candidate affinities for every pair', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(5), fc.nat(6), fc.nat(4)).chain(([na, ne, np]) =>
          fc.tuple(
            fc.tuple(...Array.from({ length: na + 1 }, (_, i) => arbApp(`a${i}`))),
            fc.tuple(...Array.from({ length: ne + 1 }, (_, i) => arbExpert(`e${i}`))),
            fc.array(fc.constant(0), { minLength: np, maxLength: np }).chain((xs) => fc.tuple(...xs.map((_, i) => arbPast(`p${i}`)))),
            fc.record({ sameDistrict: fc.boolean(), coMemberYears: fc.constantFrom(0, 1, 3, 5) }),
          ),
        ),
        ([apps, experts, pasts, settings]) => {
          const h = hist(...(pasts as PastApplication[]));
          const r = computeRoundConflicts(apps, experts, settings, h);
          const conflicts = new Map(r.conflicts.map((c) => [`${c.app}/${c.expert}`, c.reasons]));
          const candidates = new Map(r.candidates.map((c) => [`${c.app}/${c.expert}`, c.affinity]));
          apps.forEach((a, i) =>
            experts.forEach((e, j) => {
              const reasons = conflictReasons(a, e, settings, h);
              expect(conflicts.get(`${i}/${j}`) ?? []).toEqual(reasons);
              const aff = affinityOf(a, e);
              expect(candidates.get(`${i}/${j}`)).toBe(reasons.length === 0 && aff > 0 ? aff : undefined);
            }),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('assignment settings', () => {
  it('draw cap: a percentage becomes a reduced fraction and back', () => {
    expect(drawCapOfPercent(50)).toEqual({ numerator: 1, denominator: 2 });
    expect(drawCapOfPercent(12.5)).toEqual({ numerator: 1, denominator: 8 });
    expect(drawCapOfPercent(33.33)).toEqual({ numerator: 3333, denominator: 10000 });
    expect(percentOfDrawCap({ numerator: 1, denominator: 8 })).toBe(12.5);
  });
  it('validation messages are Chinese, per field', () => {
    const r = assignmentSettingsInput.safeParse({ mode: 'x', k: 1.5, minLoad: 3, maxLoad: 2, conflicts: { coMemberYears: -1, sameDistrict: true }, drawCapPercent: 0.001 });
    expect(r.success).toBe(false);
    const msgs = r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(msgs).toEqual(expect.arrayContaining(['mode:请选择分配方式（最优分配或随机抽取）', 'k:每份申报书的评审专家数须为整数', 'conflicts.coMemberYears:回避年限不能为负数', 'drawCapPercent:抽取概率上限最多保留两位小数']));
  });
  it('defaults where the round has none', () => {
    expect(roundAssignmentSettings({})).toEqual({ conflicts: { sameDistrict: false, coMemberYears: 3 }, drawCap: { numerator: 1, denominator: 2 } });
  });
});
