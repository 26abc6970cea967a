/** Names of ledger movements, as officers say them. */
import type { BudgetEntryKind } from '../../../api/programmes';

export const ENTRY_KIND_LABELS: Record<BudgetEntryKind, { text: string; color: string; hint: string }> = {
  budget: { text: '核定预算', color: 'blue', hint: '增加本年度财政预算' },
  commit: { text: '立项承诺', color: 'orange', hint: '立项确定的资助金额，占用可用预算' },
  disburse: { text: '拨付', color: 'green', hint: '向项目拨付已承诺的资金' },
  return: { text: '收回未拨付', color: 'purple', hint: '终止等原因收回尚未拨付的承诺，回到可用预算' },
  repay: { text: '退回已拨付', color: 'magenta', hint: '项目退回已拨付的资金（如终止后结余），回到可用预算' },
};
