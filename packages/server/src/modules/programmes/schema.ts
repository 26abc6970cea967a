/** Programmes (计划/专项), their effective-dated rule-set versions, calls (申报指南) with guideline items, and budget ledgers. */
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  issuer: text('issuer').notNull(),
  description: text('description').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const programmeVersions = pgTable('programme_versions', {
  id: uuid('id').primaryKey(),
  programmeId: uuid('programme_id').notNull().references(() => programmes.id),
  version: text('version').notNull(),
  documentNo: text('document_no').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  parameters: jsonb('parameters').notNull(),
  // Set when the first call on this version is published: from then on its rules never change (BL-1).
  frozenAt: timestamp('frozen_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('programme_versions_version_idx').on(t.programmeId, t.version),
  uniqueIndex('programme_versions_effective_idx').on(t.programmeId, t.effectiveFrom),
]);

export const calls = pgTable('calls', {
  id: uuid('id').primaryKey(),
  programmeId: uuid('programme_id').notNull().references(() => programmes.id),
  versionId: uuid('version_id').notNull().references(() => programmeVersions.id),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  status: text('status').notNull(),
  selectionMode: text('selection_mode').notNull(),
  categoryCodes: text('category_codes').array().notNull(),
  fieldCodes: text('field_codes').array().notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  formSections: jsonb('form_sections').notNull(),
  requiredAttachments: jsonb('required_attachments').notNull(),
  eligibility: jsonb('eligibility').notNull(),
  /** 推荐单位 must recommend an endorsed application before the officer accepts it (migration 0007). */
  requiresRecommendation: boolean('requires_recommendation').notNull().default(false),
  /** A special-project call: applications split the project into topics (课题, NB-8). */
  hasTopics: boolean('has_topics').notNull().default(false),
  /** 形式审查 checklist settings (domain FormalReviewSettings); null = the defaults (migration 0010). */
  formalReview: jsonb('formal_review'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
}, (t) => [index('calls_status_idx').on(t.status, t.closesAt), index('calls_programme_idx').on(t.programmeId)]);

export const guidelineItems = pgTable('guideline_items', {
  id: uuid('id').primaryKey(),
  callId: uuid('call_id').notNull().references(() => calls.id),
  code: text('code').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  fieldCode: text('field_code'),
  // 揭榜挂帅: the bounty offered for solving the posted problem, 元.
  bountyYuan: bigint('bounty_yuan', { mode: 'number' }),
  sortOrder: integer('sort_order').notNull(),
}, (t) => [uniqueIndex('guideline_items_code_idx').on(t.callId, t.code)]);

/** Append-only movements; the ledger's figures are their sums, so there is no balance to drift. */
export const budgetEntries = pgTable('budget_entries', {
  id: uuid('id').primaryKey(),
  programmeId: uuid('programme_id').notNull().references(() => programmes.id),
  year: integer('year').notNull(),
  kind: text('kind').notNull(), // budget | commit | disburse | return
  amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
  reference: text('reference').notNull().default(''),
  note: text('note').notNull().default(''),
  /** The project a movement is for (commit, disburse, return, repay); null for the year's budget (migration 0021). */
  projectId: uuid('project_id'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('budget_entries_programme_year_idx').on(t.programmeId, t.year), index('budget_entries_project_idx').on(t.projectId, t.createdAt)]);
