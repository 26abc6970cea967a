import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorHash, auditEventHash, canonicalJson, chainOf, changedFields, GENESIS_HASH, verifyChain, type AuditEventContent, type StoredAuditEvent } from './hash-chain.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function buildChain(n: number, chain = 3): StoredAuditEvent[] {
  const out: StoredAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditEventContent = {
      id: `e${i}`,
      chain,
      seq: i,
      occurredAt: new Date(Date.UTC(2026, 10, 23, 0, 0, i)).toISOString(),
      actorId: 'u1',
      actorName: 'officer',
      role: 'officer',
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: 'o1',
      changes: { name: { before: `旧${i}`, after: `新${i}` } },
      detail: null,
      ip: '127.0.0.1',
    };
    const hash = auditEventHash(prev, content, sha256);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('canonical JSON', () => {
  it('is independent of key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

describe('audit hash chain', () => {
  it('verifies an intact chain and reports how many events it checked', () => {
    const events = buildChain(20);
    const r = verifyChain(3, events, sha256, { seq: 20, hash: events[19]!.hash });
    expect(r).toMatchObject({ ok: true, checked: 20 });
  });

  it('detects a changed field in any event (property)', () => {
    const events = buildChain(12);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.string({ minLength: 1 }), (i, text) => {
        const tampered = events.map((e) => ({ ...e }));
        tampered[i] = { ...tampered[i]!, actorName: `${tampered[i]!.actorName}${text}` };
        const r = verifyChain(3, tampered, sha256);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.broken).toMatchObject({ seq: i + 1, reason: 'hash-mismatch', eventId: `e${i + 1}` });
      }),
    );
  });

  it('detects a deleted event in the middle', () => {
    const events = buildChain(5);
    const r = verifyChain(3, [events[0]!, events[1]!, events[3]!, events[4]!], sha256);
    expect(r).toMatchObject({ ok: false, broken: { reason: 'seq-gap', seq: 3 } });
  });

  it('detects deleted last events through the recorded head', () => {
    const events = buildChain(5);
    const r = verifyChain(3, events.slice(0, 3), sha256, { seq: 5, hash: events[4]!.hash });
    expect(r).toMatchObject({ ok: false, broken: { reason: 'head-mismatch' } });
  });

  it('detects an event rewritten together with its own hash (the next link breaks)', () => {
    const events = buildChain(4);
    const forged = { ...events[1]!, action: 'user.delete' };
    const { prevHash: _p, hash: _h, ...content } = forged;
    forged.hash = auditEventHash(forged.prevHash, content, sha256);
    const r = verifyChain(3, [events[0]!, forged, events[2]!, events[3]!], sha256);
    expect(r).toMatchObject({ ok: false, broken: { reason: 'prev-mismatch', seq: 3 } });
  });

  it('spreads entities over chains deterministically', () => {
    expect(chainOf('user', 'abc')).toBe(chainOf('user', 'abc'));
    const used = new Set(Array.from({ length: 200 }, (_, i) => chainOf('user', `u${i}`)));
    expect(used.size).toBe(16);
  });

  it('anchor hash depends on every head and not on their order', () => {
    const heads = [
      { chain: 0, seq: 3, hash: 'a' },
      { chain: 1, seq: 1, hash: 'b' },
    ];
    const h = anchorHash(GENESIS_HASH, heads, '2026-11-23T00:00:00.000Z', sha256);
    expect(anchorHash(GENESIS_HASH, [...heads].reverse(), '2026-11-23T00:00:00.000Z', sha256)).toBe(h);
    expect(anchorHash(GENESIS_HASH, [heads[0]!, { ...heads[1]!, seq: 2 }], '2026-11-23T00:00:00.000Z', sha256)).not.toBe(h);
  });
});

describe('changedFields', () => {
  it('keeps only fields whose value changed, with before and after', () => {
    expect(changedFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', c: [1], d: true })).toEqual({ b: { before: 'x', after: 'y' }, d: { before: null, after: true } });
    expect(changedFields(null, { a: 1 })).toEqual({ a: { before: null, after: 1 } });
  });
});
