/**
 * What an approved change (项目变更) allows a supplementary task book to differ in from the version in force: the
 * change part records it with the draft it inserts, the check reads it when the supplement is frozen.
 */
import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { taskBookVersions } from './schema.js';

export const taskBookAllowances = pgTable('task_book_allowances', {
  versionId: uuid('version_id').primaryKey().references(() => taskBookVersions.id),
  /** Approved change of assessment indicators: targets may be lowered, indicators removed, core marks changed. */
  indicators: boolean('indicators').notNull().default(false),
  /** Approved change of research content / technical route: the content may shrink. */
  content: boolean('content').notNull().default(false),
  /** Approved extension: the period may run past NB-2's five years. */
  period: boolean('period').notNull().default(false),
  changeId: uuid('change_id'),
  grantedBy: uuid('granted_by'),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
});
