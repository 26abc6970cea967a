/**
 * Tables of the public notice (社会公示) part: the working-day calendar's exceptions (holidays and make-up
 * working days), the list a notice publishes (a snapshot, so what the public saw never changes under it), and
 * each objector's identity, kept apart from the objection so only officers handling objections ever read it.
 */
import { bigint, customType, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { reviewNotices, reviewObjections } from './schema.js';

/** File bytes: Buffer on the way in; pg gives a Buffer back and PGlite a Uint8Array, both turned into a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** A day that is not what its weekday says: a holiday (放假) or a weekend day worked (调休上班). */
export const workingCalendarDays = pgTable('working_calendar_days', {
  /** YYYY-MM-DD (Asia/Shanghai). */
  date: text('date').primaryKey(),
  /** holiday | workday */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  /** Where it comes from (the State Council's notice, an officer's entry). */
  source: text('source').notNull().default(''),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One project on a notice's list, as drafted; withdrawn when an objection to it is upheld. */
export const reviewNoticeItems = pgTable('review_notice_items', {
  id: uuid('id').primaryKey(),
  noticeId: uuid('notice_id').notNull().references(() => reviewNotices.id),
  /** The application listed (a snapshot of it: the round's outcome row holds the live link). */
  applicationId: uuid('application_id').notNull(),
  position: integer('position').notNull(),
  projectTitle: text('project_title').notNull(),
  organisationName: text('organisation_name').notNull(),
  categoryCode: text('category_code').notNull(),
  categoryLabel: text('category_label').notNull(),
  amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnReason: text('withdrawn_reason'),
}, (t) => [uniqueIndex('review_notice_items_app_idx').on(t.noticeId, t.applicationId)]);

/** Who raised an objection: read only by officers handling objections (review.manage), never sent to anyone else. */
export const reviewObjectionParties = pgTable('review_objection_parties', {
  objectionId: uuid('objection_id').primaryKey().references(() => reviewObjections.id),
  /** person | organisation */
  objectorKind: text('objector_kind').notNull(),
  name: text('name').notNull(),
  organisationName: text('organisation_name').notNull().default(''),
  contact: text('contact').notNull(),
  sealFileName: text('seal_file_name'),
  sealContentType: text('seal_content_type'),
  sealSize: integer('seal_size'),
  sealContent: bytea('seal_content'),
});
