/**
 * The notification outbox: messages for the next actor of a workflow step, written in the step's own
 * transaction and sent after the commit by a job, so nothing is sent for a step that rolled back and nothing
 * is lost when a sender is down. A row is claimed (status `sending`) by exactly one dispatcher.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const notificationOutbox = pgTable('notification_outbox', {
  id: uuid('id').primaryKey(),
  /** A user, or the holders of a role (within one organisation when set). */
  recipientUserId: uuid('recipient_user_id'),
  recipientOrganisationId: uuid('recipient_organisation_id'),
  recipientRole: text('recipient_role'),
  channel: text('channel', { enum: ['sms', 'email', 'inApp'] }).notNull(),
  templateKey: text('template_key').notNull(),
  payload: jsonb('payload').notNull(),
  status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull().default('pending'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Not before this instant: the backoff after a failed attempt. */
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
}, (t) => [index('notification_outbox_due_idx').on(t.status, t.nextAttemptAt), index('notification_outbox_recipient_idx').on(t.recipientOrganisationId, t.recipientRole)]);
