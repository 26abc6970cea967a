/** The security policy (等保 settings) read by every login and password change, edited by the security administrator. */
import { eq } from 'drizzle-orm';
import { changedFields, DEFAULT_SECURITY_POLICY, securityPolicySchema, type SecurityPolicy } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { settings } from './schema.js';

const KEY = 'security.policy';
// App nodes are stateless, so the cache is short: a change reaches every node within seconds.
const CACHE_MS = 5_000;
let cache: { db: Db; at: number; value: SecurityPolicy } | null = null;

function parse(value: unknown): SecurityPolicy {
  const r = securityPolicySchema.safeParse({ ...DEFAULT_SECURITY_POLICY, ...(value as object) });
  return r.success ? r.data : DEFAULT_SECURITY_POLICY;
}

export async function getSecurityPolicy(db: Db): Promise<SecurityPolicy> {
  if (cache && cache.db === db && Date.now() - cache.at < CACHE_MS) return cache.value;
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const value = parse(row?.value ?? {});
  cache = { db, at: Date.now(), value };
  return value;
}

export async function readSecurityPolicy(db: Db) {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  return {
    policy: parse(row?.value ?? {}),
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedByName ?? null,
  };
}

export async function updateSecurityPolicy(db: Db, actor: Actor, policy: SecurityPolicy) {
  await db.transaction(async (tx: Tx) => {
    const [row] = await tx.select().from(settings).where(eq(settings.key, KEY)).for('update');
    const before = parse(row?.value ?? {});
    const now = new Date();
    await tx
      .insert(settings)
      .values({ key: KEY, value: policy, updatedAt: now, updatedBy: actor.id, updatedByName: actor.name })
      .onConflictDoUpdate({ target: settings.key, set: { value: policy, updatedAt: now, updatedBy: actor.id, updatedByName: actor.name } });
    await recordAudit(tx, actor, { action: 'security.updatePolicy', entityType: 'setting', entityId: KEY, changes: changedFields(before, policy) });
  });
  cache = null;
  return readSecurityPolicy(db);
}

export function clearSecurityPolicyCache(): void {
  cache = null;
}
