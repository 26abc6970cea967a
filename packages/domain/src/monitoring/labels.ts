/** Chinese labels for plan-monitoring enumerations, shared by the web pages, the server's exports and the Excel templates. */
import type { Aggregation, Direction, Frequency, ProgressStatus, ReportState, ResponsibleUnitDef, TargetKind, TaskStatus, Verdict } from './types.js';

export const DIRECTION_LABELS: Record<Direction, string> = { higher: '正向（越高越好）', lower: '逆向（越低越好）' };

export const FREQUENCY_LABELS: Record<Frequency, string> = { monthly: '月度', quarterly: '季度', annual: '年度' };

export const TARGET_KIND_LABELS: Record<TargetKind, string> = { level: '目标值', growth: '年均增长率' };

export const AGGREGATION_LABELS: Record<Aggregation, string> = { sum: '各期累加', last: '取期末值', average: '各期平均' };

export const PROGRESS_STATUS_LABELS: Record<ProgressStatus, string> = { ahead: '超前', onTrack: '正常', lagging: '滞后', unknown: '无法判断' };

export const VERDICT_LABELS: Record<Verdict, string> = { met: '已完成', notMet: '未完成', unknown: '无法判断' };

export const REPORT_STATE_LABELS: Record<ReportState, string> = { draft: '草稿', submitted: '待审核', accepted: '已采纳', returned: '已退回' };

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { notStarted: '未开始', inProgress: '进行中', completed: '已完成', overdue: '已逾期' };

export const PLAN_STATUS_LABELS: Record<'completed' | 'active', string> = { completed: '已完成', active: '实施中' };

export const UNIT_KIND_LABELS: Record<ResponsibleUnitDef['kind'], string> = { department: '部门', government: '地方政府', institution: '机构', group: '领导小组、群团组织' };

/** Portfolio (YJ-2) column headings. */
export const PORTFOLIO_METRIC_LABELS = {
  approved: '立项数',
  joint: '产学研合作项目数',
  jointShare: '产学研合作项目占比',
  enterpriseInvolved: '企业牵头或参与项目数',
  enterpriseShare: '企业牵头或参与项目占比',
} as const;

export type PortfolioMetric = keyof typeof PORTFOLIO_METRIC_LABELS;
export const PORTFOLIO_METRICS: readonly PortfolioMetric[] = ['approved', 'joint', 'jointShare', 'enterpriseInvolved', 'enterpriseShare'];
