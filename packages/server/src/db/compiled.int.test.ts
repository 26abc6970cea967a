import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../test/helpers.js';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit/record.js';
import { settings } from '../modules/security/schema.js';
import { compiledSelect, compiledStatement } from './compiled.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

const byKey = compiledSelect('test_setting_by_key', (db) => db.select().from(settings).where(eq(settings.key, sql.placeholder('key'))));
const put = compiledStatement('test_setting_put', (db) =>
  db.insert(settings).values({ key: sql.placeholder('key'), value: sql.placeholder('value'), updatedAt: sql.placeholder('at') }).getSQL(),
);

describe('compiled queries', () => {
  it('run in the transaction they are handed: its writes are seen inside and rolled back with it', async () => {
    const at = new Date('2026-12-06T05:00:00.123Z');
    await expect(
      t.db.transaction(async (tx) => {
        await put(tx, { key: 'compiled.a', value: { n: 1 }, at });
        const [row] = await byKey(tx, { key: 'compiled.a' });
        // Mapped as drizzle maps it: jsonb parsed, timestamp a Date to the millisecond.
        expect(row).toMatchObject({ key: 'compiled.a', value: { n: 1 } });
        expect(row!.updatedAt.toISOString()).toBe(at.toISOString());
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await byKey(t.db, { key: 'compiled.a' })).toEqual([]);
  });

  it('take new values on every run (the text is compiled once, the values are not)', async () => {
    await put(t.db, { key: 'compiled.b', value: ['x'], at: new Date() });
    await put(t.db, { key: 'compiled.c', value: ['y'], at: new Date() });
    expect((await byKey(t.db, { key: 'compiled.b' }))[0]!.value).toEqual(['x']);
    expect((await byKey(t.db, { key: 'compiled.c' }))[0]!.value).toEqual(['y']);
  });

  it('an audit event without changes or detail stores SQL NULL, not JSON null', async () => {
    await t.db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { action: 'application.save', entityType: 'application', entityId: 'compiled-test' }));
    const [r] = await rawSql(t.db, `select changes is null as c, detail is null as d from audit_events where entity_id = 'compiled-test'`);
    expect(r).toEqual({ c: true, d: true });
  });
});
