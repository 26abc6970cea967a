/** The append-only, hash-chained audit trail: events, the head of each chain, and periodic anchors. */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable('audit_events', {
  id: uuid('id').primaryKey(),
  chain: integer('chain').notNull(),
  seq: integer('seq').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  role: text('role'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  changes: jsonb('changes'),
  detail: jsonb('detail'),
  ip: text('ip'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  uniqueIndex('audit_events_chain_seq_idx').on(t.chain, t.seq),
  index('audit_events_occurred_idx').on(t.occurredAt),
  index('audit_events_entity_idx').on(t.entityType, t.entityId),
  index('audit_events_actor_idx').on(t.actorName),
]);

export const auditChainHeads = pgTable('audit_chain_heads', {
  chain: integer('chain').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
});

export const auditAnchors = pgTable('audit_anchors', {
  id: uuid('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  heads: jsonb('heads').notNull(),
}, (t) => [index('audit_anchors_created_idx').on(t.createdAt)]);
