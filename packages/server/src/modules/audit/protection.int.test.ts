/**
 * Audit trail protection (issue 15 item 3): what the database refuses to anyone but a superuser, and
 * what verification still detects when a superuser switches the triggers off, including its limits.
 */
import { asc, eq, gte, and, sql } from 'drizzle-orm';
import { auditEventHash, GENESIS_HASH, type AuditEventContent } from '@kechuang/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../db/client.js';
import { createTestApp, rawSql, type TestApp, type TestClient } from '../../../test/helpers.js';
import { sha256Hex } from './record.js';
import { auditChainHeads, auditEvents } from './schema.js';

let t: TestApp;
let auditor: TestClient;
let sysadmin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  auditor = t.client();
  await auditor.login('auditor');
  sysadmin = t.client();
  await sysadmin.login('sysadmin');
});
afterAll(() => t.close());

const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`);

async function snapshot() {
  return {
    events: await rawSql(t.db, 'select id, hash from audit_events order by chain, seq'),
    heads: await rawSql(t.db, 'select chain, seq, hash from audit_chain_heads order by chain'),
    anchors: await rawSql(t.db, 'select id, prev_hash, hash from audit_anchors order by created_at'),
  };
}

async function createUser(username: string) {
  const res = await sysadmin.post('/api/users', { username, name: '测试', phone: '', email: '', roles: ['officer'], organisationId: null });
  expect(res.statusCode).toBe(201);
}

/** The superuser path: triggers do not fire for a session in replica mode (as with DISABLE TRIGGER). */
async function asSuperuser(work: (tx: Tx) => Promise<void>) {
  t.auditTampered();
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx);
  });
}

/**
 * Rewrites one chain from `fromSeq` on as a careful intruder would: drops or alters events, renumbers,
 * recomputes every hash and moves the head, so the chain on its own verifies as intact.
 */
async function rewriteChain(tx: Tx, chain: number, fromSeq: number, edit: (e: AuditEventContent) => AuditEventContent | null) {
  const tail = await tx.select().from(auditEvents).where(and(eq(auditEvents.chain, chain), gte(auditEvents.seq, fromSeq))).orderBy(asc(auditEvents.seq));
  const [before] = fromSeq > 1 ? await tx.select().from(auditEvents).where(and(eq(auditEvents.chain, chain), eq(auditEvents.seq, fromSeq - 1))) : [];
  await tx.delete(auditEvents).where(and(eq(auditEvents.chain, chain), gte(auditEvents.seq, fromSeq)));
  let prev = before?.hash ?? GENESIS_HASH;
  let seq = fromSeq;
  for (const r of tail) {
    const { prevHash: _p, hash: _h, ...row } = r;
    const content: AuditEventContent = {
      ...row,
      occurredAt: r.occurredAt.toISOString(),
      changes: r.changes as AuditEventContent['changes'],
      detail: r.detail as AuditEventContent['detail'],
    };
    const edited = edit(content);
    if (!edited) continue;
    const next = { ...edited, seq };
    const hash = auditEventHash(prev, next, sha256Hex);
    await tx.insert(auditEvents).values({ ...next, occurredAt: new Date(next.occurredAt), prevHash: prev, hash });
    prev = hash;
    seq++;
  }
  await tx.update(auditChainHeads).set({ seq: seq - 1, hash: prev }).where(eq(auditChainHeads.chain, chain));
}

describe('the database protects the audit tables (issue 15 item 3)', () => {
  it('refuses TRUNCATE on events, chain heads and anchors', async () => {
    await createUser('truncvictim');
    expect((await auditor.post('/api/audit/anchors')).statusCode).toBe(201);
    const before = await snapshot();
    for (const table of ['audit_events', 'audit_chain_heads', 'audit_anchors']) {
      expect(await refusal(rawSql(t.db, `truncate ${table} cascade`))).toMatch(/TRUNCATE refused/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses UPDATE and DELETE of chain heads, a head moved backwards or onto a hash that is not the next event', async () => {
    const before = await snapshot();
    const [head] = await rawSql(t.db, 'select chain, seq, hash from audit_chain_heads where seq > 1 order by chain limit 1');
    const [prev] = await rawSql(t.db, `select prev_hash from audit_events where chain = ${head!.chain} and seq = ${head!.seq}`);
    const attempts = [
      `delete from audit_chain_heads where chain = ${head!.chain}`,
      `delete from audit_chain_heads`,
      `update audit_chain_heads set seq = ${Number(head!.seq) - 1}, hash = '${prev!.prev_hash}' where chain = ${head!.chain}`,
      `update audit_chain_heads set seq = ${Number(head!.seq) + 1}, hash = '${'a'.repeat(64)}' where chain = ${head!.chain}`,
      `update audit_chain_heads set hash = '${'b'.repeat(64)}' where chain = ${head!.chain}`,
      `update audit_chain_heads set chain = 99 where chain = ${head!.chain}`,
      `insert into audit_chain_heads (chain, seq, hash) values (16, 5, '${'c'.repeat(64)}')`,
    ];
    for (const statement of attempts) expect(await refusal(rawSql(t.db, statement)), statement).toMatch(/audit_chain_heads/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an event that does not follow its chain head', async () => {
    const before = await snapshot();
    const [head] = await rawSql(t.db, 'select chain, seq, hash from audit_chain_heads where seq > 0 order by chain limit 1');
    const insert = (seq: number, prevHash: string) =>
      rawSql(
        t.db,
        `insert into audit_events (id, chain, seq, occurred_at, action, entity_type, entity_id, prev_hash, hash)
         values (gen_random_uuid(), ${head!.chain}, ${seq}, now(), 'user.update', 'user', 'x', '${prevHash}', '${'d'.repeat(64)}')`,
      );
    expect(await refusal(insert(Number(head!.seq) + 5, String(head!.hash)))).toMatch(/append-only/);
    expect(await refusal(insert(Number(head!.seq) + 1, 'e'.repeat(64)))).toMatch(/append-only/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses UPDATE and DELETE of anchors, and an anchor that does not follow the latest one', async () => {
    expect((await auditor.post('/api/audit/anchors')).statusCode).toBe(201);
    const before = await snapshot();
    const attempts = [
      `update audit_anchors set hash = '${'f'.repeat(64)}'`,
      `update audit_anchors set created_at = created_at + interval '1 second'`,
      `delete from audit_anchors`,
      `insert into audit_anchors (id, created_at, prev_hash, hash, heads) values (gen_random_uuid(), now() + interval '1 hour', '${GENESIS_HASH}', '${'1'.repeat(64)}', '[]')`,
    ];
    for (const statement of attempts) expect(await refusal(rawSql(t.db, statement)), statement).toMatch(/audit_anchors/);
    expect(await snapshot()).toEqual(before);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('the append path still works under the triggers: events, heads and a chain of anchors verify', async () => {
    await createUser('afterprotection');
    const a = (await auditor.post('/api/audit/anchors')).json();
    const b = (await auditor.post('/api/audit/anchors')).json();
    expect(b.prevHash).toBe(a.hash);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});

describe('the public anchor list and verification against saved copies', () => {
  it('publishes each anchor with its predecessor, its hash and the heads it binds', async () => {
    const list = (await t.client().get('/api/public/audit-anchors')).json().items as { createdAt: string; prevHash: string; hash: string; heads: unknown[] }[];
    expect(list.length).toBeGreaterThan(1);
    for (let i = 0; i + 1 < list.length; i++) expect(list[i]!.prevHash).toBe(list[i + 1]!.hash);
    expect(list[0]!.heads).toHaveLength(16);
    const since = (await t.client().get(`/api/public/audit-anchors?since=${encodeURIComponent(list.at(-1)!.createdAt)}`)).json().items;
    expect(since).toEqual(list);
  });

  it('only the auditor may anchor on demand, and the anchor is itself an audit event', async () => {
    for (const role of ['sysadmin', 'secadmin', 'officer']) {
      const c = t.client();
      await c.login(role);
      const before = await snapshot();
      expect((await c.post('/api/audit/anchors')).statusCode).toBe(403);
      expect((await c.post('/api/audit/verify', { anchors: [] })).statusCode).toBe(403);
      expect((await snapshot()).anchors).toEqual(before.anchors);
    }
    expect((await t.client().post('/api/audit/anchors')).statusCode).toBe(401);
    const a = (await auditor.post('/api/audit/anchors')).json();
    const ev = (await auditor.get('/api/audit/events?action=audit.anchor&pageSize=200')).json().items.find((e: { entityId: string }) => e.entityId === a.id);
    expect(ev).toMatchObject({ actorName: 'auditor', role: 'auditor', actionLabel: '锚定链头', entityType: 'auditAnchor', entityTypeLabel: '审计锚点', detail: { hash: a.hash } });
  });
});

// These tests tamper as a superuser; each leaves the trail broken, so they run last and in this order.
describe('what verification detects after a superuser bypasses the triggers', () => {
  it('limit: a consistent rewrite of events after the last anchor, anchors untouched, is not detectable', async () => {
    await auditor.post('/api/audit/anchors');
    await createUser('unanchored');
    const [ev] = await rawSql(t.db, `select chain, seq from audit_events where action = 'user.create' and entity_id = (select id::text from users where username = 'unanchored')`);
    const [anchorChain] = await rawSql(t.db, `select chain from audit_events where action = 'audit.anchor' and chain = ${ev!.chain} and seq > ${ev!.seq}`);
    expect(anchorChain).toBeUndefined(); // the tail holds no anchor event, which would give the rewrite away
    await asSuperuser((tx) => rewriteChain(tx, Number(ev!.chain), Number(ev!.seq), (e) => ({ ...e, actorName: 'ghost' })));
    const saved = (await t.client().get('/api/public/audit-anchors')).json().items;
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
    expect((await auditor.post('/api/audit/verify', { anchors: saved })).json()).toMatchObject({ ok: true });
  });

  it('anchors deleted by a superuser are detected through the anchor events they left in the chains', async () => {
    await createUser('beforewipe');
    expect((await auditor.post('/api/audit/anchors')).statusCode).toBe(201);
    await asSuperuser(async (tx) => {
      await tx.execute(sql`delete from audit_anchors`);
    });
    expect(await rawSql(t.db, 'select * from audit_anchors')).toEqual([]);
    const res = (await auditor.get('/api/audit/verify')).json();
    expect(res).toMatchObject({ ok: false, broken: { reason: 'anchor-missing' } });
    expect(res.broken.message).toContain('锚点');
  });

  it('wiping anchors and rewriting every chain (anchor events too) passes the internal check but not a saved public copy', async () => {
    expect((await auditor.post('/api/audit/anchors')).statusCode).toBe(201);
    const saved = (await t.client().get('/api/public/audit-anchors')).json().items;
    await createUser('tailvictim');
    await asSuperuser(async (tx) => {
      await tx.execute(sql`delete from audit_anchors`);
      const chains = await tx.select({ chain: auditChainHeads.chain }).from(auditChainHeads).orderBy(asc(auditChainHeads.chain));
      for (const { chain } of chains) {
        await rewriteChain(tx, chain, 1, (e) => (e.action === 'audit.anchor' ? null : e.entityType === 'user' && e.action === 'user.create' ? { ...e, actorName: 'ghost' } : e));
      }
    });
    // With no copy kept outside the database, a full superuser rewrite is consistent and verifies.
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true, anchors: 0 });
    // Against anchors saved before the rewrite it fails, and says so.
    const res = (await auditor.post('/api/audit/verify', { anchors: saved })).json();
    expect(res).toMatchObject({ ok: false, broken: { reason: 'saved-anchor-mismatch' } });
    // The public list no longer carries the saved anchors either, which anyone can compare.
    const now = (await t.client().get('/api/public/audit-anchors')).json().items as { hash: string }[];
    expect(now.filter((a) => saved.some((s: { hash: string }) => s.hash === a.hash))).toEqual([]);
  });

  it('a saved copy that was itself altered is refused as evidence', async () => {
    const res = await auditor.post('/api/audit/verify', { anchors: [{ createdAt: new Date().toISOString(), prevHash: GENESIS_HASH, hash: '2'.repeat(64), heads: [] }] });
    expect(res.json()).toMatchObject({ ok: false, broken: { reason: 'saved-anchor-mismatch' } });
    expect(res.json().broken.message).toContain('不一致');
  });
});
