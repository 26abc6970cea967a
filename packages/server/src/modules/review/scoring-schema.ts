/**
 * Remote scoring (不见面评审): one score sheet per assignment, the optional panel meeting (会评) of a round, and
 * every score the panel adjusted with its reason. The rubric and aggregation settings live in the round's
 * settings (`settings.scoring`), validated by the domain's scoringRubricSchema.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { reviewAssignments, reviewRounds } from './schema.js';

/** An expert's score sheet (评分表) for one assignment: a draft until submitted, read-only after. */
export const reviewSheets = pgTable('review_sheets', {
  id: uuid('id').primaryKey(),
  assignmentId: uuid('assignment_id').notNull().references(() => reviewAssignments.id),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  /** { [criterionKey]: { pointsCenti: number | null, comment: string } } */
  entries: jsonb('entries').notNull(),
  opinion: text('opinion').notNull().default(''),
  /** draft | submitted */
  status: text('status').notNull().default('draft'),
  /** The sheet's total in 1/100 points (aggregation.ts step 1), set on submission. */
  totalCenti: integer('total_centi'),
  /** The panel meeting's adjusted total, when it changed this sheet (feeds aggregation instead of totalCenti). */
  adjustedCenti: integer('adjusted_centi'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
}, (t) => [uniqueIndex('review_sheets_assignment_idx').on(t.assignmentId), index('review_sheets_round_idx').on(t.roundId)]);

/** The panel meeting (会评) of a round, held before scoring closes: the item under discussion and the minutes. */
export const reviewPanels = pgTable('review_panels', {
  id: uuid('id').primaryKey(),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  /** open | closed */
  status: text('status').notNull().default('open'),
  currentApplicationId: uuid('current_application_id'),
  minutes: text('minutes').notNull().default(''),
  startedBy: uuid('started_by'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
}, (t) => [uniqueIndex('review_panels_round_idx').on(t.roundId)]);

/** One score the panel changed, with its required reason (append-only history; the sheet keeps the latest). */
export const reviewPanelAdjustments = pgTable('review_panel_adjustments', {
  id: uuid('id').primaryKey(),
  panelId: uuid('panel_id').notNull().references(() => reviewPanels.id),
  sheetId: uuid('sheet_id').notNull().references(() => reviewSheets.id),
  beforeCenti: integer('before_centi').notNull(),
  afterCenti: integer('after_centi').notNull(),
  reason: text('reason').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('review_panel_adjustments_panel_idx').on(t.panelId)]);
