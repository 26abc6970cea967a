/**
 * Response shapes of the HTTP contract; times are ISO 8601 UTC strings. The accounts, organisations, security,
 * home and system shapes are inferred from the response schemas the server serialises through
 * (packages/domain/src/<context>/responses.ts), so a changed response fails the type check here too.
 */
import type {
  csrfTokenResponse,
  invitationPreviewResponse,
  invitationResponse,
  meResponse,
  organisationResponse,
  Permission,
  Role,
  SecurityPolicy,
  securityPolicyStateResponse,
  todoResponse,
  userPageResponse,
  userRowResponse,
  UserStatus,
} from '@kechuang/domain';
import type { z } from 'zod';

export type { InvitationRole, InvitationStatus } from '@kechuang/domain';
export type { Permission, Role, SecurityPolicy, UserStatus };

/** One page of any list (the shape every paged endpoint shares). */
export type Page<T> = Omit<z.infer<typeof userPageResponse>, 'items'> & { items: T[] };

export type Organisation = z.infer<typeof organisationResponse>;
export type Me = z.infer<typeof meResponse>;
export type MeUser = Me['user'];
export type TodoItem = z.infer<typeof todoResponse>;
export type UserRow = z.infer<typeof userRowResponse>;
export type Invitation = z.infer<typeof invitationResponse>;
export type InvitationPreview = z.infer<typeof invitationPreviewResponse>;
export type SecurityPolicyState = z.infer<typeof securityPolicyStateResponse>;
export type UpdatedBy = SecurityPolicyState['updatedBy'];
export type CsrfToken = z.infer<typeof csrfTokenResponse>;

// ---------------------------------------------------------------------------------------------------
// Plan monitoring (规划监测, issue #6; .tmp/monitoring-api.md). Values are decimal strings, dates
// `YYYY-MM-DD` in Asia/Shanghai, rates and shares percent strings ("96.00" = 96.00%).

export type MonDirection = 'higher' | 'lower';
export type MonFrequency = 'monthly' | 'quarterly' | 'annual';
export type MonStatus = 'ahead' | 'onTrack' | 'lagging' | 'unknown';
export type MonVerdict = 'met' | 'notMet' | 'unknown';
export type MonReportState = 'draft' | 'submitted' | 'accepted' | 'returned';
export type MonTaskStatus = 'notStarted' | 'inProgress' | 'completed' | 'overdue';

export interface MonUnit {
  code: string;
  name: string;
}

export interface MonUnitRow extends MonUnit {
  kind: string;
  memberCount: number;
}

export interface MonYearValue {
  year: number;
  value: string | null;
}

export interface MonIndicator {
  id: string;
  planCode: string;
  code: string;
  category: string | null;
  seq: number;
  name: string;
  unit: string;
  direction: MonDirection;
  directionLabel: string;
  core: boolean;
  targetKind: 'level' | 'growth';
  aggregation: 'sum' | 'last' | 'average';
  frequency: MonFrequency;
  frequencyLabel: string;
  base: MonYearValue;
  target: MonYearValue;
  actual: MonYearValue | null;
  /** The source cannot be read unambiguously (YZ-1 row 3): no path, no status, verdict 无法判断. */
  ambiguous?: boolean;
  responsibleUnits: MonUnit[];
  dataSource: string;
  definition: string;
  ruleIds: string[];
  note: string;
  latest: { period: string; periodLabel: string; value: string; state: MonReportState } | null;
  expected: string | null;
  status: MonStatus;
  statusLabel: string;
  verdict: MonVerdict | null;
  verdictLabel: string | null;
  completionRate: string | null;
  progressRate: string | null;
  gapPercent: string | null;
}

export interface MonMilestone {
  id: string;
  title: string;
  due: string;
  doneOn: string | null;
}

export interface MonTask {
  id: string;
  planCode: string;
  code: string;
  section: string;
  seq: string;
  title: string;
  content: string;
  responsibleUnits: MonUnit[];
  due: string;
  completedOn?: string | null;
  milestones: MonMilestone[];
  latestProgress: {
    period: string;
    periodLabel?: string;
    percent: number;
    progress: string;
    state: MonReportState;
    stateLabel?: string;
    submittedAt: string | null;
  } | null;
  status: MonTaskStatus;
  statusLabel: string;
  overdueReason: string | null;
}

export interface MonStatusCounts {
  ahead: number;
  onTrack: number;
  lagging: number;
  unknown: number;
}

export interface MonPlanSummary {
  code: string;
  name: string;
  shortName: string;
  issuer: string;
  documentNo: string | null;
  issuedOn: string | null;
  periodStart: number;
  periodEnd: number;
  status: 'completed' | 'active';
  ruleIds: string[];
  indicatorCount: number;
  coreCount: number;
  taskCount: number;
  statusCounts: MonStatusCounts;
  verdictCounts: { met: number; notMet: number; unknown: number };
}

export interface MonPlanDetail {
  plan: MonPlanSummary & { categories: string[]; tolerancePercent: number; dueDay: number; source: string };
  indicators: MonIndicator[];
}

export interface MonAcceptedPoint {
  period: string;
  value: string;
  /** The period's last day. */
  at: string;
}

