import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FORMAL_REVIEW_SETTINGS,
  evaluateFormalReview,
  formalReviewBlockers,
  formalReviewEntryProblems,
  formalReviewSettingsOf,
  type FormalReviewFacts,
  type FormalReviewSettings,
} from './formal-review.js';

const facts = (over: Partial<FormalReviewFacts> = {}): FormalReviewFacts => ({
  requiredAttachments: ['businessLicence', 'financialStatements'],
  attachmentKinds: ['businessLicence', 'financialStatements', 'integrityCommitment'],
  leaderTitle: '高级工程师',
  otherOpenByLeader: [],
  declaredActiveProjects: null,
  partnersCount: 2,
  duplicateCheck: { status: 'done', flagged: false, copyRatio: 0.02 },
  ...over,
});
const S = DEFAULT_FORMAL_REVIEW_SETTINGS;
const rec = (pass: boolean, reason: string | null = null) => ({ pass, reason, by: 'officer', at: '2026-12-06T00:00:00.000Z' });
const item = (r: ReturnType<typeof evaluateFormalReview>, key: string) => r.items.find((i) => i.key === key)!;

describe('formal review checklist (形式审查)', () => {
  it('lists every enabled item; the 承诺书 is the officer’s judgement, the rest are computed', () => {
    const r = evaluateFormalReview(S, facts(), {});
    expect(r.items.map((i) => i.key)).toEqual(['materialsComplete', 'commitmentSigned', 'leaderTitle', 'concurrentProjects', 'partnersCount', 'duplicateCheck']);
    expect(item(r, 'commitmentSigned')).toMatchObject({ automatic: false, computed: null });
    expect(r.items.filter((i) => i.automatic).every((i) => i.computed?.pass === true)).toBe(true);
    expect(r).toMatchObject({ complete: false, passed: false });
  });

  it('leaves out items the call turns off', () => {
    const s: FormalReviewSettings = { ...S, partnersCount: { enabled: false, max: 0 }, commitmentSigned: { enabled: false } };
    const r = evaluateFormalReview(s, facts({ partnersCount: 9 }), {});
    expect(r.items.map((i) => i.key)).not.toContain('partnersCount');
    expect(r.items.map((i) => i.key)).not.toContain('commitmentSigned');
  });

  it('materials: names each missing required attachment', () => {
    const r = evaluateFormalReview(S, facts({ attachmentKinds: ['businessLicence'] }), {});
    expect(item(r, 'materialsComplete').computed).toEqual({ pass: false, detail: '缺少：财务报表（上年度审计报告）' });
  });

  it('leader title: must contain one of the allowed words; an empty list accepts any given title', () => {
    expect(item(evaluateFormalReview(S, facts({ leaderTitle: '工程师' }), {}), 'leaderTitle').computed?.pass).toBe(false);
    expect(item(evaluateFormalReview(S, facts({ leaderTitle: '副教授' }), {}), 'leaderTitle').computed?.pass).toBe(true);
    expect(item(evaluateFormalReview(S, facts({ leaderTitle: '' }), {}), 'leaderTitle').computed?.pass).toBe(false);
    const any = { ...S, leaderTitle: { enabled: true, allowedTitles: [] } };
    expect(item(evaluateFormalReview(any, facts({ leaderTitle: '工程师' }), {}), 'leaderTitle').computed?.pass).toBe(true);
  });

  it('concurrent projects: this one plus the leader’s other open ones within the programme against the limit', () => {
    const one = facts({ otherOpenByLeader: [{ applicationNo: 'SB2026-000002', state: 'submitted' }], declaredActiveProjects: 0 });
    const r = evaluateFormalReview(S, one, {});
    expect(item(r, 'concurrentProjects').computed).toMatchObject({ pass: false });
    expect(item(r, 'concurrentProjects').computed?.detail).toContain('SB2026-000002');
    const two = { ...S, concurrentProjects: { enabled: true, limit: 2 } };
    expect(item(evaluateFormalReview(two, one, {}), 'concurrentProjects').computed?.pass).toBe(true);
  });

  it('partners: a count above the call’s cap fails (NB-5 partners are capped per call)', () => {
    expect(item(evaluateFormalReview(S, facts({ partnersCount: 11 }), {}), 'partnersCount').computed).toEqual({ pass: false, detail: '合作单位11家（上限10家）' });
    expect(item(evaluateFormalReview(S, facts({ partnersCount: 10 }), {}), 'partnersCount').computed?.pass).toBe(true);
  });

  it('BL-9: 查重 passes only when done and not flagged; flagged, pending or missing fails the computation', () => {
    expect(item(evaluateFormalReview(S, facts(), {}), 'duplicateCheck').computed?.pass).toBe(true);
    expect(item(evaluateFormalReview(S, facts({ duplicateCheck: { status: 'done', flagged: true, copyRatio: 0.4 } }), {}), 'duplicateCheck').computed?.detail).toContain('40.0%');
    expect(item(evaluateFormalReview(S, facts({ duplicateCheck: { status: 'running', flagged: null, copyRatio: null } }), {}), 'duplicateCheck').computed?.pass).toBe(false);
    expect(item(evaluateFormalReview(S, facts({ duplicateCheck: null }), {}), 'duplicateCheck').computed?.pass).toBe(false);
  });

  it('complete and passed only when every enabled item is recorded pass', () => {
    const all = Object.fromEntries(['materialsComplete', 'commitmentSigned', 'leaderTitle', 'concurrentProjects', 'partnersCount', 'duplicateCheck'].map((k) => [k, rec(true)]));
    expect(evaluateFormalReview(S, facts(), all)).toMatchObject({ complete: true, passed: true });
    const oneFail = { ...all, commitmentSigned: rec(false, '承诺书未盖章') };
    const r = evaluateFormalReview(S, facts(), oneFail);
    expect(r).toMatchObject({ complete: true, passed: false });
    expect(formalReviewBlockers(r)).toEqual([{ field: 'formalReview.commitmentSigned', message: '“承诺书已签字盖章”记录为不通过：承诺书未盖章（应退回修改）' }]);
    const { partnersCount: _, ...missingOne } = all;
    expect(formalReviewBlockers(evaluateFormalReview(S, facts(), missingOne)).map((b) => b.field)).toEqual(['formalReview.partnersCount']);
  });

  it('entries: a fail needs a reason; a pass over a failed computation needs one too; unknown and repeated keys are refused', () => {
    const f = facts({ partnersCount: 12 });
    const r = evaluateFormalReview(S, f, {});
    expect(formalReviewEntryProblems(r, f, [{ key: 'commitmentSigned', pass: false }])).toEqual([{ field: 'items.0.reason', message: '“承诺书已签字盖章”不通过，须填写理由' }]);
    expect(formalReviewEntryProblems(r, f, [{ key: 'partnersCount', pass: true, reason: ' ' }])[0]?.field).toBe('items.0.reason');
    expect(formalReviewEntryProblems(r, f, [{ key: 'partnersCount', pass: true, reason: '经核实两家为同一集团，按10家计' }])).toEqual([]);
    expect(formalReviewEntryProblems(r, f, [{ key: 'nope', pass: true }])[0]?.field).toBe('items.0.key');
    expect(formalReviewEntryProblems(r, f, [{ key: 'leaderTitle', pass: true }, { key: 'leaderTitle', pass: true }])[0]?.field).toBe('items.1.key');
  });

  it('BL-9: a flagged 查重 may be recorded pass with the officer’s reason, a pending one may not be recorded pass at all', () => {
    const flagged = facts({ duplicateCheck: { status: 'done', flagged: true, copyRatio: 0.3 } });
    const r = evaluateFormalReview(S, flagged, {});
    expect(formalReviewEntryProblems(r, flagged, [{ key: 'duplicateCheck', pass: true }])[0]?.field).toBe('items.0.reason');
    expect(formalReviewEntryProblems(r, flagged, [{ key: 'duplicateCheck', pass: true, reason: '相似部分为本单位公开标准引用' }])).toEqual([]);
    const pending = facts({ duplicateCheck: { status: 'queued', flagged: null, copyRatio: null } });
    const p = evaluateFormalReview(S, pending, {});
    expect(formalReviewEntryProblems(p, pending, [{ key: 'duplicateCheck', pass: true, reason: '先记通过' }])).toEqual([{ field: 'items.0.pass', message: '查重尚未完成，不能记为通过' }]);
    expect(formalReviewEntryProblems(p, pending, [{ key: 'duplicateCheck', pass: false, reason: '查重未完成' }])).toEqual([]);
  });

  it('stored settings are filled from the defaults; invalid ones fall back to them', () => {
    expect(formalReviewSettingsOf(null)).toEqual(S);
    expect(formalReviewSettingsOf({ partnersCount: { enabled: true, max: 3 } }).partnersCount.max).toBe(3);
    expect(formalReviewSettingsOf({ concurrentProjects: { enabled: true, limit: -1 } })).toEqual(S);
  });
});
