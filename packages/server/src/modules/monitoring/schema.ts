/**
 * Plan monitoring (规划监测): plans with indicator systems and task lists, the responsible units (责任单位)
 * and their members, monthly reports with every revision kept, evidence files, reminders, and the
 * approved-project records behind the portfolio statistics (YJ-2).
 */
import { boolean, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const monitoringUnits = pgTable('monitoring_units', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Which accounts act for a unit. The account lives in the accounts context; this is the unit's side of it. */
export const monitoringUnitMembers = pgTable('monitoring_unit_members', {
  unitId: uuid('unit_id').notNull().references(() => monitoringUnits.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.unitId, t.userId] }), index('monitoring_unit_members_user_idx').on(t.userId)]);

export const monitoringPlans = pgTable('monitoring_plans', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  issuer: text('issuer').notNull(),
  documentNo: text('document_no'),
  issuedOn: date('issued_on', { mode: 'string' }),
  periodStart: integer('period_start').notNull(),
  periodEnd: integer('period_end').notNull(),
  status: text('status').notNull(),
  source: text('source').notNull(),
  ruleIds: text('rule_ids').array().notNull(),
  categories: text('categories').array().notNull(),
  // Half-width of the 正常 band around the expected path, in percent of the base-to-target distance.
  tolerancePercent: numeric('tolerance_percent').notNull().default('5'),
  // Reports for a period are due on this day of the following month.
  dueDay: integer('due_day').notNull().default(10),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const monitoringIndicators = pgTable('monitoring_indicators', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull().references(() => monitoringPlans.id),
  code: text('code').notNull(),
  category: text('category'),
  seq: integer('seq').notNull(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  direction: text('direction').notNull(),
  core: boolean('core').notNull(),
  targetKind: text('target_kind').notNull(),
  aggregation: text('aggregation').notNull(),
  frequency: text('frequency').notNull(),
  baseYear: integer('base_year').notNull(),
  baseValue: numeric('base_value'),
  targetYear: integer('target_year').notNull(),
  targetValue: numeric('target_value'),
  actualYear: integer('actual_year'),
  actualValue: numeric('actual_value'),
  dataSource: text('data_source').notNull().default(''),
  definition: text('definition').notNull().default(''),
  ruleIds: text('rule_ids').array().notNull(),
  note: text('note').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('monitoring_indicators_code_idx').on(t.planId, t.code)]);

/** Responsible units of an indicator in source order; position 0 is the lead (牵头单位, P315-2). */
export const monitoringIndicatorUnits = pgTable('monitoring_indicator_units', {
  indicatorId: uuid('indicator_id').notNull().references(() => monitoringIndicators.id),
  unitId: uuid('unit_id').notNull().references(() => monitoringUnits.id),
  position: integer('position').notNull(),
}, (t) => [primaryKey({ columns: [t.indicatorId, t.unitId] }), index('monitoring_indicator_units_unit_idx').on(t.unitId)]);

export const monitoringTasks = pgTable('monitoring_tasks', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull().references(() => monitoringPlans.id),
  code: text('code').notNull(),
  section: text('section').notNull(),
  seq: text('seq').notNull(),
  sortOrder: integer('sort_order').notNull(),
  title: text('title').notNull(),
  content: text('content').notNull(),
  due: date('due', { mode: 'string' }).notNull(),
  ruleIds: text('rule_ids').array().notNull(),
  completedOn: date('completed_on', { mode: 'string' }),
}, (t) => [uniqueIndex('monitoring_tasks_code_idx').on(t.planId, t.code)]);

export const monitoringTaskUnits = pgTable('monitoring_task_units', {
  taskId: uuid('task_id').notNull().references(() => monitoringTasks.id),
  unitId: uuid('unit_id').notNull().references(() => monitoringUnits.id),
  position: integer('position').notNull(),
}, (t) => [primaryKey({ columns: [t.taskId, t.unitId] }), index('monitoring_task_units_unit_idx').on(t.unitId)]);

