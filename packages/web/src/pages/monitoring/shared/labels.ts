/** Labels and tag colours of the monitoring states (the server sends labels too; these cover filters and legends). */
import type { MonFrequency, MonReportState, MonStatus, MonTaskStatus, MonVerdict, MonPortfolioMetric } from '../../../api/types';

export const STATUS_LABELS: Record<MonStatus, { text: string; color: string; chart: string }> = {
  ahead: { text: '超前', color: 'green', chart: '#52c41a' },
  onTrack: { text: '正常', color: 'blue', chart: '#1677ff' },
  lagging: { text: '滞后', color: 'red', chart: '#f5222d' },
  unknown: { text: '无法判断', color: 'default', chart: '#bfbfbf' },
};
export const STATUS_ORDER: MonStatus[] = ['ahead', 'onTrack', 'lagging', 'unknown'];

export const VERDICT_LABELS: Record<MonVerdict, { text: string; color: string }> = {
  met: { text: '已完成', color: 'success' },
  notMet: { text: '未完成', color: 'error' },
  unknown: { text: '无法判断', color: 'default' },
};

export const REPORT_STATE_LABELS: Record<MonReportState, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '待审核', color: 'processing' },
  accepted: { text: '已采纳', color: 'success' },
  returned: { text: '已退回', color: 'error' },
};

export const TASK_STATUS_LABELS: Record<MonTaskStatus, { text: string; color: string; chart: string }> = {
  notStarted: { text: '未开始', color: 'default', chart: '#bfbfbf' },
  inProgress: { text: '进行中', color: 'processing', chart: '#1677ff' },
  completed: { text: '已完成', color: 'success', chart: '#52c41a' },
  overdue: { text: '已逾期', color: 'error', chart: '#f5222d' },
};
export const TASK_STATUS_ORDER: MonTaskStatus[] = ['notStarted', 'inProgress', 'completed', 'overdue'];

export const FREQUENCY_LABELS: Record<MonFrequency, string> = { monthly: '月度', quarterly: '季度', annual: '年度' };

export const PORTFOLIO_METRIC_LABELS: Record<MonPortfolioMetric, { text: string; unit: string }> = {
  approved: { text: '立项数', unit: '项' },
  joint: { text: '产学研合作项目数', unit: '项' },
  jointShare: { text: '产学研合作项目占比', unit: '%' },
  enterpriseInvolved: { text: '企业牵头或参与项目数', unit: '项' },
  enterpriseShare: { text: '企业牵头或参与项目占比', unit: '%' },
};

export const PLAN_STATUS_LABELS: Record<'completed' | 'active', { text: string; color: string }> = {
  completed: { text: '已完成', color: 'default' },
  active: { text: '实施中', color: 'processing' },
};

/** Filter options from a label map. */
export const optionsOf = <K extends string>(labels: Record<K, { text: string } | string>) =>
  (Object.keys(labels) as K[]).map((value) => {
    const l = labels[value];
    return { value, label: typeof l === 'string' ? l : l.text };
  });

export const valueEnumOf = <K extends string>(labels: Record<K, { text: string }>) =>
  Object.fromEntries((Object.keys(labels) as K[]).map((k) => [k, { text: labels[k].text }]));
