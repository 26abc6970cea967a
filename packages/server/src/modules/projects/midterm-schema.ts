/**
 * Mid-term checks (中期检查, YZ-7), termination/revocation decisions (终止/撤销) and the reallocations of the
 * budget they free (BL-10): one row each, written in the transaction of the decision.
 */
import { bigint, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { projectRecoveries, projects } from './schema.js';

export const midtermChecks = pgTable('midterm_checks', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  /** Domain MidtermCheckStatus: open | passed | rectifying | rectified | terminated. */
  status: text('status').notNull().default('open'),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  openedBy: uuid('opened_by'),
  /** Materials are due from the unit by this day. */
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  materials: text('materials').notNull().default(''),
  /** pass | rectify | terminate, with its basis (required) and the BL-10 rolling decision. */
  outcome: text('outcome'),
  basis: text('basis'),
  rollingDecision: text('rolling_decision'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: uuid('decided_by'),
  /** 限期整改: decision day + rectificationMonths (settings). */
  rectificationDue: date('rectification_due', { mode: 'string' }),
  rectifiedAt: timestamp('rectified_at', { withTimezone: true }),
  rectificationBasis: text('rectification_basis'),
}, (t) => [index('midterm_checks_project_idx').on(t.projectId, t.openedAt)]);

/** The decision to terminate (终止) or revoke (撤销) a project, with its document and the money it moved. */
export const projectTerminations = pgTable('project_terminations', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  /** terminate | revoke */
  kind: text('kind').notNull(),
  decisionNo: text('decision_no').notNull(),
  basis: text('basis').notNull(),
  /** 已支出 per the unit's final accounts (termination only). */
  spentYuan: bigint('spent_yuan', { mode: 'number' }).notNull().default(0),
  netPaidYuan: bigint('net_paid_yuan', { mode: 'number' }).notNull(),
  releasedYuan: bigint('released_yuan', { mode: 'number' }).notNull(),
  owedYuan: bigint('owed_yuan', { mode: 'number' }).notNull(),
  recoveryId: uuid('recovery_id').references(() => projectRecoveries.id),
  /** The mid-term check whose outcome (or failed rectification) terminated it. */
  midtermCheckId: uuid('midterm_check_id').references(() => midtermChecks.id),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
}, (t) => [index('project_terminations_project_idx').on(t.projectId)]);

/**
 * The freed budget given on merit (BL-10): the funding-plan engine re-run over the round's ranked, unfunded
 * candidates with the programme-year's available budget after the release. `input` and `result` are the engine's
 * own, so the explanation reads the same later; `selected` names the projects created.
 */
export const projectReallocations = pgTable('project_reallocations', {
  id: uuid('id').primaryKey(),
  terminationId: uuid('termination_id').notNull().references(() => projectTerminations.id),
  sourceProjectId: uuid('source_project_id').notNull().references(() => projects.id),
  roundId: uuid('round_id').notNull(),
  programmeCode: text('programme_code').notNull(),
  budgetYear: bigint('budget_year', { mode: 'number' }).notNull(),
  budgetYuan: bigint('budget_yuan', { mode: 'number' }).notNull(),
  totalYuan: bigint('total_yuan', { mode: 'number' }).notNull(),
  input: jsonb('input').notNull(),
  result: jsonb('result').notNull(),
  /** Shown beside each candidate: title, organisation, category (kept as the officer saw them). */
  meta: jsonb('meta').notNull(),
  /** [{ applicationNo, projectId, amountYuan }] of the projects created. */
  selected: jsonb('selected').notNull(),
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('project_reallocations_termination_idx').on(t.terminationId), index('project_reallocations_round_idx').on(t.roundId)]);
