/**
 * Site inspection (实地核查) and the decision meetings (局党组会议, 区政府常务会议) of a round. Every row hangs on
 * the round, and an application's rows on its outcome row (round, application), so nothing here can name an
 * application outside the round. A signed meeting and its decisions are frozen by a trigger (migration 0018).
 */
import { bigint, customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { reviewOutcomes, reviewRounds } from './schema.js';

/** Photo bytes: Buffer on the way in; pg gives a Buffer back and PGlite a Uint8Array, both turned into a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** The round's inspection plan: its checklist (null = the platform's default) and the officer's top-N narrowing. */
export const reviewInspectionPlans = pgTable('review_inspection_plans', {
  roundId: uuid('round_id').primaryKey().references(() => reviewRounds.id),
  /** [{ key, label }], or null while the default list applies. */
  checklist: jsonb('checklist'),
  /** Inspect only the first N in rank order (null: every application still in review), with the reason recorded. */
  topN: integer('top_n'),
  selectionReason: text('selection_reason').notNull().default(''),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One application's inspection: who, when, each checklist item's result, findings and the verdict with its basis. */
export const reviewInspections = pgTable('review_inspections', {
  id: uuid('id').primaryKey(),
  roundId: uuid('round_id').notNull(),
  applicationId: uuid('application_id').notNull(),
  /** YYYY-MM-DD (Asia/Shanghai). */
  inspectedOn: text('inspected_on').notNull(),
  inspectors: text('inspectors').array().notNull(),
  /** [{ key, label, passed, finding }]: the label as it read when recorded. */
  items: jsonb('items').notNull(),
  findings: text('findings').notNull().default(''),
  /** passed | failed */
  result: text('result').notNull(),
  basis: text('basis').notNull().default(''),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('review_inspections_app_idx').on(t.roundId, t.applicationId),
  foreignKey({ columns: [t.roundId, t.applicationId], foreignColumns: [reviewOutcomes.roundId, reviewOutcomes.applicationId] }),
]);

/** A photo taken on site, stored in the database like every other upload (JPEG/PNG by content, size and count limited). */
export const reviewInspectionPhotos = pgTable('review_inspection_photos', {
  id: uuid('id').primaryKey(),
  roundId: uuid('round_id').notNull(),
  applicationId: uuid('application_id').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('review_inspection_photos_app_idx').on(t.roundId, t.applicationId),
  foreignKey({ columns: [t.roundId, t.applicationId], foreignColumns: [reviewOutcomes.roundId, reviewOutcomes.applicationId] }),
]);

/** A decision meeting of a round: one party-group meeting and one executive meeting, each signed off by a leader. */
export const reviewMeetings = pgTable('review_meetings', {
  id: uuid('id').primaryKey(),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  /** party (局党组会议) | executive (区政府常务会议) */
  kind: text('kind').notNull(),
  /** YYYY-MM-DD (Asia/Shanghai). */
  heldOn: text('held_on').notNull(),
  /** 会议纪要编号 */
  minutesNo: text('minutes_no').notNull(),
  agenda: text('agenda').notNull().default(''),
  minutes: text('minutes').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  /** The leader's sign-off (review.signoff); from then on the row and its decisions are frozen. */
  signedBy: uuid('signed_by'),
  signedAt: timestamp('signed_at', { withTimezone: true }),
}, (t) => [uniqueIndex('review_meetings_kind_idx').on(t.roundId, t.kind)]);

/** A meeting's decision on one application: approve with an amount (元), reject or defer with a note. */
export const reviewMeetingDecisions = pgTable('review_meeting_decisions', {
  meetingId: uuid('meeting_id').notNull().references(() => reviewMeetings.id),
  roundId: uuid('round_id').notNull(),
  applicationId: uuid('application_id').notNull(),
  /** approve | reject | defer */
  decision: text('decision').notNull(),
  amountYuan: bigint('amount_yuan', { mode: 'number' }),
  note: text('note').notNull().default(''),
}, (t) => [
  primaryKey({ columns: [t.meetingId, t.applicationId] }),
  foreignKey({ columns: [t.roundId, t.applicationId], foreignColumns: [reviewOutcomes.roundId, reviewOutcomes.applicationId] }),
]);
