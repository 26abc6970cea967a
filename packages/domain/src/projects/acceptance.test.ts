import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptanceRule, acceptanceTiming, acceptanceWindow, applicationProblems, decisionRefusal, fundsConsequence, missingMaterials, panelDrawCap, panelFinding, rectificationDeadline, suggestedDecision } from './acceptance.js';
import { DEFAULT_POST_AWARD_SETTINGS as S } from './settings.js';

const wan = (y: number) => `${y / 10000}万元`;

describe('acceptance window', () => {
  it('opens on the effective end date and closes acceptanceWindowMonths later (month end clamped); early needs a reason', () => {
    const w = acceptanceWindow('2026-08-31', S);
    expect(w).toEqual({ opensOn: '2026-08-31', closesOn: '2027-02-28' });
    expect(acceptanceTiming('2026-08-30', w)).toBe('early');
    expect(acceptanceTiming('2026-08-31', w)).toBe('onTime');
    expect(acceptanceTiming('2027-02-28', w)).toBe('onTime');
    expect(acceptanceTiming('2027-03-01', w)).toBe('late');
    expect(applicationProblems('early', {})).toHaveLength(1);
    expect(applicationProblems('early', { earlyReason: '提前完成全部指标' })).toEqual([]);
    expect(applicationProblems('late', {})).toEqual([]);
  });
  it('lists the required materials not yet uploaded', () => {
    expect(missingMaterials(['workSummary', 'other'])).toEqual(['technicalReport', 'financialStatement', 'auditReport', 'resultsEvidence']);
  });
});

describe('panel findings', () => {
  it('majority of experts; a tie is not met, with the reason', () => {
    expect(panelFinding(0, [true, true, false]).met).toBe(true);
    const tie = panelFinding(1, [true, false]);
    expect(tie.met).toBe(false);
    expect(tie.basis).toContain('票数相同');
    expect(panelFinding(2, []).met).toBe(false);
  });
  it('property: met exactly when met votes are a strict majority', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { maxLength: 15 }), (votes) => {
      const yes = votes.filter(Boolean).length;
      expect(panelFinding(0, votes).met).toBe(yes * 2 > votes.length);
    }));
  });
});

describe('BL-12 acceptance outcome rule', () => {
  const f = (core: boolean[], met: boolean[]) => core.map((c, i) => ({ core: c, met: met[i]! }));
  it('below 80% of core indicators met 不通过, below 90% 复议, all met 通过, core threshold but not all 结题 — exact fractions', () => {
    expect(acceptanceRule(f([true, true, true, true, true], [true, true, true, true, false]), S)).toMatchObject({ result: 'rehear', coreMet: 4, coreTotal: 5, corePercent: '80.00' });
    expect(acceptanceRule(f([true, true, true], [true, true, false]), S)).toMatchObject({ result: 'fail', corePercent: '66.67' });
    expect(acceptanceRule(f([true, true, false], [true, true, true]), S).result).toBe('pass');
    expect(acceptanceRule(f([true, true, false], [true, true, false]), S)).toMatchObject({ result: 'conclude', allMet: 2, allTotal: 3 });
    // 9/10 = 90% exactly is not below the re-hearing line.
    expect(acceptanceRule(f(Array(10).fill(true), [...Array(9).fill(true), false]), S).result).toBe('conclude');
    expect(acceptanceRule(f(Array(10).fill(true), [...Array(9).fill(true), false]), S).explanation).toContain('9/10（90.00%）');
  });
  it('property: the result agrees with integer comparison of the share against the thresholds', () => {
    fc.assert(fc.property(fc.array(fc.record({ core: fc.boolean(), met: fc.boolean() }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (fs, a, b) => {
      const fail = Math.min(a, b);
      const rehear = Math.max(a, b);
      const r = acceptanceRule(fs, { acceptanceFailBelowPercent: fail, acceptanceRehearBelowPercent: rehear });
      const core = fs.some((x) => x.core) ? fs.filter((x) => x.core) : fs;
      const met = core.filter((x) => x.met).length;
      const expected = met * 100 < fail * core.length ? 'fail' : met * 100 < rehear * core.length ? 'rehear' : fs.every((x) => x.met) ? 'pass' : 'conclude';
      expect(r.result).toBe(expected);
    }));
  });
  it('a first failure suggests 整改 once, then 不通过 is final; 复议 once', () => {
    const rule = acceptanceRule(f([true, true], [false, false]), S);
    expect(suggestedDecision({ rule, rectificationUsed: false, reheard: false })).toBe('rectify');
    expect(suggestedDecision({ rule, rectificationUsed: true, reheard: false })).toBe('fail');
    expect(decisionRefusal('rectify', { rule, rectificationUsed: true, reheard: false })).toContain('一次');
    const re = acceptanceRule(f(Array(5).fill(true), [true, true, true, true, false]), S);
    expect(suggestedDecision({ rule: re, rectificationUsed: false, reheard: false })).toBe('rehear');
    expect(suggestedDecision({ rule: re, rectificationUsed: false, reheard: true })).toBe('conclude');
    expect(rectificationDeadline('2026-11-30', S)).toBe('2027-02-28');
  });
});

describe('P315-4 funds after acceptance', () => {
  it('lump-sum keeps the surplus; otherwise the undisbursed commitment is released; failure recovers', () => {
    expect(fundsConsequence('pass', { lumpSum: true, programmeKeepsSurplus: false, undisbursedYuan: 400000 }, wan)).toMatchObject({ kind: 'keep', releaseYuan: 0 });
    expect(fundsConsequence('conclude', { lumpSum: false, programmeKeepsSurplus: false, undisbursedYuan: 400000 }, wan)).toMatchObject({ kind: 'release', releaseYuan: 400000 });
    expect(fundsConsequence('fail', { lumpSum: true, programmeKeepsSurplus: true, undisbursedYuan: 400000, owedYuan: 600000 }, wan)).toMatchObject({ kind: 'recover', releaseYuan: 400000, owedYuan: 600000 });
  });
});

describe('panel draw cap', () => {
  it('½ when the pool is at least twice the panel, else the smallest cap that fills it', () => {
    expect(panelDrawCap(5, 10)).toEqual({ numerator: 1, denominator: 2 });
    const c = panelDrawCap(5, 7);
    expect(c.numerator * 7).toBeGreaterThanOrEqual(5 * 65536);
    expect(() => panelDrawCap(5, 4)).toThrow();
  });
});
