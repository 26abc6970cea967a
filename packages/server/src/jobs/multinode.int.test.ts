/**
 * Two app processes (real `main.ts` children, as in production) over one PostgreSQL database: scheduled work
 * runs once per tick for the cluster, and the login rate limit counts attempts made on either process.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY } from '@kechuang/domain';
import { until } from '../../test/helpers.js';
import { freePort, startServerProcess } from '../../test/server-process.js';

const baseUrl = process.env.DATABASE_URL;
const children: ChildProcess[] = [];
let admin: pg.Client | null = null;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await admin?.end();
});

function startNode(databaseUrl: string, port: number) {
  return startServerProcess(children, port, { DATABASE_URL: databaseUrl, AUDIT_ANCHOR_INTERVAL_MINUTES: '1' });
}


describe('several app nodes over one PostgreSQL', () => {
  it.skipIf(!baseUrl)(
    'two processes: each scheduled job runs once per tick cluster-wide, and the login rate limit counts attempts on both (PostgreSQL only: PGlite lets one process open its data directory)',
    async () => {
      const name = `${inject('runId')}_nodes_${randomUUID().slice(0, 8)}`;
      admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      await admin.query(`create database "${name}"`);
      const u = new URL(baseUrl!);
      u.pathname = `/${name}`;
      const dbUrl = u.toString();

      // The first node migrates and seeds; the second then starts on the ready database, as a rolling start would.
      const a = startNode(dbUrl, await freePort());
      await a.started;
      const b = startNode(dbUrl, await freePort());
      await b.started;
      const db = new pg.Client({ connectionString: dbUrl });
      await db.connect();
      try {
        const t0 = (await db.query<{ t0: Date }>('select now() as t0')).rows[0]!.t0;

        // A call whose window has ended, for the close job's next tick.
        const { rows: [call] } = await db.query<{ id: string }>(`update calls set closes_at = now() - interval '1 minute' where id = (select id from calls where status = 'published' limit 1) returning id`);
        expect(call).toBeDefined();

        // Login rate limit: one address, attempts alternating between the nodes (in-memory counters would allow twice as many).
        const csrf = await fetch(`${a.url}/api/auth/csrf`);
        const token = ((await csrf.json()) as { token: string }).token;
        const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
        const limit = DEFAULT_SECURITY_POLICY.loginRateLimitPerMinute;
        const statuses: number[] = [];
        for (let i = 0; i < limit + 2; i++) {
          const node = i % 2 === 0 ? a : b;
          const res = await fetch(`${node.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
            body: JSON.stringify({ username: `spray-${i}`, password: 'Wrong#2026x' }),
          });
          statuses.push(res.status);
        }
        expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
        expect(statuses.slice(limit)).toEqual([429, 429]);

        // Wait for a tick after both nodes were up (the failed logins above left the audit chains un-anchored).
        await until(
          'an anchor and a close job on a tick after both nodes started',
          async () => {
            const { rows } = await db.query(`select distinct name from pgboss.job where name in ('audit-anchor', 'calls-close-ended') and state = 'completed' and created_on > $1`, [t0]);
            return rows.length === 2;
          },
          100_000,
        );
        // Give a duplicate (if any) time to show up before counting.
        await new Promise((r) => setTimeout(r, 4_000));

        const { rows: perTick } = await db.query<{ name: string; minute: Date; runs: number }>(
          `select name, date_trunc('minute', created_on) as minute, count(*)::int as runs from pgboss.job
           where name in ('audit-anchor', 'calls-close-ended') group by 1, 2 order by 2, 1`,
        );
        expect(perTick.length).toBeGreaterThanOrEqual(2);
        for (const tick of perTick) expect(tick, `${tick.name} at ${tick.minute.toISOString()}`).toMatchObject({ runs: 1 });

        const { rows: anchors } = await db.query<{ minute: Date; n: number }>(
          `select date_trunc('minute', created_at) as minute, count(*)::int as n from audit_anchors where created_at > $1 group by 1`,
          [t0],
        );
        expect(anchors.length).toBeGreaterThanOrEqual(1);
        for (const m of anchors) expect(m.n).toBe(1);
        const { rows: closes } = await db.query(`select actor_name from audit_events where entity_id = $1 and action = 'call.close' and actor_name = 'system.callClose'`, [call!.id]);
        expect(closes).toHaveLength(1);
        expect((await db.query(`select status from calls where id = $1`, [call!.id])).rows[0].status).toBe('closed');
      } finally {
        await db.end();
      }

      // Both stop cleanly on SIGTERM (the queue lets running jobs finish first).
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect(await b.exited).toBe(0);
      await admin.query(`drop database if exists "${name}" with (force)`);
    },
    180_000,
  );
});
