// AUDIT_SINGLE_CHAIN (the deadline-rush bench's baseline): every append takes one global transaction lock, so
// appends to different chains wait for each other; off (the default), they do not take it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { readConfig } from '../../config.js';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { recordAudit, serialiseAuditAppends, SYSTEM_ACTOR } from './record.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(async () => {
  serialiseAuditAppends(false);
  await t.close();
});

/** Advisory locks this transaction holds after one append. */
async function locksAfterAppend(entityId: string): Promise<number> {
  return t.db.transaction(async (tx) => {
    await recordAudit(tx, SYSTEM_ACTOR, { action: 'organisation.update', entityType: 'organisation', entityId });
    const res = (await tx.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`)) as unknown as { rows: { n: number }[] };
    return res.rows[0]!.n;
  });
}

describe('AUDIT_SINGLE_CHAIN', () => {
  it('is off unless the environment turns it on', () => {
    expect(readConfig({}).auditSingleChain).toBe(false);
    expect(readConfig({ AUDIT_SINGLE_CHAIN: 'true' }).auditSingleChain).toBe(true);
  });

  it('on: an append holds the one global lock until its transaction ends; off: it takes none', async () => {
    expect(await locksAfterAppend('org-a')).toBe(0);
    serialiseAuditAppends(true);
    expect(await locksAfterAppend('org-b')).toBe(1);
    serialiseAuditAppends(false);
    expect(await locksAfterAppend('org-c')).toBe(0);
  });
});
