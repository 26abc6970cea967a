/** What the recovery use cases share: reading a request with its people, and a refusal as a problem. */
import { eq, inArray } from 'drizzle-orm';
import { recoveryStatus, RECOVERY_TTL_HOURS, type RecoveryRefusal, type RecoveryRequestView, type Role } from '@kechuang/domain';
import { approveRefusal, cancelRefusal } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { accountProblem } from './errors.js';
import { adminRecoveryRequests, users } from './schema.js';

export type RecoveryRow = typeof adminRecoveryRequests.$inferSelect;
export const RECOVERY_TTL_MS = RECOVERY_TTL_HOURS * 3600_000;

export function refusalProblem(refusal: RecoveryRefusal) {
  const code = (
    {
      self: 'RECOVERY_SELF',
      notParty: 'RECOVERY_NOT_PARTY',
      sameParty: 'RECOVERY_SAME_PARTY',
      expired: 'RECOVERY_EXPIRED',
      notPending: 'RECOVERY_CLOSED',
      notAdmin: 'RECOVERY_NOT_ADMIN',
    } as const
  )[refusal];
  return accountProblem(code);
}

export async function lockRecovery(tx: Tx, id: string): Promise<RecoveryRow> {
  const [row] = await tx.select().from(adminRecoveryRequests).where(eq(adminRecoveryRequests.id, id)).for('update');
  if (!row) throw accountProblem('RECOVERY_NOT_FOUND');
  return row;
}

/** Requests with the people they name, and what the caller may do with each. */
export async function presentRecoveries(db: Db | Tx, rows: RecoveryRow[], caller: { id: string; roles: readonly Role[] }, now = new Date()): Promise<RecoveryRequestView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.targetUserId, r.initiatedBy, ...(r.decidedBy ? [r.decidedBy] : [])]))];
  const people = ids.length ? await db.select({ id: users.id, username: users.username, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  const person = (id: string) => byId.get(id) ?? { id, username: '', name: '' };
  return rows.map((r) => ({
    id: r.id,
    target: person(r.targetUserId),
    targetRole: r.targetRole,
    reason: r.reason,
    initiator: person(r.initiatedBy),
    initiatorRole: r.initiatorRole,
    decider: r.decidedBy ? person(r.decidedBy) : null,
    status: recoveryStatus(r, now),
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    actions: { approve: approveRefusal(caller, r, now) === null, cancel: cancelRefusal(caller, r, now) === null },
  }));
}
