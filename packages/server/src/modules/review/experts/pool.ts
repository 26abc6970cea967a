/**
 * The expert pool as other contexts read it (acceptance panels draw from it): the active, available experts as
 * the conflict rules see them, and single experts by id or by their login. Only reads; the pool's writes stay here.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { norm, type ConflictExpert } from '@kechuang/domain';
import type { Tx } from '../../../db/client.js';
import { organisationsInConsortia } from '../../organisations/service.js';
import { conflictExpert } from '../instance.js';
import { experts } from '../schema.js';

export interface PoolExpert {
  id: string;
  userId: string | null;
  name: string;
  organisationName: string;
  /** Resident ID number: the integrity check (科研失信) keys on it. */
  idNumber: string | null;
  conflict: ConflictExpert;
}

async function present(tx: Tx, rows: (typeof experts.$inferSelect)[]): Promise<PoolExpert[]> {
  const orgConsortia = new Map((await organisationsInConsortia(tx)).map((o) => [norm(o.creditCode), o.consortia]));
  return rows.map((e) => ({ id: e.id, userId: e.userId, name: e.name, organisationName: e.organisationName, idNumber: e.idNumber, conflict: conflictExpert(e, orgConsortia) }));
}

/** Active and available experts, ordered by id (the order a draw's inputs are built in). */
export async function activeExpertPool(tx: Tx): Promise<PoolExpert[]> {
  return present(tx, await tx.select().from(experts).where(and(eq(experts.status, 'active'), eq(experts.available, true))).orderBy(experts.id));
}

export async function poolExpertsByIds(tx: Tx, ids: readonly string[]): Promise<PoolExpert[]> {
  if (ids.length === 0) return [];
  return present(tx, await tx.select().from(experts).where(inArray(experts.id, [...ids])));
}
