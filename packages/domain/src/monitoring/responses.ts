/**
 * Response schemas of the plan-monitoring API (2xx only: a declared 4xx schema would strip problem+json members).
 * The server declares them on its routes (so they document OpenAPI and undeclared fields never leave), and the web
 * derives its types from them with z.infer, so a changed response fails the type check. Values are exact decimal
 * strings; dates 'YYYY-MM-DD' in Asia/Shanghai; instants ISO 8601 strings.
 */
import { z } from 'zod';
import { PORTFOLIO_METRICS } from './labels.js';
import { REPORT_EVENTS } from './report-workflow.js';
import { AGGREGATIONS, DIRECTIONS, FREQUENCIES, PROGRESS_STATUSES, REPORT_STATES, TARGET_KINDS, TASK_STATUSES, VERDICTS } from './types.js';

export const reportStateSchema = z.enum(REPORT_STATES);
export const reportEventSchema = z.enum(REPORT_EVENTS);
const decimal = z.string();
const decimalOrNull = z.string().nullable();
const day = z.string();
const instant = z.string();

export const monUnitSchema = z.object({ code: z.string(), name: z.string() });
export const monUnitRowSchema = monUnitSchema.extend({ kind: z.string(), memberCount: z.number() });
export const monYearValueSchema = z.object({ year: z.number(), value: decimalOrNull });
export const monStatusCountsSchema = z.object(Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, z.number()])) as Record<(typeof PROGRESS_STATUSES)[number], z.ZodNumber>);
export const monVerdictCountsSchema = z.object(Object.fromEntries(VERDICTS.map((s) => [s, z.number()])) as Record<(typeof VERDICTS)[number], z.ZodNumber>);
export const monTaskCountsSchema = z.object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number()])) as Record<(typeof TASK_STATUSES)[number], z.ZodNumber>);

export const monIndicatorSchema = z.object({
  id: z.string(),
  planCode: z.string(),
  code: z.string(),
  category: z.string().nullable(),
  seq: z.number(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(DIRECTIONS),
  directionLabel: z.string(),
  core: z.boolean(),
  targetKind: z.enum(TARGET_KINDS),
  aggregation: z.enum(AGGREGATIONS),
  frequency: z.enum(FREQUENCIES),
  frequencyLabel: z.string(),
  base: monYearValueSchema,
  target: monYearValueSchema,
  actual: monYearValueSchema.nullable(),
  /** The source cannot be read unambiguously (YZ-1 row 3); not sent today. */
  ambiguous: z.boolean().optional(),
  responsibleUnits: z.array(monUnitSchema),
  dataSource: z.string(),
  definition: z.string(),
  ruleIds: z.array(z.string()),
  note: z.string(),
  latest: z.object({ period: z.string(), periodLabel: z.string(), value: decimal, state: reportStateSchema }).nullable(),
  expected: decimalOrNull,
  status: z.enum(PROGRESS_STATUSES),
  statusLabel: z.string(),
  verdict: z.enum(VERDICTS).nullable(),
  verdictLabel: z.string().nullable(),
  completionRate: decimalOrNull,
  progressRate: decimalOrNull,
  gapPercent: decimalOrNull,
  /** The unit counts whole things (家, 个, 项 …): display values are in whole units. */
  countUnit: z.boolean(),
  /** Display strings (thousands separators, counts in whole units) made by the domain's formatIndicatorValue. */
  display: z.object({ base: z.string().nullable(), target: z.string().nullable(), actual: z.string().nullable(), latest: z.string().nullable(), expected: z.string().nullable() }),
});

export const monPlanSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  issuer: z.string(),
  documentNo: z.string().nullable(),
  issuedOn: day.nullable(),
  periodStart: z.number(),
  periodEnd: z.number(),
  status: z.enum(['completed', 'active']),
  ruleIds: z.array(z.string()),
  indicatorCount: z.number(),
  coreCount: z.number(),
  taskCount: z.number(),
  statusCounts: monStatusCountsSchema,
  verdictCounts: monVerdictCountsSchema,
});
export const monPlanListSchema = z.object({ items: z.array(monPlanSummarySchema) });
export const monPlanDetailSchema = z.object({
  plan: monPlanSummarySchema.extend({ categories: z.array(z.string()), tolerancePercent: decimal, dueDay: z.number(), source: z.string() }),
  indicators: z.array(monIndicatorSchema),
});
export const monPlanSettingsSchema = z.object({ code: z.string(), tolerancePercent: decimal, dueDay: z.number() });

