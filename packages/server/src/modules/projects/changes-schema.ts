/** Project changes (项目变更): one row per request, its route (who decides), decision and the supplement it produced. */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { projects, taskBookVersions } from './schema.js';

export const projectChanges = pgTable('project_changes', {
  id: uuid('id').primaryKey(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  /** Sequence within the project (变更第 N 号). */
  seq: integer('seq').notNull(),
  /** Domain ChangeType (projects/changes.ts). */
  type: text('type').notNull(),
  /** submitted | filed | approved | rejected | withdrawn */
  status: text('status').notNull(),
  /** Who decides this request: bureau | unit | none (filed at once). */
  approver: text('approver').notNull(),
  /** Why a conditional type went to the bureau (e.g. the indicators it lowers). */
  routeReasons: jsonb('route_reasons').notNull().default([]),
  payload: jsonb('payload').notNull(),
  reason: text('reason').notNull(),
  /** Optional attachments (file references); none required by the table. */
  attachments: jsonb('attachments').notNull().default([]),
  requestedBy: uuid('requested_by').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  /** The Asia/Shanghai day it was requested: the deadline is judged on it. */
  requestedOn: date('requested_on', { mode: 'string' }).notNull(),
  decisionReasons: text('decision_reasons'),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  /** The 补充任务书 an approved or filed change produced. */
  supplementVersionId: uuid('supplement_version_id').references(() => taskBookVersions.id),
  /** What the change did beyond the task book: e.g. the extension's moved deadlines, the leader before. */
  effects: jsonb('effects').notNull().default({}),
}, (t) => [
  uniqueIndex('project_changes_seq_idx').on(t.projectId, t.seq),
  index('project_changes_status_idx').on(t.status, t.requestedAt),
  // One pending request of a type per project at a time.
  uniqueIndex('project_changes_one_pending_idx').on(t.projectId, t.type).where(sql`status = 'submitted'`),
]);
