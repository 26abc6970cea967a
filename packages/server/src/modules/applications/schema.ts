/**
 * Applications (申报书): the working row with its latest content, every saved version (submitted ones frozen
 * with their content hash), and the PDF receipts of submissions. Frozen versions and receipts are protected
 * from change by triggers (migration 0007).
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/schema.js';
import { calls, guidelineItems } from '../programmes/schema.js';

/** PDF bytes: Buffer on the way in; pg gives a Buffer back and PGlite a Uint8Array, both turned into a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const applications = pgTable('applications', {
  id: uuid('id').primaryKey(),
  applicationNo: text('application_no').notNull().unique(),
  callId: uuid('call_id').notNull().references(() => calls.id),
  guidelineItemId: uuid('guideline_item_id').references(() => guidelineItems.id),
  categoryCode: text('category_code').notNull(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  state: text('state').notNull(),
  /** The latest version number; a save must name it as its base (optimistic concurrency). */
  currentVersion: integer('current_version').notNull(),
  content: jsonb('content').notNull(),
  /** The version frozen by the latest submission, whose receipt GET …/receipt serves. */
  submittedVersion: integer('submitted_version'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  /** Reasons of the latest return, each beside a section or field; cleared on resubmission. */
  returnReasons: jsonb('return_reasons'),
  returnedBy: text('returned_by'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('applications_call_state_idx').on(t.callId, t.state), index('applications_organisation_idx').on(t.organisationId)]);

export const applicationVersions = pgTable('application_versions', {
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  version: integer('version').notNull(),
  content: jsonb('content').notNull(),
  contentHash: text('content_hash').notNull(),
  /** True for a submitted version: never changed again (trigger). */
  frozen: boolean('frozen').notNull().default(false),
  savedBy: uuid('saved_by'),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.applicationId, t.version] })]);

export const applicationReceipts = pgTable('application_receipts', {
  id: uuid('id').primaryKey(),
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  version: integer('version').notNull(),
  contentHash: text('content_hash').notNull(),
  pdf: bytea('pdf').notNull(),
  pdfSha256: text('pdf_sha256').notNull(),
  generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
}, (t) => [index('application_receipts_hash_idx').on(t.contentHash), index('application_receipts_pdf_idx').on(t.pdfSha256), // One receipt per submitted version: the job and an on-demand render insert-or-nothing on this key.
  uniqueIndex('application_receipts_application_version_key').on(t.applicationId, t.version)]);

/**
 * 查重 archive (BL-9): every text the checks compare against — each submitted application version's text
 * sections, and external records imported from Excel (人才项目, 上级项目, 往年项目); projects later (source_type). `seq` orders the archive, so a
 * check compares only against what was archived before it and the persisted index knows its high-water mark.
 */
export const dedupeArchive = pgTable('dedupe_archive', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  /** The id the index knows the text by, e.g. `application:<id>:<version>`. */
  docId: text('doc_id').notNull().unique(),
  sourceType: text('source_type').notNull(),
  applicationId: uuid('application_id').references(() => applications.id),
  version: integer('version'),
  organisationId: uuid('organisation_id'),
  title: text('title').notNull(),
  /** The sections joined in template order; `sections` gives each one's key, title and range in it. */
  text: text('text').notNull(),
  sections: jsonb('sections').notNull(),
  /** External records (talent, higherLevel, pastProject) only: as the imported sheet gives them. */
  recordNo: text('record_no'),
  organisationName: text('organisation_name'),
  creditCode: text('credit_code'),
  year: integer('year'),
  importedBy: uuid('imported_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('dedupe_archive_organisation_idx').on(t.organisationId),
  index('dedupe_archive_application_idx').on(t.applicationId, t.version),
  // A record number is imported once per kind: the archive is append-only (the index's high-water mark relies on it).
  uniqueIndex('dedupe_archive_record_idx').on(t.sourceType, t.recordNo),
]);

/** The serialised DedupeIndex over archive rows with seq ≤ high_water (all of them, no gaps). */
export const dedupeIndexSnapshots = pgTable('dedupe_index_snapshots', {
  name: text('name').primaryKey(),
  bytes: bytea('bytes').notNull(),
  highWater: bigint('high_water', { mode: 'number' }).notNull(),
  docs: integer('docs').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One 查重 check per submitted version: queued at submission, claimed by exactly one job run. */
export const duplicateChecks = pgTable('duplicate_checks', {
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  version: integer('version').notNull(),
  status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
  report: jsonb('report'),
  error: text('error'),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** How many times a job has claimed it (a run that failed and was retried counts again). */
  runs: integer('runs').notNull().default(0),
}, (t) => [primaryKey({ name: 'duplicate_checks_pk', columns: [t.applicationId, t.version] })]);

/**
 * Files in the call's typed attachment slots (营业执照, 财务报表, 承诺书 …), typed by their first bytes and kept
 * with their SHA-256. A submission records which of them belong to the frozen version (its content's
 * `attachments`), so a file's bytes never change and a frozen one is never deleted, only taken out of the working set (trigger,
 * migration 0009).
 */
export const applicationAttachments = pgTable('application_attachments', {
  id: uuid('id').primaryKey(),
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  /** The first submitted version that froze this file; null while it may still be deleted. */
  frozenInVersion: integer('frozen_in_version'),
  /** Taken out of the working set after a return; a frozen file keeps its bytes for the version that holds it. */
  removedAt: timestamp('removed_at', { withTimezone: true }),
}, (t) => [index('application_attachments_application_idx').on(t.applicationId, t.kind)]);

/**
 * 形式审查 results, one row per checklist item of one submitted version: a resubmission has a new version and so
 * starts a fresh checklist, while the earlier version's results stay as they were recorded.
 */
export const formalReviewResults = pgTable('formal_review_results', {
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  version: integer('version').notNull(),
  itemKey: text('item_key').notNull(),
  pass: boolean('pass').notNull(),
  reason: text('reason'),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ name: 'formal_review_results_pk', columns: [t.applicationId, t.version, t.itemKey] })]);

export const applicationNoSeq = sql`nextval('application_no_seq')`;
