import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POST_AWARD_SETTINGS } from './settings.js';
import { MIDTERM_OUTCOMES, midtermOutcomeRequest, midtermRequirement, rectificationDueDate, rectificationRequest, ROLLING_DECISIONS, rollingDecisionProblem, terminationAmounts, terminationRequest } from './midterm.js';

describe('mid-term check (YZ-7)', () => {
  it('YZ-7: mandatory from the setting (default 100万) up, the figures named in the sentence', () => {
    expect(midtermRequirement(1_000_000, DEFAULT_POST_AWARD_SETTINGS)).toMatchObject({ mandatory: true, thresholdYuan: 1_000_000 });
    expect(midtermRequirement(999_999, DEFAULT_POST_AWARD_SETTINGS).mandatory).toBe(false);
    expect(midtermRequirement(999_999, DEFAULT_POST_AWARD_SETTINGS).text).toContain('100万');
    expect(midtermRequirement(500_000, { midtermMandatoryFromYuan: 500_000 }).mandatory).toBe(true);
  });

  it('YZ-7: the rectification deadline is the decision day plus the setting\'s months (month end clamped)', () => {
    expect(rectificationDueDate('2026-11-30', DEFAULT_POST_AWARD_SETTINGS)).toBe('2027-02-28');
    expect(rectificationDueDate('2026-03-15', { rectificationMonths: 6 })).toBe('2026-09-15');
  });

  it('BL-10: pass continues or adjusts, 整改 adjusts, 终止 terminates — every pair decided', () => {
    const allowed = { pass: ['continue', 'adjust'], rectify: ['adjust'], terminate: ['terminate'] } as const;
    for (const o of MIDTERM_OUTCOMES) for (const d of ROLLING_DECISIONS) {
      expect(rollingDecisionProblem(o, d) === null, `${o}/${d}`).toBe((allowed[o] as readonly string[]).includes(d));
    }
    expect(rollingDecisionProblem('pass', 'terminate')).toContain('BL-10');
  });

  it('an outcome needs its basis in words; 终止 needs the decision document', () => {
    expect(midtermOutcomeRequest.safeParse({ outcome: 'pass', basis: '', rollingDecision: 'continue' }).success).toBe(false);
    expect(midtermOutcomeRequest.safeParse({ outcome: 'pass', basis: '进度符合任务书', rollingDecision: 'continue' }).success).toBe(true);
    const t = midtermOutcomeRequest.safeParse({ outcome: 'terminate', basis: '关键指标无法完成', rollingDecision: 'terminate' });
    expect(t.success).toBe(false);
    expect(t.error!.issues[0]!.path).toEqual(['termination', 'decisionNo']);
    expect(midtermOutcomeRequest.safeParse({ outcome: 'terminate', basis: '关键指标无法完成', rollingDecision: 'terminate', termination: { decisionNo: '仑科〔2026〕9号', spentYuan: 0 } }).success).toBe(true);
    expect(rectificationRequest.safeParse({ result: 'failed', basis: '整改未达要求' }).success).toBe(false);
    expect(terminationRequest.safeParse({ basis: '依据', decisionNo: '仑科〔2026〕9号', spentYuan: -1 }).success).toBe(false);
  });
});

describe('termination and revocation amounts (BL-10)', () => {
  const ledger = { undisbursedYuan: 400_000, netPaidYuan: 600_000 };
  it('BL-10: termination recovers paid minus spent; the undisbursed commitment is released', () => {
    expect(terminationAmounts('terminate', ledger, 350_000)).toMatchObject({ releasedYuan: 400_000, owedYuan: 250_000, spentYuan: 350_000 });
  });
  it('BL-10: spending above what was paid owes nothing (never negative)', () => {
    expect(terminationAmounts('terminate', ledger, 700_000).owedYuan).toBe(0);
  });
  it('BL-10: revocation recovers everything paid, whatever was spent', () => {
    expect(terminationAmounts('revoke', ledger, 600_000)).toMatchObject({ releasedYuan: 400_000, owedYuan: 600_000, spentYuan: 0 });
  });
  it('BL-10 (property): released + owed + kept = committed − repaid; owed within [0, net paid]', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 2 * 10 ** 9 }), fc.constantFrom('terminate' as const, 'revoke' as const), (undisbursed, netPaid, spent, kind) => {
      const a = terminationAmounts(kind, { undisbursedYuan: undisbursed, netPaidYuan: netPaid }, spent);
      expect(a.owedYuan).toBeGreaterThanOrEqual(0);
      expect(a.owedYuan).toBeLessThanOrEqual(netPaid);
      const kept = netPaid - a.owedYuan;
      expect(a.releasedYuan + a.owedYuan + kept).toBe(undisbursed + netPaid);
      if (kind === 'terminate') expect(kept).toBe(Math.min(spent, netPaid));
      else expect(kept).toBe(0);
    }));
  });
});
