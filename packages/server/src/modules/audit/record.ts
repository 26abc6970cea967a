/**
 * Appends an audit event inside the caller's transaction. Only the event's own chain head is locked,
 * so commits on unrelated entities do not queue behind one global row.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { auditEventHash, chainOf, type AuditAction, type AuditEntityType, type AuditEventContent } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { compiledSelect, compiledStatement } from '../../db/compiled.js';
import { auditChainHeads, auditEvents } from './schema.js';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface Actor {
  id: string | null;
  name: string | null;
  role: string | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system', ip: null };

/** Action and entity type come from the domain's catalogue: an unlabelled action does not compile. */
export interface AuditInput {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  changes?: Record<string, { before?: unknown; after?: unknown }> | null;
  detail?: Record<string, unknown> | null;
}

/** JSON round trip, so what is hashed is exactly what jsonb will give back. */
function plain<T>(v: T): T {
  return v === undefined || v === null ? (null as T) : (JSON.parse(JSON.stringify(v)) as T);
}

/** Any fixed key: only the bench's baseline takes this lock. */
const SINGLE_CHAIN_LOCK = 0x6b63_a0d1;
let singleChain = false;

/**
 * Serialises every audit append behind one transaction-scoped advisory lock (config AUDIT_SINGLE_CHAIN), so the
 * deadline-rush bench can measure the baseline of one global chain against the sharded heads on the same code.
 */
export function serialiseAuditAppends(on: boolean): void {
  singleChain = on;
}

/** Every write takes its chain's head: compiled once (db/compiled.ts). */
const lockedHead = compiledSelect('audit_chain_head_for_update', (db) => db.select().from(auditChainHeads).where(eq(auditChainHeads.chain, sql.placeholder('chain'))).for('update'));

// Two statements, not one WITH: the head's trigger looks for the appended event, which a sibling in the same
// statement could not see. Each is compiled once (db/compiled.ts).
// The JSON columns take text cast in SQL: a placeholder's encoder would store JSON null for SQL NULL.
const EVENT_COLUMNS = ['id', 'chain', 'seq', 'occurredAt', 'actorId', 'actorName', 'role', 'action', 'entityType', 'entityId', 'ip', 'prevHash', 'hash'] as const;
const appendEvent = compiledStatement('audit_append_event', (db) =>
  db
    .insert(auditEvents)
    .values({
      ...(Object.fromEntries(EVENT_COLUMNS.map((c) => [c, sql.placeholder(c)])) as unknown as typeof auditEvents.$inferInsert),
      changes: sql`${sql.placeholder('changes')}::jsonb`,
      detail: sql`${sql.placeholder('detail')}::jsonb`,
    })
    .getSQL(),
);
const jsonOrNull = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const advanceHead = compiledStatement('audit_advance_head', (db) =>
  db.update(auditChainHeads).set({ seq: sql.placeholder('seq') as unknown as number, hash: sql.placeholder('hash') as unknown as string }).where(eq(auditChainHeads.chain, sql.placeholder('chain'))).getSQL(),
);

export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  const chain = chainOf(input.entityType, input.entityId);
  if (singleChain) await tx.execute(sql`select pg_advisory_xact_lock(${SINGLE_CHAIN_LOCK})`);
  const [head] = await lockedHead(tx, { chain });
  if (!head) throw new Error(`audit chain ${chain} has no head row; migrations incomplete`);
  const changes = input.changes && Object.keys(input.changes).length ? plain(input.changes) : null;
  const content: AuditEventContent = {
    id: randomUUID(),
    chain,
    seq: head.seq + 1,
    occurredAt: new Date().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    role: actor.role,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    changes,
    detail: plain(input.detail ?? null),
    ip: actor.ip,
  };
  const hash = auditEventHash(head.hash, content, sha256Hex);
  // Two statements, not one: the head's trigger (migration 0005) checks that the event it points to exists,
  // which an event inserted by a WITH of the same statement would not yet be to it.
  await appendEvent(tx, { ...content, occurredAt: new Date(content.occurredAt), changes: jsonOrNull(content.changes), detail: jsonOrNull(content.detail), prevHash: head.hash, hash });
  await advanceHead(tx, { chain, seq: content.seq, hash });
}