export const monitoringMilestones = pgTable('monitoring_milestones', {
  id: uuid('id').primaryKey(),
  taskId: uuid('task_id').notNull().references(() => monitoringTasks.id),
  title: text('title').notNull(),
  due: date('due', { mode: 'string' }).notNull(),
  doneOn: date('done_on', { mode: 'string' }),
  sortOrder: integer('sort_order').notNull(),
});

/** One indicator's value for one period (月度监测, P315-3); `revision` grows with every correction. */
export const monitoringReports = pgTable('monitoring_reports', {
  id: uuid('id').primaryKey(),
  indicatorId: uuid('indicator_id').notNull().references(() => monitoringIndicators.id),
  period: text('period').notNull(),
  unitId: uuid('unit_id').notNull().references(() => monitoringUnits.id),
  value: numeric('value').notNull(),
  note: text('note').notNull().default(''),
  state: text('state').notNull(),
  revision: integer('revision').notNull(),
  // The last accepted value stays visible to dashboards while a correction is being drafted or reviewed.
  acceptedValue: numeric('accepted_value'),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  submittedBy: uuid('submitted_by'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewComment: text('review_comment'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('monitoring_reports_period_idx').on(t.indicatorId, t.period), index('monitoring_reports_unit_idx').on(t.unitId, t.period)]);

/** Append-only history of every save, submission and review of a report: corrections never overwrite. */
export const monitoringReportRevisions = pgTable('monitoring_report_revisions', {
  id: uuid('id').primaryKey(),
  reportId: uuid('report_id').notNull(),
  kind: text('kind').notNull(), // 'indicator' | 'task'
  revision: integer('revision').notNull(),
  action: text('action').notNull(), // save | submit | accept | return
  value: text('value'),
  note: text('note').notNull().default(''),
  state: text('state').notNull(),
  byId: uuid('by_id'),
  byName: text('by_name'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('monitoring_report_revisions_report_idx').on(t.reportId)]);

export const monitoringTaskReports = pgTable('monitoring_task_reports', {
  id: uuid('id').primaryKey(),
  taskId: uuid('task_id').notNull().references(() => monitoringTasks.id),
  period: text('period').notNull(),
  unitId: uuid('unit_id').notNull().references(() => monitoringUnits.id),
  percent: integer('percent').notNull(),
  progress: text('progress').notNull(),
  note: text('note').notNull().default(''),
  state: text('state').notNull(),
  revision: integer('revision').notNull(),
  submittedBy: uuid('submitted_by'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewComment: text('review_comment'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('monitoring_task_reports_period_idx').on(t.taskId, t.period)]);

export const monitoringEvidence = pgTable('monitoring_evidence', {
  id: uuid('id').primaryKey(),
  reportId: uuid('report_id').notNull().references(() => monitoringReports.id),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('monitoring_evidence_report_idx').on(t.reportId)]);

export const monitoringReminders = pgTable('monitoring_reminders', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull().references(() => monitoringPlans.id),
  unitId: uuid('unit_id').notNull().references(() => monitoringUnits.id),
  period: text('period').notNull(),
  missing: integer('missing').notNull(),
  sentBy: uuid('sent_by'),
  sentByName: text('sent_by_name'),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('monitoring_reminders_unit_idx').on(t.unitId, t.period)]);

/** Approved projects as the portfolio statistics read them (YJ-2); imported until the approval workflow feeds them. */
export const portfolioProjects = pgTable('portfolio_projects', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  projectNo: text('project_no').notNull().unique(),
  title: text('title').notNull(),
  leadName: text('lead_name').notNull(),
  leadType: text('lead_type').notNull(),
  participantTypes: text('participant_types').array().notNull(),
  programmeCode: text('programme_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('portfolio_projects_year_idx').on(t.year)]);

/** A figure as a report states it, kept beside the one computed from records. */
export const portfolioReported = pgTable('portfolio_reported', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  metric: text('metric').notNull(),
  value: text('value').notNull(),
  source: text('source').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('portfolio_reported_metric_idx').on(t.year, t.metric)]);

/** 镇乡（街道）科技创新能力评价 (P315-7): the indicator set with weights and each town's values; scores are computed on read. */
export const townEvaluations = pgTable('town_evaluations', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  year: integer('year').notNull(),
  indicators: jsonb('indicators').notNull(),
  towns: jsonb('towns').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
