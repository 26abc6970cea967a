/** Re-walks every chain and anchor, reading in batches so verification works on a large trail. */
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import {
  anchorHash,
  AUDIT_CHAIN_COUNT,
  auditEventHash,
  GENESIS_HASH,
  type ChainBreak,
  type ChainHead,
  type PublishedAnchor,
  type StoredAuditEvent,
} from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, sha256Hex, type Actor } from './record.js';
import { auditAnchors, auditChainHeads, auditEvents } from './schema.js';

const BATCH = 5000;

export type VerifyResult =
  | { ok: true; checked: number; chains: number; anchors: number }
  | { ok: false; checked: number; broken: ChainBreak };

type Row = typeof auditEvents.$inferSelect;

function toStored(r: Row): StoredAuditEvent {
  return {
    id: r.id,
    chain: r.chain,
    seq: r.seq,
    occurredAt: r.occurredAt.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    role: r.role,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    changes: (r.changes ?? null) as StoredAuditEvent['changes'],
    detail: (r.detail ?? null) as StoredAuditEvent['detail'],
    ip: r.ip,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/**
 * `saved`: copies of the public anchor list kept outside the database (by the auditor, a supervising
 * body). They are the only thing that catches a superuser who switched the triggers off, deleted the
 * anchors and rewrote the chains consistently: without them such a rewrite verifies as intact.
 */
export async function verifyAuditTrail(db: Db, saved: readonly PublishedAnchor[] = []): Promise<VerifyResult> {
  let checked = 0;
  // Anchors first, then heads, then events up to those heads: writes that commit during the walk fall
  // outside the cut instead of looking like tampering.
  const anchors = await db.select().from(auditAnchors).orderBy(asc(auditAnchors.createdAt));
  const heads = new Map((await db.select().from(auditChainHeads)).map((h) => [h.chain, h]));
  const hashAt = new Map<string, string>(); // `${chain}:${seq}` → hash, only for seqs that anchors name
  const anchored = new Set<string>();
  for (const a of anchors) for (const h of a.heads as ChainHead[]) anchored.add(`${h.chain}:${h.seq}`);
  for (const a of saved) for (const h of a.heads) anchored.add(`${h.chain}:${h.seq}`);
  // Every anchor is recorded as an 'audit.anchor' event: deleting anchor rows alone leaves their events behind.
  const anchorEvents = new Map<string, { hash: unknown; chain: number; seq: number }>();

  for (let chain = 0; chain < AUDIT_CHAIN_COUNT; chain++) {
    let prev = GENESIS_HASH;
    let expected = 1;
    for (;;) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, chain), gt(auditEvents.seq, expected - 1), lte(auditEvents.seq, heads.get(chain)?.seq ?? 0)))
        .orderBy(asc(auditEvents.seq))
        .limit(BATCH);
      for (const r of rows) {
        const e = toStored(r);
        const fail = (reason: ChainBreak['reason'], message: string): VerifyResult => ({
          ok: false,
          checked,
          broken: { chain, seq: e.seq, eventId: e.id, reason, message },
        });
        if (e.seq !== expected) return fail('seq-gap', `第${chain}号链缺少序号${expected}的事件（可能被删除）`);
        if (e.prevHash !== prev) return fail('prev-mismatch', `第${chain}号链序号${e.seq}的事件与前一事件不衔接`);
        const { prevHash: _p, hash, ...content } = e;
        if (auditEventHash(prev, content, sha256Hex) !== hash) {
          return fail('hash-mismatch', `第${chain}号链序号${e.seq}的事件（${e.action}，${e.occurredAt}）内容已被篡改`);
        }
        if (anchored.has(`${chain}:${e.seq}`)) hashAt.set(`${chain}:${e.seq}`, hash);
        if (e.action === 'audit.anchor') anchorEvents.set(e.entityId, { hash: e.detail?.hash, chain, seq: e.seq });
        prev = hash;
        expected++;
        checked++;
      }
      if (rows.length < BATCH) break;
    }
    const head = heads.get(chain);
    if (!head || head.seq !== expected - 1 || head.hash !== prev) {
      return {
        ok: false,
        checked,
        broken: { chain, seq: head?.seq ?? 0, eventId: null, reason: 'head-mismatch', message: `第${chain}号链的链头记录与事件不符，可能有事件被删除` },
      };
    }
  }

  let prevAnchor = GENESIS_HASH;
  for (const a of anchors) {
    const headsOfAnchor = a.heads as ChainHead[];
    const broken = (message: string): VerifyResult => ({
      ok: false,
      checked,
      broken: { chain: -1, seq: 0, eventId: a.id, reason: 'anchor-mismatch', message },
    });
    if (a.prevHash !== prevAnchor || anchorHash(prevAnchor, headsOfAnchor, a.createdAt.toISOString(), sha256Hex) !== a.hash) {
      return broken(`锚点（${a.createdAt.toISOString()}）本身被篡改或锚点链断开`);
    }
    for (const h of headsOfAnchor) {
      if (h.seq > 0 && hashAt.get(`${h.chain}:${h.seq}`) !== h.hash) {
        return broken(`第${h.chain}号链在锚点（${a.createdAt.toISOString()}）记录的序号${h.seq}与现有事件不符，事件被删除或替换`);
      }
    }
    prevAnchor = a.hash;
  }

  const rowsById = new Map(anchors.map((a) => [a.id, a]));
  const unmatched = [...anchorEvents.keys()].filter((id) => !rowsById.has(id));
  // An anchor made after the anchors were read but before the heads: read those rows again.
  if (unmatched.length) for (const a of await db.select().from(auditAnchors).where(inArray(auditAnchors.id, unmatched))) rowsById.set(a.id, a);
  for (const [id, ev] of anchorEvents) {
    const row = rowsById.get(id);
    if (!row || row.hash !== ev.hash) {
      return {
        ok: false,
        checked,
        broken: { chain: ev.chain, seq: ev.seq, eventId: id, reason: 'anchor-missing', message: `第${ev.chain}号链序号${ev.seq}记录的锚点${row ? '已被改写' : '已不存在'}，锚点被删除或替换` },
      };
    }
  }

  const byHash = new Map(anchors.map((a) => [a.hash, a]));
  for (const s of saved) {
    const broken = (message: string): VerifyResult => ({ ok: false, checked, broken: { chain: -1, seq: 0, eventId: null, reason: 'saved-anchor-mismatch', message } });
    if (anchorHash(s.prevHash, s.heads, s.createdAt, sha256Hex) !== s.hash) return broken(`保存的锚点副本（${s.createdAt}）本身不一致，不能作为依据`);
    const row = byHash.get(s.hash);
    if (!row || row.prevHash !== s.prevHash) return broken(`保存的锚点（${s.createdAt}，${s.hash.slice(0, 16)}…）在库中已不存在或被改写`);
    for (const h of s.heads) {
      if (h.seq > 0 && hashAt.get(`${h.chain}:${h.seq}`) !== h.hash) {
        return broken(`第${h.chain}号链与保存的锚点（${s.createdAt}）记录的序号${h.seq}不符，事件被删除或改写`);
      }
    }
  }
  return { ok: true, checked, chains: AUDIT_CHAIN_COUNT, anchors: anchors.length };
}

/** The auditor's verification, itself recorded in the trail (with how many saved anchor copies it compared). */
export async function verifyAuditTrailAs(db: Db, actor: Actor, saved: readonly PublishedAnchor[] = []): Promise<VerifyResult> {
  const result = await verifyAuditTrail(db, saved);
  await db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'audit.verify',
      entityType: 'audit',
      entityId: 'trail',
      detail: { ok: result.ok, checked: result.checked, ...(saved.length ? { savedAnchors: saved.length } : {}) },
    }),
  );
  return result;
}
