/**
 * The tamper-evident audit trail's maths: events are spread over a fixed number of hash chains by
 * entity (so unrelated commits never wait on one global lock), each event hashes its predecessor and
 * its own canonical content, and anchors bind all chain heads together so truncation is detectable.
 * Hashing is injected so this file stays free of I/O and runs in the browser too.
 */

export type Sha256Hex = (text: string) => string;

export const AUDIT_CHAIN_COUNT = 16;
export const GENESIS_HASH = '0'.repeat(64);

/** FNV-1a, 32 bit: stable on every platform, enough to spread entities evenly over chains. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function chainOf(entityType: string, entityId: string, chains = AUDIT_CHAIN_COUNT): number {
  return fnv1a32(`${entityType}:${entityId}`) % chains;
}

/** JSON with object keys sorted and undefined dropped: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Everything about an event that its hash covers. */
export interface AuditEventContent {
  id: string;
  chain: number;
  seq: number;
  occurredAt: string; // ISO 8601 UTC, millisecond precision
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, { before?: unknown; after?: unknown }> | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

export function auditEventHash(prevHash: string, content: AuditEventContent, sha256: Sha256Hex): string {
  return sha256(`${prevHash}\n${canonicalJson(content)}`);
}

export interface StoredAuditEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
}

export type ChainBreak = {
  chain: number;
  seq: number;
  eventId: string | null;
  reason: 'hash-mismatch' | 'prev-mismatch' | 'seq-gap' | 'head-mismatch' | 'anchor-mismatch' | 'anchor-missing' | 'saved-anchor-mismatch';
  message: string;
};

/**
 * Walks one chain (events in seq order). `head` is the chain's recorded head, if kept separately:
 * deleting the last events leaves the walk valid but the head no longer matches.
 */
export function verifyChain(
  chain: number,
  events: readonly StoredAuditEvent[],
  sha256: Sha256Hex,
  head?: { seq: number; hash: string },
): { ok: true; checked: number; last: { seq: number; hash: string } } | { ok: false; checked: number; broken: ChainBreak } {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const e of events) {
    if (e.seq !== expectedSeq) {
      return { ok: false, checked, broken: { chain, seq: expectedSeq, eventId: e.id, reason: 'seq-gap', message: `第${chain}号链缺少序号${expectedSeq}的事件（可能被删除）` } };
    }
    if (e.prevHash !== prev) {
      return { ok: false, checked, broken: { chain, seq: e.seq, eventId: e.id, reason: 'prev-mismatch', message: `第${chain}号链序号${e.seq}的事件与前一事件不衔接` } };
    }
    const { prevHash: _p, hash, ...content } = e;
    if (auditEventHash(prev, content, sha256) !== hash) {
      return { ok: false, checked, broken: { chain, seq: e.seq, eventId: e.id, reason: 'hash-mismatch', message: `第${chain}号链序号${e.seq}的事件内容已被篡改` } };
    }
    prev = hash;
    expectedSeq++;
    checked++;
  }
  const last = { seq: expectedSeq - 1, hash: prev };
  if (head && (head.seq !== last.seq || head.hash !== last.hash)) {
    return { ok: false, checked, broken: { chain, seq: head.seq, eventId: null, reason: 'head-mismatch', message: `第${chain}号链的链头记录（序号${head.seq}）与事件不符，可能有事件被删除` } };
  }
  return { ok: true, checked, last };
}

export interface ChainHead {
  chain: number;
  seq: number;
  hash: string;
}

/** An anchor binds the heads of every chain at one moment and the previous anchor. */
export function anchorHash(prevAnchorHash: string, heads: readonly ChainHead[], createdAt: string, sha256: Sha256Hex): string {
  const sorted = [...heads].sort((a, b) => a.chain - b.chain);
  return sha256(`${prevAnchorHash}\n${createdAt}\n${canonicalJson(sorted)}`);
}

/** An anchor as published to anyone (no event content): enough to recompute its hash and follow its chain. */
export interface PublishedAnchor {
  createdAt: string;
  prevHash: string;
  hash: string;
  heads: ChainHead[];
}

/**
 * What an outside party can check with nothing but saved copies of the public anchor list: every saved
 * anchor still published unchanged, each published anchor's hash recomputes from its content, and each
 * names its predecessor. A rewrite of anything an anchor covered changes that anchor's hash (or breaks
 * the link to it), so it shows up here. Returns the problems in Chinese; empty means consistent.
 */
export function compareAnchorCopies(saved: readonly PublishedAnchor[], current: readonly PublishedAnchor[], sha256: Sha256Hex): string[] {
  const problems: string[] = [];
  const byHash = new Map(current.map((a) => [a.hash, a]));
  const ordered = [...current].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  ordered.forEach((a, i) => {
    if (anchorHash(a.prevHash, a.heads, a.createdAt, sha256) !== a.hash) problems.push(`锚点（${a.createdAt}）的哈希与其内容不符`);
    const before = ordered[i - 1];
    if (before && a.prevHash !== before.hash) problems.push(`锚点（${a.createdAt}）未指向前一锚点（${before.createdAt}），锚点链断开`);
  });
  // `current` must reach back to the oldest saved anchor (the public list takes `since`).
  for (const s of saved) {
    const now = byHash.get(s.hash);
    if (!now) problems.push(`已保存的锚点（${s.createdAt}，${s.hash.slice(0, 16)}…）不再公开：锚点被删除或改写`);
    else if (now.prevHash !== s.prevHash || now.createdAt !== s.createdAt) problems.push(`锚点（${s.createdAt}）的前一锚点或时间已被改写`);
  }
  return problems;
}

/** Before/after of the fields that changed, for the audit record. Secrets are never passed in. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, { before?: unknown; after?: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, { before?: unknown; after?: unknown }> = {};
  for (const k of [...keys].sort()) {
    const b = before?.[k];
    const a = after?.[k];
    if (canonicalJson(b) !== canonicalJson(a)) out[k] = { before: b ?? null, after: a ?? null };
  }
  return out;
}
