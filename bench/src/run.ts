/**
 * `npm run bench`: one JSON line per result, each against its baseline measured in the same run.
 * Uses the PostgreSQL server at DATABASE_URL (default: the local one), in a scratch database dropped
 * afterwards; falls back to the embedded PGlite when no server answers.
 */
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { auditEventHash, GENESIS_HASH, type AuditEventContent } from '@kechuang/domain';
import { openDatabase, openPglite, type Database } from '../../packages/server/src/db/client.js';
import { verifyAuditTrail } from '../../packages/server/src/modules/audit/verify.js';
import { appendUnderLoad } from './audit-append.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const emit = (o: Record<string, unknown>) => console.log(JSON.stringify(o));

async function scratchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await admin.connect();
    const name = `kc_bench_${process.pid}`;
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    return {
      database,
      drop: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists "${name}" with (force)`);
        await c.end();
      },
    };
  } catch {
    const database = openPglite(await PGlite.create());
    return { database, drop: () => database.close() };
  }
}

async function benchAuditAppend(): Promise<void> {
  const { database, drop } = await scratchDatabase();
  try {
    await database.migrate();
    await database.db.execute(sql.raw('create table bench_business_rows (id uuid primary key, entity text not null, payload text not null)'));
    const clients = database.kind === 'postgres' ? 32 : 1;
    const perClient = database.kind === 'postgres' ? 60 : 300;
    // Warm-up so neither variant pays for connection set-up.
    await appendUnderLoad(database.db, { clients, perClient: 3, entity: (c, i) => `warm-${c}-${i}` });
    const baseline = await appendUnderLoad(database.db, { clients, perClient, entity: () => 'global' });
    const ours = await appendUnderLoad(database.db, { clients, perClient, entity: (c, i) => `entity-${c}-${i}` });
    emit({
      bench: 'audit.append.concurrent',
      db: database.kind,
      clients,
      variant: 'entity-sharded chains (16 heads)',
      ...ours,
      baseline: 'one global chain head',
      baselineTps: baseline.tps,
      baselineP99ms: baseline.p99ms,
      speedup: +(ours.tps / baseline.tps).toFixed(2),
    });

    const started = performance.now();
    const result = await verifyAuditTrail(database.db);
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok) throw new Error(`verify failed: ${JSON.stringify(result)}`);
    emit({ bench: 'audit.verify', db: database.kind, events: result.checked, seconds: +seconds.toFixed(3), eventsPerSecond: Math.round(result.checked / seconds) });
  } finally {
    await drop();
  }
}

/** Pure chain hashing vs bare SHA-256 of the same bytes: the cost of canonical JSON on top of hashing. */
function benchChainHashing(): void {
  const n = 100_000;
  const content = (i: number): AuditEventContent => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    chain: i % 16,
    seq: i,
    occurredAt: new Date(1_795_000_000_000 + i).toISOString(),
    actorId: null,
    actorName: 'officer',
    role: 'officer',
    action: 'organisation.update',
    entityType: 'organisation',
    entityId: `org-${i}`,
    changes: { contactName: { before: '陈工', after: '林经理' } },
    detail: null,
    ip: '127.0.0.1',
  });
  const items = Array.from({ length: n }, (_, i) => content(i));
  let t = performance.now();
  let prev = GENESIS_HASH;
  for (const c of items) prev = auditEventHash(prev, c, sha256);
  const ours = (performance.now() - t) / 1000;
  const texts = items.map((c) => JSON.stringify(c));
  t = performance.now();
  prev = GENESIS_HASH;
  for (const s of texts) prev = sha256(`${prev}\n${s}`);
  const base = (performance.now() - t) / 1000;
  emit({ bench: 'audit.chainHash', events: n, seconds: +ours.toFixed(3), eventsPerSecond: Math.round(n / ours), baseline: 'sha256 of pre-serialised JSON', baselineSeconds: +base.toFixed(3), overhead: +(ours / base).toFixed(2) });
}

/**
 * Suites: `npm run bench` runs all; `npm run bench -- dedupe assignment` runs the named ones.
 * `BENCH_QUICK=1` asks each engine suite for its smallest sizes only (a smoke run).
 * Engine suites live in `<name>.bench.ts` and export `run(emit, { quick })`.
 */
type Suite = (emitLine: typeof emit, opts: { quick: boolean }) => Promise<void>;
const engineSuites = ['dedupe', 'assignment', 'funding-plan', 'deadline-rush', 'review-assign', 'portfolio'] as const;
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = (name: string) => wanted.length === 0 || wanted.includes(name);
const quick = process.env.BENCH_QUICK === '1';

if (selected('audit')) {
  benchChainHashing();
  await benchAuditAppend();
}
for (const name of engineSuites) {
  if (!selected(name)) continue;
  const mod = (await import(`./${name}.bench.js`)) as { run: Suite };
  await mod.run(emit, { quick });
}
