/**
 * The funding plan as a MIP in CPLEX LP text, so anyone can check the optimum with an independent solver
 * (HiGHS in our tests and bench). Same model as planFunding: amounts in the common unit, objective in the
 * result's units, candidates with a 0 amount left out.
 */
import { coreProblemOf, preparePlan } from './plan.js';
import type { FundingPlanInput } from './types.js';

export interface FundingPlanLp {
  lp: string;
  /** Application number of column x<j> (j = index, 0-based, BL-4 order). */
  columns: string[];
  /** Money unit of the constraint rows, in 元. */
  unitYuan: number;
}

export function toCplexLp(input: FundingPlanInput): FundingPlanLp {
  const prep = preparePlan(input);
  const { core, weightUnit } = coreProblemOf(input, prep);
  const n = core.amount.length;
  const terms = (coef: (j: number) => number, keep: (j: number) => boolean) => {
    const out: string[] = [];
    for (let j = 0; j < n; j++) if (keep(j)) out.push(`${coef(j)} x${j}`);
    return out.length ? out.join(' + ') : '0 x0';
  };
  const lines: string[] = ['\\ funding plan: maximise merit within the budget and category caps', 'Maximize', ` obj: ${n ? terms((j) => core.weight[j]! * weightUnit, () => true) : '0'}`, 'Subject To'];
  if (n) {
    lines.push(` budget: ${terms((j) => core.amount[j]!, () => true)} <= ${core.budget}`);
    input.categories.forEach((c, k) => {
      const inCat = (j: number) => core.cat[j] === k;
      if (!core.cat.some((v) => v === k)) return;
      if (c.budgetCapYuan !== undefined && c.budgetCapYuan !== null) lines.push(` cap${k}: ${terms((j) => core.amount[j]!, inCat)} <= ${core.catBudget[k]}`);
      if (c.countCap !== undefined && c.countCap !== null) lines.push(` cnt${k}: ${terms(() => 1, inCat)} <= ${c.countCap}`);
    });
    lines.push('Binary', ` ${Array.from({ length: n }, (_, j) => `x${j}`).join(' ')}`);
  }
  lines.push('End');
  return { lp: lines.join('\n'), columns: prep.items.map((r) => prep.ranked[r]!.applicationNo), unitYuan: prep.unitYuan };
}
