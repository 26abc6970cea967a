/**
 * What other contexts may read of accounts. They never query the users table themselves: a user's roles,
 * password and status stay this context's, and these reads return only what a caller needs to name or check one.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Role, UserStatus } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { users } from './schema.js';

export interface UserSummary {
  id: string;
  username: string;
  name: string;
  status: UserStatus;
  roles: Role[];
}

const summary = { id: users.id, username: users.username, name: users.name, status: users.status, roles: users.roles };

/** The given users (missing ids are left out), in no particular order. */
export async function userSummaries(db: Tx, ids: readonly string[]): Promise<UserSummary[]> {
  if (!ids.length) return [];
  const rows = await db.select(summary).from(users).where(inArray(users.id, [...ids]));
  return rows.map((r) => ({ ...r, status: r.status as UserStatus, roles: r.roles as Role[] }));
}

/** The user signing in under this name (case-insensitive, as at login), or null. */
export async function userByUsername(db: Tx, username: string): Promise<UserSummary | null> {
  const [row] = await db.select(summary).from(users).where(eq(sql`lower(${users.username})`, username.trim().toLowerCase()));
  return row ? { ...row, status: row.status as UserStatus, roles: row.roles as Role[] } : null;
}
