/** The auditor's use cases: search the trail, export it, anchor the chain heads together. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import { anchorHash, auditActionLabel, auditEntityLabel, GENESIS_HASH, type AuditAnchor, type AuditEvent, type AuditQuery, type ChainHead } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, sha256Hex, SYSTEM_ACTOR, type Actor } from './record.js';
import { auditAnchors, auditChainHeads, auditEvents } from './schema.js';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(q: Omit<AuditQuery, 'page' | 'pageSize' | 'sort'>): SQL | undefined {
  const c: SQL[] = [];
  if (q.actor) c.push(ilike(auditEvents.actorName, `%${escapeLike(q.actor)}%`));
  if (q.action) c.push(eq(auditEvents.action, q.action));
  if (q.entityType) c.push(eq(auditEvents.entityType, q.entityType));
  if (q.entityId) c.push(eq(auditEvents.entityId, q.entityId));
  if (q.ip) c.push(eq(auditEvents.ip, q.ip));
  if (q.from) c.push(gte(auditEvents.occurredAt, new Date(q.from)));
  if (q.to) c.push(lte(auditEvents.occurredAt, new Date(q.to)));
  return c.length ? and(...c) : undefined;
}

export function presentEvent(r: typeof auditEvents.$inferSelect): AuditEvent {
  return {
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    role: r.role,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    entityType: r.entityType,
    entityTypeLabel: auditEntityLabel(r.entityType),
    entityId: r.entityId,
    changes: r.changes as AuditEvent['changes'],
    detail: r.detail as AuditEvent['detail'],
    ip: r.ip,
    chain: r.chain,
    seq: r.seq,
    hash: r.hash,
  };
}

export async function searchAuditEvents(db: Db, q: AuditQuery) {
  const where = whereOf(q);
  const order = q.sort === 'occurredAt' ? [asc(auditEvents.occurredAt), asc(auditEvents.id)] : [desc(auditEvents.occurredAt), desc(auditEvents.id)];
  const [rows, [total]] = await Promise.all([
    db.select().from(auditEvents).where(where).orderBy(...order).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { items: rows.map(presentEvent), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Excel rows beyond this are refused with a message rather than exhausting memory. */
export const AUDIT_EXPORT_LIMIT = 100_000;

export async function auditEventsForExport(db: Db, actor: Actor, q: AuditQuery) {
  const where = whereOf(q);
  const order = q.sort === 'occurredAt' ? asc(auditEvents.occurredAt) : desc(auditEvents.occurredAt);
  const rows = await db.select().from(auditEvents).where(where).orderBy(order).limit(AUDIT_EXPORT_LIMIT + 1);
  const { page: _p, pageSize: _s, ...filters } = q;
  await db.transaction((tx) =>
    recordAudit(tx, actor, { action: 'audit.export', entityType: 'audit', entityId: 'trail', detail: { filters, rows: Math.min(rows.length, AUDIT_EXPORT_LIMIT) } }),
  );
  return { rows: rows.slice(0, AUDIT_EXPORT_LIMIT).map(presentEvent), truncated: rows.length > AUDIT_EXPORT_LIMIT };
}

export function presentAnchor(a: typeof auditAnchors.$inferSelect): AuditAnchor {
  return { id: a.id, createdAt: a.createdAt.toISOString(), hash: a.hash, prevHash: a.prevHash, heads: a.heads as ChainHead[] };
}

/**
 * Binds the current head of every chain and the previous anchor into one hash. Publishing that hash
 * (notice board, another system) makes later deletion of whole chain tails detectable.
 */
export async function createAnchor(db: Db, actor: Actor) {
  return db.transaction(async (tx) => {
    // Locking every head in chain order gives a consistent cut and serialises concurrent anchoring.
    const heads = await tx.select().from(auditChainHeads).orderBy(asc(auditChainHeads.chain)).for('update');
    const [last] = await tx.select().from(auditAnchors).orderBy(desc(auditAnchors.createdAt)).limit(1);
    const prevHash = last?.hash ?? GENESIS_HASH;
    const createdAt = new Date();
    if (last && createdAt <= last.createdAt) createdAt.setTime(last.createdAt.getTime() + 1);
    const cut: ChainHead[] = heads.map((h) => ({ chain: h.chain, seq: h.seq, hash: h.hash }));
    const hash = anchorHash(prevHash, cut, createdAt.toISOString(), sha256Hex);
    const row = { id: randomUUID(), createdAt, prevHash, hash, heads: cut };
    await tx.insert(auditAnchors).values(row);
    await recordAudit(tx, actor, { action: 'audit.anchor', entityType: 'auditAnchor', entityId: row.id, detail: { hash } });
    return presentAnchor(row);
  });
}

/** The actor periodic and scheduled anchors are recorded under. */
export const ANCHOR_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'system.anchor' };

/**
 * What the scheduler calls: anchors the current heads when anything was recorded since the last anchor,
 * so the window in which an un-anchored tail could be rewritten stays as short as the schedule.
 */
export async function anchorNow(db: Db): Promise<AuditAnchor | null> {
  return (await anchorIsStale(db)) ? createAnchor(db, ANCHOR_ACTOR) : null;
}

/** True when events were recorded since the last anchor (so a periodic anchor has something to bind). */
export async function anchorIsStale(db: Db): Promise<boolean> {
  const [last] = await db.select().from(auditAnchors).orderBy(desc(auditAnchors.createdAt)).limit(1);
  const heads = await db.select().from(auditChainHeads);
  if (!last) return heads.some((h) => h.seq > 0);
  const anchored = new Map((last.heads as ChainHead[]).map((h) => [h.chain, h.seq]));
  return heads.some((h) => h.seq !== (anchored.get(h.chain) ?? 0));
}

export async function listAnchors(db: Db, limit = 20) {
  const rows = await db.select().from(auditAnchors).orderBy(desc(auditAnchors.createdAt)).limit(limit);
  return rows.map(presentAnchor);
}

/** Most recent first; with `since`, everything from that time on, so a saved copy can be compared in full. */
export async function listPublishedAnchors(db: Db, since: string | undefined, limit: number) {
  const rows = await db
    .select()
    .from(auditAnchors)
    .where(since ? gte(auditAnchors.createdAt, new Date(since)) : undefined)
    .orderBy(desc(auditAnchors.createdAt))
    .limit(limit);
  return rows.map(({ createdAt, prevHash, hash, heads }) => ({ createdAt: createdAt.toISOString(), prevHash, hash, heads: heads as ChainHead[] }));
}

export async function latestAnchorAt(db: Db): Promise<Date | null> {
  const [last] = await db.select({ createdAt: auditAnchors.createdAt }).from(auditAnchors).orderBy(desc(auditAnchors.createdAt)).limit(1);
  return last?.createdAt ?? null;
}