export const monAcceptedPointSchema = z.object({ period: z.string(), value: decimal, at: day });
export const monSeriesSchema = z.object({
  indicator: monIndicatorSchema,
  points: z.array(z.object({ id: z.string(), period: z.string(), periodLabel: z.string(), date: day.nullable(), value: decimal, acceptedValue: decimalOrNull, state: reportStateSchema, stateLabel: z.string(), revision: z.number() })),
  accepted: z.array(monAcceptedPointSchema),
  path: z.array(z.object({ date: day, expected: decimal })),
  yearly: z.array(z.object({ year: z.number(), value: decimalOrNull })),
});

export const monUnitListSchema = z.object({ items: z.array(monUnitRowSchema) });
export const monMyUnitsSchema = z.object({ items: z.array(monUnitSchema) });
export const monUnitMemberSchema = z.object({ userId: z.string(), username: z.string(), name: z.string(), status: z.string(), since: instant });
export const monUnitMembersSchema = z.object({ unit: monUnitSchema, items: z.array(monUnitMemberSchema) });
export const monUnitMemberAddedSchema = z.object({ unit: z.string(), userId: z.string(), added: z.boolean() });

export const monMilestoneSchema = z.object({ id: z.string(), title: z.string(), due: day, doneOn: day.nullable() });
export const monTaskSchema = z.object({
  id: z.string(),
  planCode: z.string(),
  code: z.string(),
  section: z.string(),
  seq: z.string(),
  title: z.string(),
  content: z.string(),
  responsibleUnits: z.array(monUnitSchema),
  due: day,
  completedOn: day.nullable(),
  milestones: z.array(monMilestoneSchema),
  latestProgress: z.object({ period: z.string(), periodLabel: z.string(), percent: z.number(), progress: z.string(), state: reportStateSchema, stateLabel: z.string(), submittedAt: instant.nullable() }).nullable(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  overdueReason: z.string().nullable(),
  /** The task's due day, and the domain's overdue verdict on today in Asia/Shanghai. */
  dueDate: day,
  overdue: z.boolean(),
});
export const monTaskListSchema = z.object({ items: z.array(monTaskSchema) });

export const monEvidenceSchema = z.object({ id: z.string(), filename: z.string(), size: z.number(), canDelete: z.boolean() });
export const monIndicatorReportSchema = z.object({
  id: z.string(),
  period: z.string(),
  value: decimal,
  acceptedValue: decimalOrNull,
  note: z.string(),
  state: reportStateSchema,
  stateLabel: z.string(),
  evidence: z.array(monEvidenceSchema),
  reviewComment: z.string().nullable(),
  submittedAt: instant.nullable(),
  reviewedAt: instant.nullable(),
  revision: z.number(),
  /** What the unit may do next, from the workflow table. */
  actions: z.array(reportEventSchema),
  canAddEvidence: z.boolean(),
});
export const monTaskReportSchema = z.object({
  id: z.string(),
  period: z.string(),
  percent: z.number(),
  progress: z.string(),
  note: z.string(),
  state: reportStateSchema,
  stateLabel: z.string(),
  reviewComment: z.string().nullable(),
  submittedAt: instant.nullable(),
  revision: z.number(),
  actions: z.array(reportEventSchema),
});
export const monPeriodOptionSchema = z.object({ period: z.string(), periodLabel: z.string(), due: day, dueDate: day, overdue: z.boolean() });
export const monReportingSchema = z.object({
  period: z.string(),
  periodLabel: z.string(),
  due: day,
  dueDate: day,
  /** Something is still outstanding after the due day (Asia/Shanghai); `late` is the same verdict under its old name. */
  late: z.boolean(),
  overdue: z.boolean(),
  today: day,
  units: z.array(monUnitSchema),
  /** `period` is the report key of the indicator's frequency (2026-10, 2026-Q3, 2026): PUT and evidence use it. */
  indicators: z.array(z.object({ period: z.string(), periodLabel: z.string(), dueDate: day, overdue: z.boolean(), indicator: monIndicatorSchema, previous: monAcceptedPointSchema.nullable(), report: monIndicatorReportSchema.nullable() })),
  tasks: z.array(z.object({ task: monTaskSchema, dueDate: day, overdue: z.boolean(), report: monTaskReportSchema.nullable() })),
  periods: z.array(monPeriodOptionSchema),
});
export const monSavedValueSchema = z.object({ id: z.string(), period: z.string(), value: decimal, note: z.string(), state: reportStateSchema, revision: z.number() });
export const monEvidenceAddedSchema = z.object({ id: z.string(), filename: z.string(), size: z.number() });
export const monSubmittedSchema = z.object({ submitted: z.number() });
export const monRowErrorSchema = z.object({ line: z.number(), field: z.string(), message: z.string() });
export const monUploadResultSchema = z.object({ saved: z.number(), errors: z.array(monRowErrorSchema), unchanged: z.number().optional() });

export const monReviewItemSchema = z.object({
  id: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  indicator: z.object({ id: z.string(), code: z.string(), name: z.string(), unit: z.string(), planCode: z.string() }),
  unit: monUnitSchema,
  value: decimal,
  acceptedValue: decimalOrNull,
  note: z.string(),
  state: reportStateSchema,
  stateLabel: z.string(),
  submittedAt: instant.nullable(),
  reviewComment: z.string().nullable(),
  evidenceCount: z.number(),
  evidence: z.array(z.object({ id: z.string(), filename: z.string() })),
  previousValue: decimalOrNull,
  previousPeriod: z.string().nullable(),
  revision: z.number(),
  dueDate: day,
  /** Late (逾期): submitted after the due day, or still not submitted after it (Asia/Shanghai). */
  overdue: z.boolean(),
  /** What the bureau may do with it, from the workflow table. */
  actions: z.array(reportEventSchema),
});
export const monReviewQueueSchema = z.object({ total: z.number(), items: z.array(monReviewItemSchema) });
export const monTaskReviewItemSchema = z.object({
  id: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  task: z.object({ id: z.string(), code: z.string(), seq: z.string(), title: z.string(), planCode: z.string() }),
  unit: monUnitSchema,
  percent: z.number(),
  progress: z.string(),
  note: z.string(),
  state: reportStateSchema,
  stateLabel: z.string(),
  submittedAt: instant.nullable(),
  reviewComment: z.string().nullable(),
  dueDate: day,
  overdue: z.boolean(),
  actions: z.array(reportEventSchema),
});
export const monTaskReviewQueueSchema = z.object({ total: z.number(), items: z.array(monTaskReviewItemSchema) });
export const monReviewResultSchema = z.object({ id: z.string(), state: reportStateSchema, stateLabel: z.string() });
/** 批量采纳: all accepted, in the order sent. */
export const monAcceptBatchResultSchema = z.object({ accepted: z.number(), items: z.array(monReviewResultSchema) });
export const monReportHistoryItemSchema = z.object({
  revision: z.number(),
  /** save / correct / submit / accept / return */
  action: z.string(),
  value: z.string().nullable(),
  note: z.string(),
  state: reportStateSchema,
  stateLabel: z.string(),
  at: instant,
  by: z.string().nullable(),
});
export const monReportHistorySchema = z.object({ items: z.array(monReportHistoryItemSchema) });

export const monLatenessRowSchema = z.object({
  unit: monUnitSchema,
  expected: z.number(),
  submitted: z.number(),
  accepted: z.number(),
  lateSubmissions: z.number(),
  missing: z.number(),
  /** Percent string, two places. */
  completeness: decimal,
  late: z.boolean(),
  dueDate: day,
  overdue: z.boolean(),
  lastReminderAt: instant.nullable(),
});
export const monLatenessSchema = z.object({ plan: z.string(), period: z.string(), periodLabel: z.string(), due: day, dueDate: day, overdue: z.boolean(), items: z.array(monLatenessRowSchema) });
export const monRemindedSchema = z.object({ reminded: z.number() });

export const monDashboardSchema = z.object({
  plan: monPlanSummarySchema.pick({ code: true, name: true, shortName: true, periodStart: true, periodEnd: true, status: true }),
  asOf: day,
  period: z.string(),
  periodLabel: z.string(),
  due: day,
  dueDate: day,
  overdue: z.boolean(),
  statusCounts: monStatusCountsSchema,
  /** Not lagging among the judged indicators (percent string; null when none can be judged). */
  onTrackShare: decimalOrNull,
  coreOnTrackShare: decimalOrNull,
  indicators: z.array(monIndicatorSchema),
  coreIndicators: z.array(monIndicatorSchema),
  departments: z.array(monLatenessRowSchema),
  /** Submitted of expected over all units, percent string. */
  completeness: decimalOrNull,
  taskCounts: monTaskCountsSchema,
  overdueTasks: z.array(z.object({ id: z.string(), seq: z.string(), title: z.string(), lead: monUnitSchema.nullable(), reason: z.string().nullable() })),
});

export const monPortfolioMetricSchema = z.enum(PORTFOLIO_METRICS as [(typeof PORTFOLIO_METRICS)[number], ...(typeof PORTFOLIO_METRICS)[number][]]);
export const monComparisonSchema = z.object({ computed: decimal, reported: decimal, reportedPlaces: z.number(), differs: z.boolean(), difference: decimal, text: z.string() });
export const monPortfolioYearSchema = z.object({
  year: z.number(),
  approved: z.number(),
  joint: z.number(),
  jointShare: decimalOrNull,
  enterpriseInvolved: z.number(),
  enterpriseShare: decimalOrNull,
  /** Computed from demonstration records (演示数据). */
  demo: z.boolean(),
  /** Records counted: projects approved on this platform, and imported rows that are not platform projects. */
  fromProjects: z.number().int(),
  fromImported: z.number().int(),
  /** `value` as written ('56.17%' for shares); `comparison` null when there is nothing to compute against. */
  reported: z.array(z.object({ id: z.string(), metric: monPortfolioMetricSchema, metricLabel: z.string(), value: z.string(), source: z.string(), comparison: monComparisonSchema.nullable() })),
});
export const monPortfolioSchema = z.object({ demo: z.boolean(), years: z.array(monPortfolioYearSchema) });
export const monPortfolioProjectSchema = z.object({
  id: z.string(),
  year: z.number(),
  projectNo: z.string(),
  title: z.string(),
  leadName: z.string(),
  leadType: z.string(),
  leadTypeLabel: z.string(),
  participantTypes: z.array(z.string()),
  participantLabels: z.array(z.string()),
});
export const monProjectListSchema = z.object({ total: z.number(), items: z.array(monPortfolioProjectSchema) });
export const monCreatedSchema = z.object({ id: z.string() });

export const townIndicatorSchema = z.object({ code: z.string(), name: z.string(), weight: z.number(), direction: z.enum(DIRECTIONS) });
export const townValuesSchema = z.object({ code: z.string(), name: z.string(), values: z.record(z.string(), z.string().nullable()) });
export const townContributionSchema = z.object({ indicatorCode: z.string(), value: decimalOrNull, normalised: decimal, points: decimal });
export const townScoreSchema = z.object({ code: z.string(), name: z.string(), score: decimal, rank: z.number(), contributions: z.array(townContributionSchema), missing: z.array(z.string()) });
export const townEvaluationSummarySchema = z.object({ id: z.string(), title: z.string(), year: z.number(), indicatorCount: z.number(), townCount: z.number(), top: z.array(z.string()), updatedAt: instant });
export const townEvaluationListSchema = z.object({ items: z.array(townEvaluationSummarySchema) });
export const townEvaluationDetailSchema = z.object({ id: z.string(), title: z.string(), year: z.number(), indicators: z.array(townIndicatorSchema), towns: z.array(townValuesSchema), updatedAt: instant, result: z.array(townScoreSchema) });
export const townImportResultSchema = z.object({ saved: z.number(), errors: z.array(monRowErrorSchema) });

// The web's names for these shapes, inferred from the schemas above (one definition, checked by the compiler).
export type MonDirection = (typeof DIRECTIONS)[number];
export type MonFrequency = (typeof FREQUENCIES)[number];
export type MonStatus = (typeof PROGRESS_STATUSES)[number];
export type MonVerdict = (typeof VERDICTS)[number];
export type MonReportState = z.infer<typeof reportStateSchema>;
export type MonReportEvent = z.infer<typeof reportEventSchema>;
export type MonTaskStatus = (typeof TASK_STATUSES)[number];
export type MonUnit = z.infer<typeof monUnitSchema>;
export type MonUnitRow = z.infer<typeof monUnitRowSchema>;
export type MonUnitMember = z.infer<typeof monUnitMemberSchema>;
export type MonYearValue = z.infer<typeof monYearValueSchema>;
export type MonIndicator = z.infer<typeof monIndicatorSchema>;
export type MonMilestone = z.infer<typeof monMilestoneSchema>;
export type MonTask = z.infer<typeof monTaskSchema>;
export type MonStatusCounts = z.infer<typeof monStatusCountsSchema>;
export type MonPlanSummary = z.infer<typeof monPlanSummarySchema>;
export type MonPlanDetail = z.infer<typeof monPlanDetailSchema>;
export type MonPlanSettings = z.infer<typeof monPlanSettingsSchema>;
export type MonAcceptedPoint = z.infer<typeof monAcceptedPointSchema>;
export type MonSeries = z.infer<typeof monSeriesSchema>;
export type MonEvidence = z.infer<typeof monEvidenceSchema>;
export type MonIndicatorReport = z.infer<typeof monIndicatorReportSchema>;
export type MonTaskReport = z.infer<typeof monTaskReportSchema>;
export type MonPeriodOption = z.infer<typeof monPeriodOptionSchema>;
export type MonReporting = z.infer<typeof monReportingSchema>;
export type MonSavedValue = z.infer<typeof monSavedValueSchema>;
export type MonRowError = z.infer<typeof monRowErrorSchema>;
export type MonUploadResult = z.infer<typeof monUploadResultSchema>;
export type MonReviewItem = z.infer<typeof monReviewItemSchema>;
export type MonReviewQueue = z.infer<typeof monReviewQueueSchema>;
export type MonTaskReviewItem = z.infer<typeof monTaskReviewItemSchema>;
export type MonTaskReviewQueue = z.infer<typeof monTaskReviewQueueSchema>;
export type MonReviewResult = z.infer<typeof monReviewResultSchema>;
export type MonReportHistoryItem = z.infer<typeof monReportHistoryItemSchema>;
export type MonLatenessRow = z.infer<typeof monLatenessRowSchema>;
export type MonLateness = z.infer<typeof monLatenessSchema>;
export type MonDashboard = z.infer<typeof monDashboardSchema>;
export type MonPortfolioMetric = z.infer<typeof monPortfolioMetricSchema>;
export type MonComparison = z.infer<typeof monComparisonSchema>;
export type MonPortfolioYear = z.infer<typeof monPortfolioYearSchema>;
export type MonPortfolio = z.infer<typeof monPortfolioSchema>;
export type MonPortfolioProject = z.infer<typeof monPortfolioProjectSchema>;
export type MonProjectList = z.infer<typeof monProjectListSchema>;
export type TownIndicatorResponse = z.infer<typeof townIndicatorSchema>;
export type TownValuesResponse = z.infer<typeof townValuesSchema>;
export type TownContributionResponse = z.infer<typeof townContributionSchema>;
export type TownScoreResponse = z.infer<typeof townScoreSchema>;
export type TownEvaluationSummaryResponse = z.infer<typeof townEvaluationSummarySchema>;
export type TownEvaluationDetailResponse = z.infer<typeof townEvaluationDetailSchema>;
export type TownImportResultResponse = z.infer<typeof townImportResultSchema>;
