/**
 * Budget ledger maths of one programme-year (BL-4, NB-9). All figures are cumulative integer 元:
 *
 *   budgetYuan     fiscal budget of the year
 *   committedYuan  approvals made (立项承诺)
 *   disbursedYuan  paid out to projects (拨付)
 *   returnedYuan   given back to the pool: an undisbursed commitment released (termination, BL-10) or,
 *                  when repaidYuan says so, money a project paid back
 *   repaidYuan     the part of returnedYuan that had been disbursed (optional, default 0)
 *
 *   available   = budget − committed + returned            what new approvals may still take
 *   undisbursed = committed − returned + repaid − disbursed what approved projects may still be paid
 *
 * Invariants: every figure ≥ 0, repaid ≤ returned, repaid ≤ disbursed ≤ committed, available ≥ 0,
 * undisbursed ≥ 0. Fiscal outflow (paid net of repayments + still owed) = committed − returned ≤ budget.
 */
import { formatWan } from './money.js';

/** Kinds of ledger entry. `return` releases an undisbursed commitment; `repay` is money a project paid back after disbursement. */
export const BUDGET_ENTRY_KINDS = ['budget', 'commit', 'disburse', 'return', 'repay'] as const;
export type BudgetEntryKind = (typeof BUDGET_ENTRY_KINDS)[number];
export const BUDGET_ENTRY_LABELS: Record<BudgetEntryKind, string> = { budget: '核定预算', commit: '立项承诺', disburse: '拨付', return: '收回未拨付', repay: '退回已拨付' };

export interface BudgetLedger {
  budgetYuan: number;
  committedYuan: number;
  disbursedYuan: number;
  returnedYuan: number;
  repaidYuan?: number;
}

export type LedgerResult = { ok: true; ledger: BudgetLedger } | { ok: false; shortfallYuan: number; message: string };

export function emptyLedger(budgetYuan: number): BudgetLedger {
  return { budgetYuan, committedYuan: 0, disbursedYuan: 0, returnedYuan: 0 };
}

/** What new approvals may still take: budget − committed + returned. */
export function availableYuan(l: BudgetLedger): number {
  return l.budgetYuan - l.committedYuan + l.returnedYuan;
}

/** Approved and not yet paid nor released: what disbursements may still draw. */
export function undisbursedYuan(l: BudgetLedger): number {
  return l.committedYuan - l.returnedYuan + (l.repaidYuan ?? 0) - l.disbursedYuan;
}

/** Broken invariants of a ledger (empty when it is sound), in Chinese; for invariant checks on stored ledgers. */
export function ledgerProblems(l: BudgetLedger): string[] {
  const out: string[] = [];
  const repaid = l.repaidYuan ?? 0;
  for (const [name, v] of [['预算', l.budgetYuan], ['承诺', l.committedYuan], ['拨付', l.disbursedYuan], ['收回', l.returnedYuan], ['退回已拨付', repaid]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) out.push(`${name}金额须为不小于0的整数元`);
  }
  if (repaid > l.returnedYuan) out.push('退回的已拨付资金不能超过收回总额');
  if (repaid > l.disbursedYuan) out.push('退回的已拨付资金不能超过拨付总额');
  if (l.disbursedYuan > l.committedYuan) out.push('拨付不能超过承诺');
  if (availableYuan(l) < 0) out.push('承诺超出年度预算');
  if (undisbursedYuan(l) < 0) out.push('拨付超出尚未拨付的承诺');
  return out;
}

function badAmount(amountYuan: number): LedgerResult | null {
  if (Number.isSafeInteger(amountYuan) && amountYuan > 0) return null;
  return { ok: false, shortfallYuan: 0, message: '金额须为大于0的整数元' };
}

/** Approve funding: refused with the shortfall when it would take more than is available. */
export function commitFunds(l: BudgetLedger, amountYuan: number): LedgerResult {
  const bad = badAmount(amountYuan);
  if (bad) return bad;
  const available = availableYuan(l);
  if (amountYuan > available) {
    return { ok: false, shortfallYuan: amountYuan - available, message: `可用预算 ${formatWan(available)}，不足以承诺 ${formatWan(amountYuan)}` };
  }
  return { ok: true, ledger: { ...l, committedYuan: l.committedYuan + amountYuan } };
}

/** Pay out against approvals: refused when more than the approved, unpaid amount. */
export function disburseFunds(l: BudgetLedger, amountYuan: number): LedgerResult {
  const bad = badAmount(amountYuan);
  if (bad) return bad;
  const open = undisbursedYuan(l);
  if (amountYuan > open) {
    return { ok: false, shortfallYuan: amountYuan - open, message: `尚未拨付的承诺 ${formatWan(open)}，不足以拨付 ${formatWan(amountYuan)}` };
  }
  return { ok: true, ledger: { ...l, disbursedYuan: l.disbursedYuan + amountYuan } };
}

/**
 * Give money back to the pool so it can be approved again (BL-10 reallocation).
 * 'undisbursed' releases an approval not yet paid; 'repaid' records money a project paid back.
 */
export function returnFunds(l: BudgetLedger, amountYuan: number, source: 'undisbursed' | 'repaid' = 'undisbursed'): LedgerResult {
  const bad = badAmount(amountYuan);
  if (bad) return bad;
  if (source === 'undisbursed') {
    const open = undisbursedYuan(l);
    if (amountYuan > open) return { ok: false, shortfallYuan: amountYuan - open, message: `尚未拨付的承诺只有 ${formatWan(open)}，不能收回 ${formatWan(amountYuan)}` };
    return { ok: true, ledger: { ...l, returnedYuan: l.returnedYuan + amountYuan } };
  }
  const paid = l.disbursedYuan - (l.repaidYuan ?? 0);
  if (amountYuan > paid) return { ok: false, shortfallYuan: amountYuan - paid, message: `已拨付（扣除已退回）只有 ${formatWan(paid)}，不能退回 ${formatWan(amountYuan)}` };
  return { ok: true, ledger: { ...l, returnedYuan: l.returnedYuan + amountYuan, repaidYuan: (l.repaidYuan ?? 0) + amountYuan } };
}
