/**
 * Approved projects (立项项目): one row per application approved at the end of review (BL-8), with the amount
 * committed in the programme-year's budget ledger (BL-4). Execution (task books, disbursements …) extends it.
 */
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
  /** approved (立项); the execution issue adds its states. */
  state: text('state').notNull().default('approved'),
  approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  approvedBy: uuid('approved_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('projects_no_idx').on(t.projectNo),
  uniqueIndex('projects_application_idx').on(t.applicationId),
  index('projects_organisation_idx').on(t.organisationId),
  index('projects_programme_year_idx').on(t.programmeCode, t.budgetYear),
]);
