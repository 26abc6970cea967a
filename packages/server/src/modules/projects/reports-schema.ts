/**
 * Annual progress reports (年度进展报告): one row per project and reporting year, materialised from the domain's
 * schedule (unique per project and period, so refreshing never duplicates), with the window as explicit state.
 */
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { projects } from './schema.js';

export const projectReports = pgTable('project_reports', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  periodNo: integer('period_no').notNull(),
  periodStart: date('period_start', { mode: 'string' }).notNull(),
  periodEnd: date('period_end', { mode: 'string' }).notNull(),
  opensOn: date('opens_on', { mode: 'string' }).notNull(),
  /** From the schedule (period end + reportDueDays); lateness counts from it. */
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  /** The last day the undertaker may write: the due date, or the date an officer set on reopening or returning. */
  closesOn: date('closes_on', { mode: 'string' }).notNull(),
  /** Domain ProjectReportState (projects/reports.ts); moved only through its state table. */
  state: text('state').notNull().default('notOpen'),
  stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
  /** The draft, then the submitted report (frozen by a trigger once accepted). */
  content: jsonb('content').notNull().default({}),
  /** The task-book version its indicators were read against. */
  taskBookVersionId: uuid('task_book_version_id'),
  firstSubmittedOn: date('first_submitted_on', { mode: 'string' }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  submittedBy: uuid('submitted_by'),
  /** The officer's last reasons (return) or reason (reopen). */
  decisionNote: text('decision_note'),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('project_reports_period_idx').on(t.projectId, t.periodNo),
  index('project_reports_state_due_idx').on(t.state, t.dueDate),
]);
