import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableYuan, commitFunds, disburseFunds, emptyLedger, ledgerProblems, returnFunds, undisbursedYuan, type BudgetLedger } from './budget.js';

const WAN = 10_000;
const ok = (r: ReturnType<typeof commitFunds>): BudgetLedger => {
  if (!r.ok) throw new Error(r.message);
  return r.ledger;
};

describe('budget ledger (BL-4, NB-9)', () => {
  it('BL-4 available = budget − committed + returned', () => {
    expect(availableYuan({ budgetYuan: 4000 * WAN, committedYuan: 1500 * WAN, disbursedYuan: 600 * WAN, returnedYuan: 200 * WAN })).toBe(2700 * WAN);
  });

  it('BL-4 approvals cannot exceed the 4,000万 budget: the shortfall is reported', () => {
    const l = ok(commitFunds(emptyLedger(4000 * WAN), 3800 * WAN));
    expect(commitFunds(l, 200 * WAN).ok).toBe(true);
    expect(commitFunds(l, 300 * WAN)).toEqual({ ok: false, shortfallYuan: 100 * WAN, message: '可用预算 200万，不足以承诺 300万' });
  });

  it('NB-9 the 2亿 year of the Ningbo special projects refuses the 2亿 + 1元 approval', () => {
    const l = ok(commitFunds(emptyLedger(200_000_000), 199_999_999));
    expect(commitFunds(l, 2)).toMatchObject({ ok: false, shortfallYuan: 1 });
  });

  it('disbursements draw only on approved, unpaid money', () => {
    let l = ok(commitFunds(emptyLedger(1000 * WAN), 500 * WAN));
    l = ok(disburseFunds(l, 300 * WAN));
    expect(undisbursedYuan(l)).toBe(200 * WAN);
    expect(disburseFunds(l, 250 * WAN)).toEqual({ ok: false, shortfallYuan: 50 * WAN, message: '尚未拨付的承诺 200万，不足以拨付 250万' });
  });

  it('BL-10 a released commitment can be approved again, but never also paid out', () => {
    let l = ok(commitFunds(emptyLedger(1000 * WAN), 1000 * WAN));
    l = ok(returnFunds(l, 400 * WAN));
    expect(availableYuan(l)).toBe(400 * WAN);
    expect(disburseFunds(l, 700 * WAN)).toMatchObject({ ok: false, shortfallYuan: 100 * WAN });
    l = ok(commitFunds(l, 400 * WAN));
    expect(availableYuan(l)).toBe(0);
  });

  it('BL-10 money a project repays goes back to the pool and cannot be repaid twice', () => {
    let l = ok(commitFunds(emptyLedger(1000 * WAN), 600 * WAN));
    l = ok(disburseFunds(l, 600 * WAN));
    expect(returnFunds(l, 100 * WAN)).toMatchObject({ ok: false, shortfallYuan: 100 * WAN });
    l = ok(returnFunds(l, 250 * WAN, 'repaid'));
    expect(availableYuan(l)).toBe(650 * WAN);
    expect(returnFunds(l, 400 * WAN, 'repaid')).toMatchObject({ ok: false, shortfallYuan: 50 * WAN });
    expect(ledgerProblems(l)).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the amount %d with a Chinese message', (amount) => {
    for (const op of [commitFunds, disburseFunds, returnFunds]) expect(op(emptyLedger(100), amount)).toEqual({ ok: false, shortfallYuan: 0, message: '金额须为大于0的整数元' });
  });

  it('names each broken invariant of a stored ledger', () => {
    expect(ledgerProblems({ budgetYuan: 100, committedYuan: 150, disbursedYuan: 160, returnedYuan: 0 })).toEqual(['拨付不能超过承诺', '承诺超出年度预算', '拨付超出尚未拨付的承诺']);
  });
});

const op = fc.record({
  kind: fc.constantFrom('commit' as const, 'disburse' as const, 'release' as const, 'repay' as const),
  amount: fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: -10, max: 0 })),
});

describe('budget ledger properties', () => {
  it('BL-4 NB-9 no sequence of commit/disburse/return ever overdraws the budget (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.array(op, { maxLength: 60 }), (budget, ops) => {
        let l = emptyLedger(budget);
        for (const o of ops) {
          const before = l;
          const r =
            o.kind === 'commit' ? commitFunds(l, o.amount) : o.kind === 'disburse' ? disburseFunds(l, o.amount) : returnFunds(l, o.amount, o.kind === 'repay' ? 'repaid' : 'undisbursed');
          if (r.ok) l = r.ledger;
          else {
            // A refusal changes nothing and names a non-negative shortfall.
            expect(l).toBe(before);
            expect(r.shortfallYuan).toBeGreaterThanOrEqual(0);
            if (o.amount > 0) expect(r.shortfallYuan).toBeGreaterThan(0);
          }
          expect(ledgerProblems(l)).toEqual([]);
          expect(availableYuan(l)).toBeGreaterThanOrEqual(0);
          expect(availableYuan(l)).toBeLessThanOrEqual(budget);
          expect(l.disbursedYuan).toBeLessThanOrEqual(l.committedYuan);
          // Fiscal outflow: paid net of repayments plus what is still owed never passes the budget.
          expect(l.disbursedYuan - (l.repaidYuan ?? 0) + undisbursedYuan(l)).toBeLessThanOrEqual(budget);
        }
      }),
    );
  });

  it('the shortfall is exactly what would have made the operation fit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 30_000 }), (budget, committed, amount) => {
        const l = ok(committed > 0 && committed <= budget ? commitFunds(emptyLedger(budget), committed) : { ok: true, ledger: emptyLedger(budget) });
        const r = commitFunds(l, amount);
        if (!r.ok) expect(commitFunds(l, amount - r.shortfallYuan).ok).toBe(amount - r.shortfallYuan === 0 ? false : true);
      }),
    );
  });
});
