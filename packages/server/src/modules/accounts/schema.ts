/** Accounts, their password history and database-held sessions (so app nodes stay stateless). */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/schema.js';

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull(),
  name: text('name').notNull(),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  roles: text('roles').array().notNull(),
  status: text('status').notNull().default('active'),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  /**
   * A 推荐单位 account's scope: region prefixes (as an organisation's region reads, e.g. 浙江省宁波市北仑区) whose
   * applicants it recommends. Empty = none: a recommender sees nothing until its scope is set (migration 0010).
   */
  recommenderRegions: text('recommender_regions').array().notNull().default(sql`'{}'::text[]`),
  failedLogins: integer('failed_logins').notNull().default(0),
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  lastLoginIp: text('last_login_ip'),
  // The sign-in before the current one, shown to the user so an unexpected one stands out.
  previousLoginAt: timestamp('previous_login_at', { withTimezone: true }),
  previousLoginIp: text('previous_login_ip'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
  index('users_organisation_idx').on(t.organisationId),
]);

/**
 * Failed sign-ins for usernames that have no account. They lock exactly like an account does, so neither the
 * answer nor the lockout tells a guesser whether a username exists. Keyed by the lower-cased username.
 */
export const loginFailures = pgTable('login_failures', {
  usernameKey: text('username_key').primaryKey(),
  failedLogins: integer('failed_logins').notNull(),
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
}, (t) => [index('login_failures_locked_idx').on(t.lockedUntil)]);

export const passwordHistory = pgTable('password_history', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)]);

export const sessions = pgTable('sessions', {
  // SHA-256 of the cookie value: a database read never yields a live session token.
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ip: text('ip').notNull().default(''),
  userAgent: text('user_agent').notNull().default(''),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/**
 * 管理员密码找回: a dual-control reset of a separated administrator's password. One of the two other
 * administrators opens the request, the other approves it; only approval issues a one-time password.
 */
export const adminRecoveryRequests = pgTable('admin_recovery_requests', {
  id: uuid('id').primaryKey(),
  targetUserId: uuid('target_user_id').notNull().references(() => users.id),
  targetRole: text('target_role').notNull(),
  reason: text('reason').notNull(),
  initiatedBy: uuid('initiated_by').notNull().references(() => users.id),
  initiatorRole: text('initiator_role').notNull(),
  // pending → approved | cancelled; a pending request past expires_at counts as expired.
  status: text('status').notNull().default('pending'),
  decidedBy: uuid('decided_by').references(() => users.id),
  deciderRole: text('decider_role'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
}, (t) => [index('admin_recovery_requests_target_idx').on(t.targetUserId, t.createdAt)]);
