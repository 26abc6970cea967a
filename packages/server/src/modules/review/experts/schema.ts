/**
 * Reverse evaluation (反向评价, P315-5) of experts: an applicant rates each expert who reviewed its application
 * (without learning who), an officer rates an expert's work in a round. One rating per rater per expert per
 * application (officers: per round, application null); `rater_key` is the rating organisation (applicants) or
 * user (officers), so a second rating by the same rater is refused by the database too.
 */
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { applications } from '../../applications/schema.js';
import { experts, reviewAssignments, reviewRounds } from '../schema.js';

export const expertRatings = pgTable('expert_ratings', {
  id: uuid('id').primaryKey(),
  expertId: uuid('expert_id').notNull().references(() => experts.id),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  applicationId: uuid('application_id').references(() => applications.id),
  /** The assignment an applicant rated (its anonymous slot); null for an officer's rating of a round. */
  assignmentId: uuid('assignment_id').references(() => reviewAssignments.id),
  /** applicant | officer */
  raterKind: text('rater_kind').notNull(),
  raterOrganisationId: uuid('rater_organisation_id'),
  raterUserId: uuid('rater_user_id').notNull(),
  raterKey: uuid('rater_key').notNull(),
  score: integer('score').notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('expert_ratings_one_per_rater').on(t.expertId, t.roundId, t.applicationId, t.raterKey).nullsNotDistinct(),
  index('expert_ratings_expert_idx').on(t.expertId),
  check('expert_ratings_score_range', sql`${t.score} between 1 and 5`),
  check('expert_ratings_rater_kind', sql`${t.raterKind} in ('applicant', 'officer')`),
]);
