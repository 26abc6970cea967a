/**
 * A store for @fastify/rate-limit that keeps its counters in the database, so a limit holds across every
 * app node (an in-memory store would let N nodes accept N times the limit). One fixed window per key,
 * counted atomically by one INSERT … ON CONFLICT … DO UPDATE … RETURNING, on the database's clock.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/** What the plugin passes to the constructor and to `child`: its merged options, with the route for per-route limits. */
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

/** Counts one hit for `key` in its current window; resolves to the hits so far and the milliseconds left. */
export async function countHit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const res = (await db.execute(sql`
    insert into rate_limit_counters as c (key, window_started_at, window_ends_at, hits)
    values (${key}, clock_timestamp(), clock_timestamp() + ${windowMs} * interval '1 millisecond', 1)
    on conflict (key) do update set
      hits = case when c.window_ends_at <= clock_timestamp() then 1 else c.hits + 1 end,
      window_started_at = case when c.window_ends_at <= clock_timestamp() then clock_timestamp() else c.window_started_at end,
      window_ends_at = case when c.window_ends_at <= clock_timestamp() then clock_timestamp() + ${windowMs} * interval '1 millisecond' else c.window_ends_at end
    returning hits, greatest(0, ceil(extract(epoch from (window_ends_at - clock_timestamp())) * 1000))::int as ttl
  `)) as unknown as { rows: { hits: number; ttl: number }[] };
  const row = res.rows[0]!;
  return { current: Number(row.hits), ttl: Number(row.ttl) };
}

async function readHits(db: Db, key: string): Promise<{ current: number; ttl: number }> {
  const res = (await db.execute(sql`
    select hits, greatest(0, ceil(extract(epoch from (window_ends_at - clock_timestamp())) * 1000))::int as ttl
    from rate_limit_counters where key = ${key} and window_ends_at > clock_timestamp()
  `)) as unknown as { rows: { hits: number; ttl: number }[] };
  const row = res.rows[0];
  return row ? { current: Number(row.hits), ttl: Number(row.ttl) } : { current: 0, ttl: 0 };
}

/** Windows that have ended count as empty: deleting them changes no answer and keeps the table small. */
export async function pruneRateLimitCounters(db: Db): Promise<number> {
  const res = (await db.execute(sql`delete from rate_limit_counters where window_ends_at <= clock_timestamp()`)) as unknown as { rowCount?: number; affectedRows?: number };
  return res.rowCount ?? res.affectedRows ?? 0;
}

/** The store class @fastify/rate-limit instantiates (`store` option); each route gets its own key space. */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  class DatabaseStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    constructor(params: object) {
      const route = (params as RouteParams).routeInfo;
      this.prefix = route?.url ? `${[route.method ?? ''].flat().join(',')} ${route.url}|` : '*|';
    }
    incr(key: string, cb: Callback, timeWindow: number): void {
      countHit(db, this.prefix + key, timeWindow).then((r) => cb(null, r), (err: Error) => cb(err));
    }
    read(key: string, cb: Callback): void {
      readHits(db, this.prefix + key).then((r) => cb(null, r), (err: Error) => cb(err));
    }
    child(params: object): FastifyRateLimitStore {
      return new DatabaseStore(params);
    }
  }
  return DatabaseStore;
}
