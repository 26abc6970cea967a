import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedProperties } from '../common/test-seed.js';
import { PROJECT_STATES } from './lifecycle.js';
import { defaultDisbursementSchedule, instalmentState, minimumFirstInstalment, paidDateProblem, recoveryOverdue, scheduleProblems, stageChecksPassed, type DisbursementFacts, type Instalment } from './disbursement.js';
import { reconcileProgrammeYear } from './programme-ledger.js';
import { projectLedgerTotals } from './ledger.js';

const seed = seedProperties(20261206);
const rules = (fiscalYuan: number, minPercent = 60) => ({ fiscalYuan, minPercent, paid: [] });
const facts = (over: Partial<DisbursementFacts> = {}): DisbursementFacts => ({ state: 'executing', midtermRequired: false, midtermPasses: 0, stageCheckPasses: 0, paid: new Set(), ...over });

describe('default disbursement schedule (first instalment ≥ setting % after signing, the rest after a stage check)', () => {
  it('1,000,000 元 at 60%: 600,000 after signing, 400,000 after a stage check', () => {
    expect(defaultDisbursementSchedule(1_000_000, { firstInstalmentMinPercent: 60 }).map((x) => [x.amountYuan, x.condition])).toEqual([[600_000, 'signed'], [400_000, 'stageCheck']]);
  });
  it('a percent of an amount that does not divide is rounded UP to the 元 (never below the percentage) and the last instalment takes the remainder', () => {
    expect(defaultDisbursementSchedule(1_000_001, { firstInstalmentMinPercent: 60 }).map((x) => x.amountYuan)).toEqual([600_001, 400_000]);
    expect(minimumFirstInstalment(333_333, 67)).toBe(223_334); // 223,333.11
  });
  it('100% (or an amount too small to split) is one instalment after signing', () => {
    expect(defaultDisbursementSchedule(500_000, { firstInstalmentMinPercent: 100 })).toEqual([{ amountYuan: 500_000, condition: 'signed', note: '' }]);
    expect(defaultDisbursementSchedule(1, { firstInstalmentMinPercent: 60 })).toHaveLength(1);
  });
  it('property: the default sums to the fiscal amount exactly, its amounts are positive, and it passes its own check', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 100 }), (fiscal, pct) => {
      const s = defaultDisbursementSchedule(fiscal, { firstInstalmentMinPercent: pct });
      expect(s.reduce((a, x) => a + x.amountYuan, 0)).toBe(fiscal);
      expect(s.every((x) => Number.isSafeInteger(x.amountYuan) && x.amountYuan > 0)).toBe(true);
      expect(scheduleProblems(s, rules(fiscal, pct))).toEqual([]);
      // The minimum is the smallest whole 元 not below the exact percentage.
      const min = minimumFirstInstalment(fiscal, pct);
      expect(BigInt(min) * 100n >= BigInt(fiscal) * BigInt(pct)).toBe(true);
      expect(BigInt(min - 1) * 100n < BigInt(fiscal) * BigInt(pct)).toBe(true);
    }), { seed, numRuns: 300 });
  });
});

describe('an edited schedule is checked, in Chinese', () => {
  const s = (...xs: [number, Instalment['condition']][]) => xs.map(([amountYuan, condition]) => ({ amountYuan, condition, note: '' }));
  it('the sum must equal the fiscal amount, saying by how much it is off', () => {
    expect(scheduleProblems(s([600_000, 'signed'], [300_000, 'stageCheck']), rules(1_000_000))).toEqual([{ field: 'instalments', message: '各期合计 90万，须等于财政经费 100万（少 10万）' }]);
  });
  it('the first must reach the minimum and be paid after signing', () => {
    const p = scheduleProblems(s([500_000, 'stageCheck'], [500_000, 'signed']), rules(1_000_000));
    expect(p.map((x) => x.message)).toEqual(['第1期须在任务书签订后拨付', '第2期：签订后拨付的款项不能排在阶段检查款之后', '第1期不能低于财政经费的60%，即 60万']);
  });
  it('amounts must be positive whole 元', () => {
    expect(scheduleProblems(s([1_000_000, 'signed'], [0, 'stageCheck']), rules(1_000_000))).toEqual([{ field: 'instalments.1.amountYuan', message: '第2期金额须为大于0的整数元' }]);
    expect(scheduleProblems([], rules(1))).toEqual([{ field: 'instalments', message: '拨付计划至少要有一期' }]);
  });
  it('a paid instalment cannot change or disappear; three instalments are fine', () => {
    const paid = [{ instalmentNo: 1, amountYuan: 600_000, condition: 'signed' as const }];
    expect(scheduleProblems(s([700_000, 'signed'], [300_000, 'stageCheck']), { ...rules(1_000_000), paid })[0]!.message).toBe('第1期已拨付 60万，金额和条件不能修改');
    expect(scheduleProblems(s([600_000, 'signed'], [200_000, 'stageCheck'], [200_000, 'stageCheck']), { ...rules(1_000_000), paid })).toEqual([]);
  });
});

