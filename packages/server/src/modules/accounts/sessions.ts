/** Sessions live in the database, keyed by the SHA-256 of the cookie value, so any app node can serve any request. */
import { randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { compiledSelect } from '../../db/compiled.js';
import { sha256Hex } from '../audit/record.js';
import { sessions, users } from './schema.js';

export const SESSION_COOKIE = 'kc_session';
/** Absolute lifetime, whatever the activity: a stolen cookie is not valid forever. */
export const SESSION_MAX_HOURS = 12;

export async function createSession(tx: Tx, userId: string, ip: string, userAgent: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await tx.insert(sessions).values({
    id: sha256Hex(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3_600_000),
    ip,
    userAgent: userAgent.slice(0, 300),
  });
  return token;
}

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'ok'; sessionId: string; user: typeof users.$inferSelect; expiresAt: Date };

/** Every signed-in request runs this: compiled once (db/compiled.ts). */
const sessionWithUser = compiledSelect('session_with_user', (db) =>
  db.select({ s: sessions, u: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, sql.placeholder('id'))),
);

/** Resolves a cookie token; ends sessions that were idle too long, outlived their maximum age, or whose user was disabled. */
export async function lookupSession(db: Db, token: string | undefined, idleMinutes: number): Promise<SessionLookup> {
  if (!token) return { kind: 'none' };
  const id = sha256Hex(token);
  const [row] = await sessionWithUser(db, { id });
  if (!row) return { kind: 'expired' };
  const now = Date.now();
  if (row.s.expiresAt.getTime() <= now || now - row.s.lastSeenAt.getTime() > idleMinutes * 60_000 || row.u.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { kind: 'expired' };
  }
  // Touch at most once a minute: idle timeout needs minute precision, not a write per request.
  let lastSeen = row.s.lastSeenAt.getTime();
  if (now - lastSeen > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
    lastSeen = now;
  }
  // When the session ends if nothing else happens: what the web counts down to before warning the user.
  const expiresAt = new Date(Math.min(row.s.expiresAt.getTime(), lastSeen + idleMinutes * 60_000));
  return { kind: 'ok', sessionId: id, user: row.u, expiresAt };
}

export async function deleteSessionByToken(db: Db, token: string): Promise<string | null> {
  const id = sha256Hex(token);
  const [row] = await db.delete(sessions).where(eq(sessions.id, id)).returning({ userId: sessions.userId });
  return row?.userId ?? null;
}

export async function deleteUserSessions(tx: Tx, userId: string, exceptSessionId?: string): Promise<void> {
  await tx.delete(sessions).where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

/** The cookie carries the only copy of the token; the browser never exposes it to scripts. */
export function setSessionCookie(reply: { setCookie: (name: string, value: string, opts: object) => unknown }, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
