/**
 * Approved projects (立项项目): one row per application approved at the end of review (BL-8), with the amount
 * committed in the programme-year's budget ledger (BL-4). Execution (task books, disbursements …) extends it.
 */
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from '../applications/schema.js';
import { organisations } from '../organisations/schema.js';
import { calls } from '../programmes/schema.js';
import { reviewRounds } from '../review/schema.js';

export const projects = pgTable('projects', {
  id: uuid('id').primaryKey(),
  /** 立项编号, e.g. BEILUN-KCT-2026-001: programme, budget year, sequence within them. */
  projectNo: text('project_no').notNull(),
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  callId: uuid('call_id').notNull().references(() => calls.id),
  programmeCode: text('programme_code').notNull(),
  budgetYear: integer('budget_year').notNull(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  title: text('title').notNull(),
  categoryCode: text('category_code').notNull(),
  /** Shown name of the category in the rule set the application was judged by. */
  categoryName: text('category_name').notNull(),
  fieldCode: text('field_code'),
  /** The approved fiscal amount (元), committed in the ledger in the same transaction. */
  approvedAmountYuan: bigint('approved_amount_yuan', { mode: 'number' }).notNull(),
  /** Domain ProjectState (projects/lifecycle.ts); moved only by transitionProject. */
  state: text('state').notNull().default('approved'),
  stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
  /** NB-2 dates from the application; the effective end moves with every approved extension (domain effectiveEndDate). */
  startDate: date('start_date', { mode: 'string' }),
  endDate: date('end_date', { mode: 'string' }),
  effectiveEndDate: date('effective_end_date', { mode: 'string' }),
  leaderName: text('leader_name').notNull().default(''),
  /** Resident ID number of the leader: integrity checks and the leader's record key on it; never shown unmasked. */
  leaderIdNumber: text('leader_id_number'),
  /** NB-7 shares of the approved fiscal amount (sum = approved_amount_yuan). */
  fiscalCityYuan: bigint('fiscal_city_yuan', { mode: 'number' }).notNull().default(0),
  fiscalDistrictYuan: bigint('fiscal_district_yuan', { mode: 'number' }).notNull().default(0),
  /** 主管部门, where there is one (a party to the task book). */
  department: text('department'),
  /** The rule-set version the call was published under: its post-award settings govern the project. */
  ruleVersionId: uuid('rule_version_id'),
  /** 包干制 (P315-4): evaluated on outcomes only; passed projects keep their surplus. From the settings at approval. */
  lumpSum: boolean('lump_sum').notNull().default(false),
  approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  approvedBy: uuid('approved_by'),
  /** Sums of the project's budget_entries by kind, kept by a trigger on their insert (migration 0029; invariant in invariants.ts). */
  committedYuan: bigint('committed_yuan', { mode: 'number' }).notNull().default(0),
  disbursedYuan: bigint('disbursed_yuan', { mode: 'number' }).notNull().default(0),
  releasedYuan: bigint('released_yuan', { mode: 'number' }).notNull().default(0),
  repaidYuan: bigint('repaid_yuan', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('projects_no_idx').on(t.projectNo),
  uniqueIndex('projects_application_idx').on(t.applicationId),
  index('projects_organisation_idx').on(t.organisationId),
  index('projects_programme_year_idx').on(t.programmeCode, t.budgetYear),
  index('projects_state_idx').on(t.state),
  // The portfolio's filters and sorts (migration 0029): each sort key with the number as tie-breaker.
  index('projects_year_idx').on(t.budgetYear, t.projectNo),
  index('projects_field_idx').on(t.fieldCode),
  index('projects_amount_idx').on(t.approvedAmountYuan, t.projectNo),
  index('projects_disbursed_idx').on(t.disbursedYuan, t.projectNo),
  index('projects_approved_at_idx').on(t.approvedAt, t.projectNo),
  index('projects_effective_end_idx').on(t.effectiveEndDate, t.projectNo),
  // The dashboard's grouping keys and sums: an index-only scan, a tenth of the heap's pages.
  index('projects_dashboard_idx').on(t.state, t.programmeCode, t.budgetYear, t.fieldCode, t.approvedAmountYuan, t.committedYuan, t.disbursedYuan, t.releasedYuan, t.repaidYuan),
]);

/**
 * A project's timeline (项目大事记): one row per thing that happened to it, written in the same transaction as
 * the change (the audit chain keeps the tamper-evident copy; this is the readable, per-project index).
 */
export const projectEvents = pgTable('project_events', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
  /** e.g. state.sign, taskBook.signed, disbursement, report.submitted, change.approved … */
  kind: text('kind').notNull(),
  summary: text('summary').notNull(),
  actorId: uuid('actor_id'),
  detail: jsonb('detail').notNull().default({}),
}, (t) => [index('project_events_project_idx').on(t.projectId, t.at)]);

/** Task-book versions (任务书 / 补充任务书): frozen content with its hash; a signed version never changes (trigger, migration 0021). */
export const taskBookVersions = pgTable('task_book_versions', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  versionNo: integer('version_no').notNull(),
  kind: text('kind').notNull(), // original | supplement
  status: text('status').notNull(), // draft | signing | signed | superseded
  content: jsonb('content').notNull(),
  contentHash: text('content_hash').notNull(),
  /** The change request a supplementary version implements. */
  changeId: uuid('change_id'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  frozenAt: timestamp('frozen_at', { withTimezone: true }),
  signedAt: timestamp('signed_at', { withTimezone: true }),
}, (t) => [uniqueIndex('task_book_versions_no_idx').on(t.projectId, t.versionNo)]);

/** One row per party's signature of a version (甲方 bureau, 乙方 undertaker, 丙方 主管部门). */
export const taskBookSignatures = pgTable('task_book_signatures', {
  versionId: uuid('version_id').notNull().references(() => taskBookVersions.id),
  party: text('party').notNull(),
  signedBy: uuid('signed_by').notNull(),
  signerName: text('signer_name').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  /** The content hash the signer saw: must equal the version's. */
  contentHash: text('content_hash').notNull(),
}, (t) => [primaryKey({ columns: [t.versionId, t.party] })]);

/**
 * Money a unit owes back (追回): ordered on termination, revocation or failed acceptance, with its deadline;
 * settled by a ledger `repay` movement. The undisbursed commitment is released at once as `return`.
 */
export const projectRecoveries = pgTable('project_recoveries', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  /** terminate | revoke | acceptanceFail | acceptanceSurplus */
  reason: text('reason').notNull(),
  amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  status: text('status').notNull(), // open | settled | waived
  basis: text('basis').notNull(),
  orderedBy: uuid('ordered_by'),
  orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
  settledAt: timestamp('settled_at', { withTimezone: true }),
  /** The ledger movement (repay) that settled it. */
  settledEntryId: uuid('settled_entry_id'),
}, (t) => [index('project_recoveries_project_idx').on(t.projectId)]);

