/** Decision documents of integrity records (处理决定书, PDF): the bytes kept beside the record, one current per record. */
import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { integrityRecords } from './schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const integrityDocuments = pgTable('integrity_documents', {
  id: uuid('id').primaryKey(),
  recordId: uuid('record_id').notNull().references(() => integrityRecords.id),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
}, (t) => [index('integrity_documents_record_idx').on(t.recordId)]);