describe('whether an instalment may be paid now', () => {
  const two = defaultDisbursementSchedule(1_000_000, { firstInstalmentMinPercent: 60 });
  it('the first after signing; not while awaiting signature', () => {
    expect(instalmentState(two, 1, facts({ state: 'approved' }))).toEqual({ status: 'waiting', text: '待任务书签订生效' });
    expect(instalmentState(two, 1, facts())).toEqual({ status: 'payable', text: '条件已满足，可拨付' });
  });
  it('the second only after a passed stage check; a mid-term 合格 counts, a recorded 阶段检查 only where no mid-term is required', () => {
    const paid = new Set([1]);
    expect(instalmentState(two, 2, facts({ paid })).status).toBe('waiting');
    expect(instalmentState(two, 2, facts({ paid, stageCheckPasses: 1 })).status).toBe('payable');
    expect(instalmentState(two, 2, facts({ paid, midtermRequired: true, stageCheckPasses: 1 }))).toEqual({ status: 'waiting', text: '待中期检查合格（本项目须中期检查，阶段检查不能代替）' });
    expect(instalmentState(two, 2, facts({ paid, midtermRequired: true, midtermPasses: 1 })).status).toBe('payable');
    expect(stageChecksPassed({ midtermRequired: false, midtermPasses: 1, stageCheckPasses: 1 })).toBe(2);
  });
  it('in order: the second waits for the first even when its condition is met', () => {
    expect(instalmentState(two, 2, facts({ stageCheckPasses: 1 })).text).toBe('条件已满足，待第1期拨付后按序拨付');
  });
  it('never after termination, failure or revocation (the state table), whatever the conditions', () => {
    for (const state of ['terminated', 'failed', 'revoked', 'accepted', 'concluded'] as const) {
      expect(instalmentState(two, 1, facts({ state, stageCheckPasses: 5 }))).toEqual({ status: 'stopped', text: expect.stringContaining('停止拨付') });
    }
  });
  it('payable only in the payable states of the lifecycle', () => {
    for (const state of PROJECT_STATES) {
      const payable = instalmentState(two, 1, facts({ state })).status === 'payable';
      expect(payable, state).toBe(['executing', 'midterm', 'rectifying', 'accepting', 'acceptanceRectifying'].includes(state));
    }
  });
  it('the k-th stage-check instalment needs the k-th passed check', () => {
    const three = [{ amountYuan: 6, condition: 'signed' as const, note: '' }, { amountYuan: 2, condition: 'stageCheck' as const, note: '' }, { amountYuan: 2, condition: 'stageCheck' as const, note: '' }];
    expect(instalmentState(three, 3, facts({ paid: new Set([1, 2]), stageCheckPasses: 1 })).text).toBe('待第2次阶段检查合格（中期检查合格或阶段检查通过）；已合格 1 次');
    expect(instalmentState(three, 3, facts({ paid: new Set([1, 2]), stageCheckPasses: 2 })).status).toBe('payable');
  });
});

describe('dates', () => {
  it('a paid date is not in the future nor before approval', () => {
    expect(paidDateProblem('2026-12-07', '2026-12-06', '2026-01-01')).toBe('拨付日期不能晚于今天（2026-12-06）');
    expect(paidDateProblem('2025-12-31', '2026-12-06', '2026-01-01')).toBe('拨付日期不能早于立项日期（2026-01-01）');
    expect(paidDateProblem('2026-06-01', '2026-12-06', '2026-01-01')).toBeNull();
  });
  it('a recovery is 逾期 the day after its due date while open', () => {
    expect(recoveryOverdue({ status: 'open', dueDate: '2026-12-06' }, '2026-12-06')).toBe(false);
    expect(recoveryOverdue({ status: 'open', dueDate: '2026-12-05' }, '2026-12-06')).toBe(true);
    expect(recoveryOverdue({ status: 'settled', dueDate: '2026-12-05' }, '2026-12-06')).toBe(false);
  });
});

describe('BL-4: the programme-year ledger by project reconciles to the 元', () => {
  it('property: project rows + unassigned entries equal the ledger, figure by figure; a misfiled entry shows as a difference', () => {
    const kind = fc.constantFrom('commit', 'disburse', 'return', 'repay') as fc.Arbitrary<'commit' | 'disburse' | 'return' | 'repay'>;
    const entry = fc.record({ kind, amountYuan: fc.integer({ min: 1, max: 1e9 }), project: fc.integer({ min: -1, max: 4 }) });
    fc.assert(fc.property(fc.array(entry, { maxLength: 40 }), fc.integer({ min: 0, max: 1e10 }), (entries, budget) => {
      const all = [{ kind: 'budget' as const, amountYuan: budget, project: -1 }, ...entries];
      const rows = [0, 1, 2, 3, 4].map((p) => projectLedgerTotals(all.filter((e) => e.project === p)));
      const loose = all.filter((e) => e.project === -1);
      const sum = (k: string) => all.filter((e) => e.kind === k).reduce((s, e) => s + e.amountYuan, 0);
      const ledger = { budgetYuan: sum('budget'), committedYuan: sum('commit'), disbursedYuan: sum('disburse'), returnedYuan: sum('return') + sum('repay'), repaidYuan: sum('repay') };
      const r = reconcileProgrammeYear(rows, loose, ledger);
      expect(r.holds).toBe(true);
      expect(r.lines.every((l) => l.differenceYuan === 0)).toBe(true);
      // Drop one project's row (its entries filed under another programme-year): the ledger no longer reconciles.
      if (entries.some((e) => e.project === 0)) expect(reconcileProgrammeYear(rows.slice(1), loose, ledger).holds).toBe(false);
    }), { seed, numRuns: 200 });
  });
  it('says in Chinese which figure is off', () => {
    const r = reconcileProgrammeYear([projectLedgerTotals([{ kind: 'commit', amountYuan: 100 }])], [], { budgetYuan: 0, committedYuan: 90, disbursedYuan: 0, returnedYuan: 0 });
    expect(r.summary).toBe('核对不符：立项承诺差 10 元，未拨付承诺差 10 元。');
  });
});
