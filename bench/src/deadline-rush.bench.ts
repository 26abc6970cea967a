/**
 * Deadline rush (performance goal G7): two app processes over one PostgreSQL database made for the run, thousands
 * of applicant sessions autosaving, reading and submitting through autocannon, the audit chain on. Afterwards every
 * acknowledged write is looked for in the database (`lost`). The baseline is the same run with every audit append
 * serialised behind one global lock (AUDIT_SINGLE_CHAIN), i.e. what a single audit chain would allow.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { freePort, startServerProcess } from '../../packages/server/test/server-process.js';
import { openDatabase } from '../../packages/server/src/db/client.js';
import { verifyAuditTrail } from '../../packages/server/src/modules/audit/verify.js';
import { DraftPool, drive, percentile, type Ack, type LoadResult } from './deadline-rush/load.js';
import { createApplicants, createDrafts, scratchPostgres } from './deadline-rush/setup.js';

type Emit = (o: Record<string, unknown>) => void;

const NODES = 2;
const env = process.env;
const CONNECTIONS = Number(env.BENCH_RUSH_CONNECTIONS ?? 24);
const QUICK = env.BENCH_QUICK === '1';
const SECONDS = Number(env.BENCH_RUSH_SECONDS ?? (QUICK ? 5 : 15));
const APPLICANTS = Number(env.BENCH_RUSH_APPLICANTS ?? (QUICK ? 500 : 3000));

async function startNodes(url: string, singleChain: boolean, children: ChildProcess[]): Promise<string[]> {
  const urls: string[] = [];
  // One after the other: the first migrates and seeds, the second finds it done.
  for (let i = 0; i < NODES; i++) {
    const node = startServerProcess(children, await freePort(), { DATABASE_URL: url, SEED_DEMO: 'true', AUDIT_SINGLE_CHAIN: String(singleChain), LOG_LEVEL: 'error' });
    await node.started;
    urls.push(node.url);
  }
  return urls;
}

async function stopNodes(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.splice(0).map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

/** Acknowledged writes that the database does not hold: a save's version with its hash, a submission's frozen version. */
async function countLost(client: pg.Client, saves: Ack[], submits: Ack[]): Promise<number> {
  const missing = async (acks: Ack[], frozen: boolean) => {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from unnest($1::uuid[], $2::int[], $3::text[]) as a(id, v, h)
        where not exists (select 1 from application_versions x where x.application_id = a.id and x.version = a.v and x.content_hash = a.h ${frozen ? 'and x.frozen' : ''})`,
      [acks.map((a) => a.id), acks.map((a) => a.version), acks.map((a) => a.hash)],
    );
    return rows[0]!.n;
  };
  return (await missing(saves, false)) + (await missing(submits, true));
}

/** CPU seconds (user + system) the given processes have used so far, from /proc (Linux); 0 for one that is gone. */
function cpuSeconds(pids: number[], mainThreadOnly = false): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
      // A process's main thread has the process's id as its thread id: the event loop that answers requests.
      const stat = fs.readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // not on Linux, or the process ended
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** The PostgreSQL backends serving this database (the server is local to the bench, as in CI). */
async function backendPids(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  return rows.map((r) => r.pid);
}

interface Figures {
  saves_per_s: number;
  submits_per_s: number;
  reads_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors_5xx: number;
  lost: number;
  requests: number;
  status: Record<string, number>;
  failures: number;
  drafts_exhausted: boolean;
  sessions_used: number;
  /**
   * CPU milliseconds per request in the app processes and in their PostgreSQL backends. On a shared machine the
   * rates above say how much CPU the run got; these say what a request costs, whatever the neighbours do.
   */
  app_cpu_ms_per_req: number;
  /** Of which on the app processes' main threads (the event loops; receipts render in worker threads, GC partly in helpers). */
  app_event_loop_cpu_ms_per_req: number;
  db_cpu_ms_per_req: number;
  /** Requests per second two otherwise idle cores would serve at these costs (app and database on the same two). */
  projected_req_per_s_2_cores: number;
}

async function variant(url: string, client: pg.Client, singleChain: boolean, tag: string): Promise<Figures> {
  const children: ChildProcess[] = [];
  try {
    const urls = await startNodes(url, singleChain, children);
    const applicants = await createApplicants(client, APPLICANTS, tag);
    // Enough drafts for a rush far above the goal (≥ 500 submissions/s), so a cycle never runs short of one.
    const warmDrafts = await createDrafts(client, urls[0]!, applicants[0]!, 400);
    const drafts = await createDrafts(client, urls[0]!, applicants[0]!, Math.max(2000, SECONDS * 700));
    // Warm-up (JIT, connection pools, first-call caches) on other drafts, not counted.
    await drive(urls, new DraftPool(warmDrafts, applicants), { connections: 4, seconds: 3 });
    const pool = new DraftPool(drafts, applicants);
    const appPids = children.map((c) => c.pid!);
    const db0 = new Map((await backendPids(client)).map((pid) => [pid, cpuSeconds([pid])]));
    const app0 = cpuSeconds(appPids);
    const loop0 = cpuSeconds(appPids, true);
    const r: LoadResult = await drive(urls, pool, { connections: CONNECTIONS, seconds: SECONDS });
    // Backends opened during the run count too (from zero); those already gone are missed, so db CPU is a floor.
    const appCpu = cpuSeconds(appPids) - app0;
    const loopCpu = cpuSeconds(appPids, true) - loop0;
    let dbCpu = 0;
    for (const pid of await backendPids(client)) dbCpu += cpuSeconds([pid]) - (db0.get(pid) ?? 0);
    await stopNodes(children);
    const lost = await countLost(client, r.savesAcked, r.submitsAcked);
    const sorted = r.latencies.sort((a, b) => a - b);
    return {
      saves_per_s: Math.round(r.saves / r.seconds),
      submits_per_s: Math.round(r.submits / r.seconds),
      reads_per_s: Math.round(r.reads / r.seconds),
      p50_ms: +percentile(sorted, 50).toFixed(1),
      p99_ms: +percentile(sorted, 99).toFixed(1),
      errors_5xx: r.errors5xx,
      lost,
      requests: sorted.length,
      status: r.status,
      failures: r.failures,
      drafts_exhausted: pool.used >= drafts.length,
      sessions_used: pool.sessionsUsed,
      app_cpu_ms_per_req: +((appCpu * 1000) / Math.max(1, sorted.length)).toFixed(2),
      app_event_loop_cpu_ms_per_req: +((loopCpu * 1000) / Math.max(1, sorted.length)).toFixed(2),
      db_cpu_ms_per_req: +((dbCpu * 1000) / Math.max(1, sorted.length)).toFixed(2),
      projected_req_per_s_2_cores: Math.round((2 * sorted.length) / Math.max(0.001, appCpu + dbCpu)),
    };
  } finally {
    await stopNodes(children);
  }
}

export async function run(emit: Emit): Promise<void> {
  const adminUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
  try {
    scratch = await scratchPostgres(adminUrl, `kc_rush_${process.pid}`);
  } catch (err) {
    emit({ bench: 'deadline-rush', skipped: `needs PostgreSQL at DATABASE_URL (${(err as Error).message})` });
    return;
  }
  const client = new pg.Client({ connectionString: scratch.url });
  try {
    // The first node of each variant migrates and seeds; the bench's client only needs the database to exist.
    await client.connect();
    const baseline = await variant(scratch.url, client, true, 'base');
    const ours = await variant(scratch.url, client, false, 'ours');
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
    const audit = await verifyAuditTrail(database.db).finally(() => database.close());
    emit({ bench: 'deadline-rush', nodes: NODES, connections: CONNECTIONS * NODES, seconds: SECONDS, applicants: APPLICANTS * 2, ...ours, audit_ok: audit.ok, audit_events: audit.checked, baseline: { variant: 'audit appends behind one global lock (AUDIT_SINGLE_CHAIN)', ...baseline } });
  } finally {
    await client.end().catch(() => {});
    await scratch.drop();
  }
}
