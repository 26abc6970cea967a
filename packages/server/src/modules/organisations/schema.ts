/** Organisations (申报单位) and the invitations their unit admins send. */
import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  creditCode: text('credit_code').notNull().unique(),
  type: text('type').notNull(),
  region: text('region').notNull(),
  industry: text('industry').notNull(),
  address: text('address').notNull().default(''),
  contactName: text('contact_name').notNull(),
  contactPhone: text('contact_phone').notNull(),
  contactEmail: text('contact_email').notNull().default(''),
  /** Innovation consortia (创新联合体, YJ-5) the organisation belongs to, by name: kept by officers, read by 回避. */
  consortia: text('consortia').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('organisations_name_idx').on(t.name)]);

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  // Only the SHA-256 of the token is kept: a leaked database does not yield usable invitation links.
  tokenHash: text('token_hash').notNull().unique(),
  name: text('name').notNull(),
  email: text('email').notNull().default(''),
  role: text('role').notNull(),
  status: text('status').notNull(), // pending | accepted | revoked
  invitedBy: uuid('invited_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  acceptedUserId: uuid('accepted_user_id'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [index('invitations_org_idx').on(t.organisationId)]);
