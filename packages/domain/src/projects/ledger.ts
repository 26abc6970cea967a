/**
 * One project's share of its programme-year ledger (BL-4): the movements that name it, and their sums. The
 * programme-year ledger is the sum over its projects plus the budget, so a project view and the ledger view
 * reconcile to the 元 by construction.
 */
import type { BudgetEntryKind } from '../programmes/budget.js';

export interface ProjectLedgerTotals {
  committedYuan: number;
  disbursedYuan: number;
  /** Undisbursed commitment released back to the pool (终止/撤销/验收结余). */
  releasedYuan: number;
  /** Money the unit paid back after disbursement. */
  repaidYuan: number;
  /** Committed and not yet paid nor released: what may still be disbursed. */
  undisbursedYuan: number;
  /** Paid out net of repayments: what the unit holds of the fiscal money. */
  netPaidYuan: number;
}

export function projectLedgerTotals(movements: readonly { kind: BudgetEntryKind; amountYuan: number }[]): ProjectLedgerTotals {
  const sum = (k: BudgetEntryKind) => movements.filter((m) => m.kind === k).reduce((s, m) => s + m.amountYuan, 0);
  const committedYuan = sum('commit');
  const disbursedYuan = sum('disburse');
  const releasedYuan = sum('return');
  const repaidYuan = sum('repay');
  return { committedYuan, disbursedYuan, releasedYuan, repaidYuan, undisbursedYuan: committedYuan - releasedYuan - disbursedYuan, netPaidYuan: disbursedYuan - repaidYuan };
}
