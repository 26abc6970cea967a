/**
 * Funding plans (立项资金方案) of a round: every computed plan and every override is a new version, so who
 * changed what and why stays readable; the confirmed version is the one whose amounts went to the outcomes.
 */
import { bigint, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { reviewRounds } from './schema.js';

export const reviewFundingPlans = pgTable('review_funding_plans', {
  id: uuid('id').primaryKey(),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  version: integer('version').notNull(),
  /** draft | confirmed */
  status: text('status').notNull().default('draft'),
  /** The engine's input (FundingPlanInput) and, per candidate, what the officer is shown beside it. */
  input: jsonb('input').notNull(),
  /** The engine's FundingPlanResult, unchanged. */
  result: jsonb('result').notNull(),
  /** Officer overrides in order: [{ applicationNo, action, reason, by, at }]. */
  overrides: jsonb('overrides').notNull().default([]),
  /** Application numbers in the plan after the overrides. */
  selected: text('selected').array().notNull(),
  totalYuan: bigint('total_yuan', { mode: 'number' }).notNull(),
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  confirmedBy: uuid('confirmed_by'),
  confirmedByName: text('confirmed_by_name'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
}, (t) => [uniqueIndex('review_funding_plans_version_idx').on(t.roundId, t.version)]);
