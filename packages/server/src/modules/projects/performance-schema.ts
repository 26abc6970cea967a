/**
 * Performance evaluations (绩效评价, BL-12): one per project, recorded once it is closed or in acceptance, with the
 * organisation and leader it counts for (their records read it), the class and weights used, and the scores.
 */
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { projects } from './schema.js';

export const performanceEvaluations = pgTable('performance_evaluations', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  /** The undertaking organisation (the project's, copied: its record reads by it). */
  organisationId: uuid('organisation_id').notNull(),
  /** The leader's resident ID number (upper case), the key of the leader's record; never shown unmasked. */
  leaderIdNumber: text('leader_id_number'),
  leaderName: text('leader_name').notNull(),
  /** The project's state when evaluated. */
  projectState: text('project_state').notNull(),
  classKey: text('class_key').notNull(),
  lumpSum: boolean('lump_sum').notNull(),
  /** The weights in force when evaluated (a setting may change later; the result keeps its own). */
  weights: jsonb('weights').notNull(),
  indicators: jsonb('indicators').notNull(),
  components: jsonb('components').notNull(),
  totalCenti: integer('total_centi').notNull(),
  grade: text('grade').notNull(),
  comment: text('comment').notNull(),
  /** The task-book version the targets came from. */
  taskBookVersionId: uuid('task_book_version_id'),
  evaluatedBy: uuid('evaluated_by'),
  evaluatedByName: text('evaluated_by_name').notNull(),
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('performance_evaluations_project_idx').on(t.projectId),
  index('performance_evaluations_organisation_idx').on(t.organisationId),
  index('performance_evaluations_leader_idx').on(t.leaderIdNumber),
]);