export interface MonSeries {
  indicator: MonIndicator;
  /** Every report of the indicator, whatever its state; `date` only once accepted. */
  points: {
    id: string;
    period: string;
    periodLabel: string;
    date: string | null;
    value: string;
    acceptedValue: string | null;
    state: MonReportState;
    stateLabel: string;
    revision: number;
  }[];
  /** The accepted values the monitoring maths use. */
  accepted: MonAcceptedPoint[];
  path: { date: string; expected: string }[];
  yearly: { year: number; value: string }[];
}

export interface MonEvidence {
  id: string;
  filename: string;
  size: number;
}

export interface MonIndicatorReport {
  id: string;
  period?: string;
  value: string;
  acceptedValue?: string | null;
  note: string;
  state: MonReportState;
  stateLabel: string;
  evidence: MonEvidence[];
  reviewComment: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  revision: number;
}

export interface MonTaskReport {
  id: string;
  percent: number;
  progress: string;
  note: string;
  state: MonReportState;
  stateLabel: string;
  reviewComment: string | null;
}

export interface MonPeriodOption {
  period: string;
  periodLabel: string;
  due: string;
}

export interface MonReporting {
  period: string;
  periodLabel: string;
  due: string;
  late: boolean;
  units: MonUnit[];
  /** `period` is the report key of the indicator's frequency (2026-10, 2026-Q3, 2026): PUT and evidence use it. */
  indicators: { period: string; periodLabel: string; indicator: MonIndicator; previous: MonAcceptedPoint | null; report: MonIndicatorReport | null }[];
  tasks: { task: MonTask; report: MonTaskReport | null }[];
  periods: MonPeriodOption[];
}

export interface MonRowError {
  line: number;
  field: string;
  message: string;
}

export interface MonUploadResult {
  saved: number;
  errors: MonRowError[];
  /** Rows equal to what is already saved (a re-uploaded template), left as they were. */
  unchanged?: number;
}

export interface MonReviewItem {
  id: string;
  period: string;
  periodLabel: string;
  indicator: { id: string; code: string; name: string; unit: string; planCode: string };
  unit: MonUnit;
  value: string;
  note: string;
  state: MonReportState;
  stateLabel: string;
  submittedAt: string | null;
  reviewComment: string | null;
  acceptedValue: string | null;
  evidenceCount: number;
  /** Not sent by the server (only the count); shown as links if it ever is. */
  evidence?: MonEvidence[];
  previousValue: string | null;
  previousPeriod: string | null;
  revision: number;
}

export interface MonTaskReviewItem {
  id: string;
  period: string;
  periodLabel: string;
  task: { id: string; code: string; seq: string; title: string; planCode: string };
  unit: MonUnit;
  percent: number;
  progress: string;
  note: string;
  state: MonReportState;
  stateLabel: string;
  submittedAt: string | null;
  reviewComment: string | null;
}

export interface MonReportHistoryItem {
  revision: number;
  /** save / correct / submit / accept / return */
  action: string;
  value: string | null;
  note: string;
  state: MonReportState;
  stateLabel: string;
  at: string;
  by: string | null;
}

export interface MonLatenessRow {
  unit: MonUnit;
  expected: number;
  submitted: number;
  accepted: number;
  missing: number;
  lateSubmissions: number;
  /** Percent string. */
  completeness: string;
  late: boolean;
  lastReminderAt: string | null;
}

export interface MonLateness {
  plan: string;
  period: string;
  periodLabel: string;
  due: string;
  overdue: boolean;
  items: MonLatenessRow[];
}

export interface MonDashboard {
  plan: Pick<MonPlanSummary, 'code' | 'name' | 'shortName' | 'periodStart' | 'periodEnd' | 'status'>;
  /** `YYYY-MM-DD`. */
  asOf: string;
  period: string;
  periodLabel: string;
  due: string;
  statusCounts: MonStatusCounts;
  /** Not lagging among the judged indicators (percent string; null when none can be judged). */
  onTrackShare: string | null;
  coreOnTrackShare: string | null;
  coreIndicators: MonIndicator[];
  indicators: MonIndicator[];
  departments: MonLatenessRow[];
  /** Submitted of expected over all units, percent string. */
  completeness: string | null;
  taskCounts: Record<MonTaskStatus, number>;
  overdueTasks: { id: string; seq: string; title: string; lead: MonUnit | null; reason: string | null }[];
}

export type MonPortfolioMetric = 'approved' | 'joint' | 'jointShare' | 'enterpriseInvolved' | 'enterpriseShare';

export interface MonComparison {
  computed: string;
  reported: string;
  /** Decimal places the report was written to; a difference below them is no discrepancy. */
  reportedPlaces?: number;
  differs: boolean;
  /** reported − computed. */
  difference: string;
  text: string;
}

export interface MonPortfolioYear {
  year: number;
  approved: number;
  joint: number;
  jointShare: string | null;
  enterpriseInvolved: number;
  enterpriseShare: string | null;
  /** `value` as written ('56.17%' for shares); `comparison` null when there is nothing to compute against. */
  reported: { id: string; metric: MonPortfolioMetric; metricLabel?: string; value: string; source: string; comparison: MonComparison | null }[];
}

export interface MonPortfolioProject {
  id: string;
  year: number;
  projectNo: string;
  title: string;
  leadName: string;
  leadType: string;
  leadTypeLabel?: string;
  participantTypes: string[];
  participantLabels?: string[];
}