/** Research-integrity records (科研失信), domain projects/integrity.ts. */
export const integrityRecords = pgTable('integrity_records', {
  id: uuid('id').primaryKey(),
  subjectKind: text('subject_kind').notNull(),
  /** Resident ID number or credit code, upper-cased. */
  subjectKey: text('subject_key').notNull(),
  subjectName: text('subject_name').notNull(),
  behaviour: text('behaviour').notNull(),
  /** Code in the behaviour catalogue, when it came from it. */
  behaviourCode: text('behaviour_code'),
  severity: text('severity').notNull(),
  measure: text('measure').notNull().default(''),
  decisionNo: text('decision_no').notNull(),
  decisionDate: date('decision_date', { mode: 'string' }).notNull(),
  banFrom: date('ban_from', { mode: 'string' }).notNull(),
  banUntil: date('ban_until', { mode: 'string' }).notNull(),
  appealStatus: text('appeal_status').notNull().default('none'),
  revoked: boolean('revoked').notNull().default(false),
  /** The decision document (integrity_documents id), when uploaded. */
  documentFileId: uuid('document_file_id'),
  /** Why the ban differs from the severity's default (null: the default). */
  banOverrideReason: text('ban_override_reason'),
  appealNote: text('appeal_note').notNull().default(''),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokeReason: text('revoke_reason'),
  note: text('note').notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('integrity_records_subject_idx').on(t.subjectKey)]);
