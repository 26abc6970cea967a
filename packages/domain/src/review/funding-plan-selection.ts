/**
 * An officer's override (调整) of the engine's funding plan (立项资金方案): include or exclude one candidate,
 * with a recorded reason. The changed selection must still respect the programme-year budget (BL-4) and every
 * category cap, so it is checked here with the same input the engine solved, and refused with the shortfall.
 */
import { categoryLabel } from '../programmes/labels.js';
import type { FundingPlanInput } from '../funding-plan/types.js';
import { formatWan } from '../programmes/money.js';
import { formatCenti } from './format.js';

export const FUNDING_OVERRIDE_ACTIONS = ['include', 'exclude'] as const;
export type FundingOverrideAction = (typeof FUNDING_OVERRIDE_ACTIONS)[number];
export const FUNDING_OVERRIDE_LABELS: Record<FundingOverrideAction, string> = { include: '调入方案', exclude: '调出方案' };

export interface SelectionProblem {
  kind: 'budget' | 'categoryBudget' | 'categoryCount' | 'noDistrictFunds' | 'unknown';
  category?: string;
  /** Money missing for the selection to fit (元); 0 for a count cap. */
  shortfallYuan: number;
  message: string;
}

/** Every constraint the selection breaks (empty when it fits the budget and every category's caps). */
export function selectionProblems(input: FundingPlanInput, selected: readonly string[]): SelectionProblem[] {
  const byNo = new Map(input.candidates.map((c) => [c.applicationNo, c]));
  const out: SelectionProblem[] = [];
  const picked = [...new Set(selected)].flatMap((no) => {
    const c = byNo.get(no);
    if (!c) out.push({ kind: 'unknown', shortfallYuan: 0, message: `申报书 ${no} 不是本方案的候选项目` });
    else if (c.computedYuan <= 0) out.push({ kind: 'noDistrictFunds', shortfallYuan: 0, message: `申报书 ${no} 按就高原则本级不予补助（测算金额为0），不能列入方案` });
    return c && c.computedYuan > 0 ? [c] : [];
  });
  const total = picked.reduce((s, c) => s + c.computedYuan, 0);
  if (total > input.budgetYuan) {
    out.push({ kind: 'budget', shortfallYuan: total - input.budgetYuan, message: `方案合计 ${formatWan(total)} 超出年度可用预算 ${formatWan(input.budgetYuan)}，缺口 ${formatWan(total - input.budgetYuan)}` });
  }
  for (const cat of input.categories) {
    const inCat = picked.filter((c) => c.category === cat.code);
    const amount = inCat.reduce((s, c) => s + c.computedYuan, 0);
    const name = cat.name ?? cat.code;
    if (cat.budgetCapYuan !== undefined && cat.budgetCapYuan !== null && amount > cat.budgetCapYuan) {
      out.push({ kind: 'categoryBudget', category: cat.code, shortfallYuan: amount - cat.budgetCapYuan, message: `${categoryLabel(name)}合计 ${formatWan(amount)} 超出类别资金上限 ${formatWan(cat.budgetCapYuan)}，缺口 ${formatWan(amount - cat.budgetCapYuan)}` });
    }
    if (cat.countCap !== undefined && cat.countCap !== null && inCat.length > cat.countCap) {
      out.push({ kind: 'categoryCount', category: cat.code, shortfallYuan: 0, message: `${categoryLabel(name)}入选 ${inCat.length} 项，超出类别名额上限 ${cat.countCap} 项` });
    }
  }
  return out;
}

export interface FundingOverride {
  applicationNo: string;
  action: FundingOverrideAction;
  reason: string;
}

/** The selection after the overrides, applied in order (a later one on the same candidate wins). */
export function applyOverrides(engineSelected: readonly string[], overrides: readonly FundingOverride[]): string[] {
  const set = new Set(engineSelected);
  for (const o of overrides) {
    if (o.action === 'include') set.add(o.applicationNo);
    else set.delete(o.applicationNo);
  }
  return [...set];
}

/** One sentence on why the engine's plan and the plain merit-order fill differ (officers read it beside both). */
export function meritDifferenceText(d: { onlyInPlan: readonly string[]; onlyInMeritOrder: readonly string[]; objectiveDelta: number }, objective: 'score' | 'scoreWeightedAmount', scoreScale: number): string {
  if (d.onlyInPlan.length === 0 && d.onlyInMeritOrder.length === 0) return '择优方案与按排名顺序填充的结果相同。';
  const gain = objective === 'score' && scoreScale === 100 ? `入选项目总分高出 ${formatCenti(d.objectiveDelta)} 分` : '目标值更高';
  return `择优方案入选而按排名顺序填充未入选 ${d.onlyInPlan.length} 项（${d.onlyInPlan.join('、') || '无'}），按排名顺序填充入选而择优方案未入选 ${d.onlyInMeritOrder.length} 项（${d.onlyInMeritOrder.join('、') || '无'}）：按排名顺序填充时，排名靠前的项目先占用预算或类别名额，剩余额度装不下后面的项目；择优方案在同一预算和类别上限内${gain}。`;
}
