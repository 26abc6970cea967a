/**
 * A project's disbursement (拨付): its schedule of instalments (stored once the officer edits it or the first
 * payment is made; until then the domain's default applies), each payment with its ledger entry, and the
 * officer-recorded stage checks (阶段检查) that release stage-check instalments.
 */
import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { projects } from './schema.js';

export const disbursementInstalments = pgTable('disbursement_instalments', {
  projectId: uuid('project_id').notNull().references(() => projects.id),
  /** 1-based, in paying order. */
  instalmentNo: integer('instalment_no').notNull(),
  amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
  /** Domain InstalmentCondition: signed | stageCheck. */
  condition: text('condition').notNull(),
  note: text('note').notNull().default(''),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('disbursement_instalments_pk').on(t.projectId, t.instalmentNo)]);

/** One payment of one instalment; its ledger `disburse` entry is written in the same transaction. */
export const disbursements = pgTable('disbursements', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  instalmentNo: integer('instalment_no').notNull(),
  amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
  /** 拨付凭证号 of the finance office. */
  voucherNo: text('voucher_no').notNull(),
  paidDate: date('paid_date', { mode: 'string' }).notNull(),
  /** The budget ledger entry (programmes' budget_entries) of kind disburse. */
  entryId: uuid('entry_id').notNull(),
  note: text('note').notNull().default(''),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('disbursements_instalment_idx').on(t.projectId, t.instalmentNo),
  uniqueIndex('disbursements_voucher_idx').on(t.voucherNo),
  uniqueIndex('disbursements_entry_idx').on(t.entryId),
]);

/** 阶段检查 recorded by an officer: result and basis. */
export const projectStageChecks = pgTable('project_stage_checks', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  /** Domain StageCheckResult: pass | fail. */
  result: text('result').notNull(),
  basis: text('basis').notNull(),
  checkedDate: date('checked_date', { mode: 'string' }).notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('project_stage_checks_project_idx').on(t.projectId)]);
