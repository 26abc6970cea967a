import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_RESIDENT_ID } from '../applications/fixtures.js';
import { residentIdCheckChar } from '../applications/resident-id.js';
import { DEFAULT_BAN_YEARS, INTEGRITY_APPEAL_STATUSES, INTEGRITY_SEVERITIES, blockingRecords, type IntegrityRecordFacts } from './integrity.js';
import {
  INTEGRITY_APPEAL_ACTIONS,
  INTEGRITY_BEHAVIOURS,
  applicationIntegritySubjects,
  defaultBanUntil,
  integrityAppealTransition,
  integrityRecordInput,
  integrityRecordStatus,
  integrityRecordValues,
  shownSubjectKey,
} from './integrity-records.js';

const base = {
  subjectKind: 'person' as const,
  subjectName: '张示例',
  subjectKey: EXAMPLE_RESIDENT_ID.toLowerCase(),
  behaviourCode: 'plagiarism' as const,
  severity: 'serious' as const,
  measure: '取消项目申报资格',
  decisionNo: '仑科信〔2026〕1号',
  decisionDate: '2026-03-01',
};

describe('integrity records (科研失信)', () => {
  it('the catalogue has unique codes and Chinese names', () => {
    expect(new Set(INTEGRITY_BEHAVIOURS.map((b) => b.code)).size).toBe(INTEGRITY_BEHAVIOURS.length);
    expect(INTEGRITY_BEHAVIOURS.map((b) => b.name)).toContain('抄袭剽窃他人科研成果');
  });

  it('the default ban runs 1 / 3 / 5 years from the decision date, the last day included', () => {
    expect(defaultBanUntil('2026-03-01', 'general')).toBe('2027-02-28');
    expect(defaultBanUntil('2026-03-01', 'serious')).toBe('2029-02-28');
    expect(defaultBanUntil('2024-02-29', 'severe')).toBe('2029-02-27');
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.constantFrom(...INTEGRITY_SEVERITIES), (d, s) => {
      const day = d.toISOString().slice(0, 10);
      const until = defaultBanUntil(day, s);
      const facts: IntegrityRecordFacts = { id: 'r', subjectKind: 'person', subjectKey: 'K', subjectName: 'x', behaviour: 'b', severity: s, decisionNo: 'n', banFrom: day, banUntil: until, appealStatus: 'none', revoked: false };
      // Blocks on the decision day and the last day, not the day after.
      expect(blockingRecords([facts], [{ kind: 'person', key: 'K' }], day)).toHaveLength(1);
      expect(blockingRecords([facts], [{ kind: 'person', key: 'K' }], until)).toHaveLength(1);
      expect(Number(until.slice(0, 4)) - Number(day.slice(0, 4))).toBeLessThanOrEqual(DEFAULT_BAN_YEARS[s]);
    }));
  });

  it('validates the ID number by its check digit and the credit code by its own; the key is stored upper-case', () => {
    const bad = EXAMPLE_RESIDENT_ID.slice(0, 17) + (residentIdCheckChar(EXAMPLE_RESIDENT_ID.slice(0, 17)) === '1' ? '2' : '1');
    const r = integrityRecordInput.safeParse({ ...base, subjectKey: bad });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['subjectKey']);
    const org = integrityRecordInput.safeParse({ ...base, subjectKind: 'organisation', subjectKey: '91330206MA2DEMC03X' });
    expect(org.success).toBe(false);
    expect(integrityRecordValues(integrityRecordInput.parse(base)).subjectKey).toBe(EXAMPLE_RESIDENT_ID.toUpperCase());
    expect(integrityRecordInput.safeParse({ ...base, subjectKind: 'organisation', subjectKey: '91330206ma2demc03p' }).success).toBe(true);
  });

  it('a ban other than the default needs a reason; the default needs none', () => {
    const v = integrityRecordValues(integrityRecordInput.parse(base));
    expect(v).toMatchObject({ banFrom: '2026-03-01', banUntil: '2029-02-28', banOverrideReason: null, behaviour: '抄袭剽窃他人科研成果' });
    const r = integrityRecordInput.safeParse({ ...base, banUntil: '2028-02-28' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain('限制期与默认值不同，请说明理由');
    const ok = integrityRecordValues(integrityRecordInput.parse({ ...base, banUntil: '2028-02-28', banOverrideReason: '主动纠正，从轻处理' }));
    expect(ok).toMatchObject({ banUntil: '2028-02-28', banOverrideReason: '主动纠正，从轻处理' });
    expect(integrityRecordInput.safeParse({ ...base, banUntil: '2026-01-01', banOverrideReason: 'x' }).success).toBe(false);
  });

  it.each(INTEGRITY_APPEAL_STATUSES.flatMap((s) => INTEGRITY_APPEAL_ACTIONS.flatMap((a) => [[s, a, false], [s, a, true]] as const)))('appeal table: %s + %s (revoked %s)', (status, action, revoked) => {
    const r = integrityAppealTransition(status, revoked, action);
    const expected = revoked ? null : ({ 'none/file': 'pending', 'pending/uphold': 'upheld', 'pending/overturn': 'overturned' } as Record<string, string>)[`${status}/${action}`] ?? null;
    if (expected) expect(r).toEqual({ ok: true, to: expected });
    else expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('status: only an in-force record blocks, matching blockingRecords', () => {
    const r = { revoked: false, appealStatus: 'none' as const, banFrom: '2026-03-01', banUntil: '2027-02-28' };
    expect(integrityRecordStatus(r, '2026-02-28')).toBe('notStarted');
    expect(integrityRecordStatus(r, '2026-03-01')).toBe('inForce');
    expect(integrityRecordStatus(r, '2027-03-01')).toBe('expired');
    expect(integrityRecordStatus({ ...r, appealStatus: 'overturned' }, '2026-06-01')).toBe('overturned');
    expect(integrityRecordStatus({ ...r, revoked: true }, '2026-06-01')).toBe('revoked');
  });

  it('an application is checked by its organisation, leader and every partner; ID numbers are shown masked', () => {
    expect(applicationIntegritySubjects({ team: { leader: { idNumber: ' 33020619800101001x ' } }, partners: [{ creditCode: '52330206mj9f3r4n8a' }, {}] }, '91330206MA2DEMC03P')).toEqual([
      { kind: 'organisation', key: '91330206MA2DEMC03P' },
      { kind: 'person', key: '33020619800101001X' },
      { kind: 'organisation', key: '52330206MJ9F3R4N8A' },
    ]);
    expect(shownSubjectKey('person', EXAMPLE_RESIDENT_ID)).not.toContain(EXAMPLE_RESIDENT_ID.slice(6, 14));
    expect(shownSubjectKey('organisation', '91330206MA2DEMC03P')).toBe('91330206MA2DEMC03P');
  });
});
