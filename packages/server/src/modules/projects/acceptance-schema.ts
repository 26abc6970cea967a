/**
 * Acceptance (验收 / 结题) tables: the application with its materials, the panel drawn from the expert pool with
 * its public draw record, each expert's indicator-by-indicator verification per hearing, and the officer's
 * decisions. One open application per project (returned early ones are kept beside it); a rectification (整改) and a re-hearing (复议) raise its hearing number.
 */
import { sql } from 'drizzle-orm';
import { customType, integer, boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { projects } from './schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

export const acceptanceApplications = pgTable('acceptance_applications', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
  appliedBy: uuid('applied_by'),
  /** early | onTime | late (domain acceptanceTiming), against the effective end date on the day of application. */
  timing: text('timing').notNull(),
  earlyReason: text('early_reason'),
  /** The officer's reason for hearing a late application (recorded when the panel is committed). */
  lateReason: text('late_reason'),
  summary: text('summary').notNull(),
  /** 1 for the first hearing; raised by 复议 and by a resubmission after 整改. */
  hearingNo: integer('hearing_no').notNull().default(1),
  reheard: boolean('reheard').notNull().default(false),
  rectificationUsed: boolean('rectification_used').notNull().default(false),
  rectifyDueDate: date('rectify_due_date', { mode: 'string' }),
  rectificationReport: text('rectification_report'),
  resubmittedAt: timestamp('resubmitted_at', { withTimezone: true }),
  /** The last decision (pass | conclude | rectify | fail | rehear), null while the panel works. */
  outcome: text('outcome'),
  /** 退回: the bureau refused an early application (不予受理) before drawing a panel; the project runs on and may apply again. */
  returnedAt: timestamp('returned_at', { withTimezone: true }),
  returnedBy: uuid('returned_by'),
  returnReason: text('return_reason'),
}, (t) => [uniqueIndex('acceptance_applications_project_idx').on(t.projectId).where(sql`${t.returnedAt} is null`)]);

/** Uploaded materials (验收材料): typed by content before they are kept; `cycle` 1 = those of the rectification. */
export const acceptanceMaterials = pgTable('acceptance_materials', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  kind: text('kind').notNull(),
  cycle: integer('cycle').notNull().default(0),
  fileName: text('file_name').notNull(),
  size: integer('size').notNull(),
  contentType: text('content_type').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  uploadedBy: uuid('uploaded_by'),
}, (t) => [index('acceptance_materials_project_idx').on(t.projectId)]);

/**
 * The panel's draw (随机抽取), in the review draw's public record format: the commitment is published before the
 * values of the announced sources are known; the draw runs with those values and the observer's input.
 */
export const acceptancePanels = pgTable('acceptance_panels', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  applicationId: uuid('application_id').notNull().references(() => acceptanceApplications.id),
  status: text('status').notNull(), // committed | drawn
  size: integer('size').notNull(),
  /** Real inputs (ids) and their pseudonymised twin, seals, commitment (DrawCommitment), as review_draws keeps them. */
  inputs: jsonb('inputs').notNull(),
  publicInputs: jsonb('public_inputs').notNull(),
  pseudonyms: jsonb('pseudonyms').notNull(),
  seals: jsonb('seals').notNull(),
  commitment: jsonb('commitment').notNull(),
  commitmentHash: text('commitment_hash').notNull(),
  /** Experts left out of the pool, each with its reasons (回避, 科研失信, 不可用). */
  excluded: jsonb('excluded').notNull(),
  sourceValues: jsonb('source_values'),
  observerInput: text('observer_input'),
  seed: text('seed'),
  record: jsonb('record'),
  publicRecord: jsonb('public_record'),
  publicPairs: jsonb('public_pairs'),
  committedBy: uuid('committed_by'),
  committedAt: timestamp('committed_at', { withTimezone: true }).notNull(),
  drawnBy: uuid('drawn_by'),
  drawnAt: timestamp('drawn_at', { withTimezone: true }),
}, (t) => [uniqueIndex('acceptance_panels_application_idx').on(t.applicationId)]);

/** One row per drawn expert; the expert (review context) is referenced by id only. */
export const acceptancePanelMembers = pgTable('acceptance_panel_members', {
  id: uuid('id').primaryKey(),
  panelId: uuid('panel_id').notNull().references(() => acceptancePanels.id),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  expertId: uuid('expert_id').notNull(),
  expertUserId: uuid('expert_user_id'),
  expertName: text('expert_name').notNull(),
  organisationName: text('organisation_name').notNull(),
}, (t) => [uniqueIndex('acceptance_panel_members_idx').on(t.panelId, t.expertId), index('acceptance_panel_members_user_idx').on(t.expertUserId)]);

/** An expert's verification of every indicator at one hearing. */
export const acceptanceReviews = pgTable('acceptance_reviews', {
  id: uuid('id').primaryKey(),
  memberId: uuid('member_id').notNull().references(() => acceptancePanelMembers.id),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  hearingNo: integer('hearing_no').notNull(),
  status: text('status').notNull(), // draft | submitted
  /** [{ index, met, achievedValue, evidence }] against the task book in force. */
  verdicts: jsonb('verdicts').notNull(),
  opinion: text('opinion').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
}, (t) => [uniqueIndex('acceptance_reviews_member_hearing_idx').on(t.memberId, t.hearingNo)]);

/** Each decision the officer recorded, with the rule's computation it was taken against. */
export const acceptanceDecisions = pgTable('acceptance_decisions', {
  id: uuid('id').primaryKey(),
  applicationId: uuid('application_id').notNull().references(() => acceptanceApplications.id),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  hearingNo: integer('hearing_no').notNull(),
  decision: text('decision').notNull(),
  /** The domain's acceptanceRule: result, fractions, explanation; and the panel's findings. */
  rule: jsonb('rule').notNull(),
  findings: jsonb('findings').notNull(),
  suggested: text('suggested').notNull(),
  overrideReason: text('override_reason'),
  basis: text('basis').notNull(),
  funds: jsonb('funds').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
}, (t) => [index('acceptance_decisions_application_idx').on(t.applicationId)]);
