/**
 * Drafts are never lost (issue 12, G7): an app process killed with SIGKILL in the middle of a stream of autosaves
 * (no shutdown, no flush, requests in flight) loses none of the saves it acknowledged. After a restart on the same
 * PostgreSQL database every acknowledged version is there with the content hash the answer carried, the session
 * still works (sessions live in the database), and the next save continues from the latest version.
 * PostgreSQL only: with PGlite the data directory belongs to one process, and a fresh database is needed per run.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { exampleBeilunContent } from '@kechuang/domain';
import { DEMO_PASSWORD } from '../../../test/helpers.js';
import { freePort, startServerProcess } from '../../../test/server-process.js';

const baseUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
const children: ChildProcess[] = [];
let admin: pg.Client | null = null;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await admin?.end();
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string): Promise<Session> {
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  const csrf0 = ((await csrfRes.json()) as { token: string }).token;
  const jar = new Map(csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf0, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: JSON.stringify({ username: 'applicant', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  for (const c of login.headers.getSetCookie()) {
    const [k, v] = c.split(';')[0]!.split('=') as [string, string];
    jar.set(k, v);
  }
  // The CSRF token rotates at sign-in: ask again with the new cookies.
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const again = await fetch(`${url}/api/auth/csrf`, { headers: { cookie } });
  const token = ((await again.json()) as { token: string }).token;
  for (const c of again.headers.getSetCookie()) {
    const [k, v] = c.split(';')[0]!.split('=') as [string, string];
    jar.set(k, v);
  }
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf: token };
}

const headers = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' });

describe('autosave survives a killed server', () => {
  it.skipIf(!baseUrl)(
    'SIGKILL during a stream of autosaves: after a restart every acknowledged save is there, and saving continues (PostgreSQL only)',
    async () => {
      const name = `${inject('runId')}_crash_${randomUUID().slice(0, 8)}`;
      admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      await admin.query(`create database "${name}"`);
      const u = new URL(baseUrl!);
      u.pathname = `/${name}`;
      const dbUrl = u.toString();
      const port = await freePort();
      const first = startServerProcess(children, port, { DATABASE_URL: dbUrl });
      await first.started;
      const db = new pg.Client({ connectionString: dbUrl });
      await db.connect();
      try {
        const session = await signIn(first.url);
        const calls = (await (await fetch(`${first.url}/api/public/calls`)).json()) as { items: { id: string; title: string }[] };
        const callId = calls.items.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'))!.id;
        const drafts: { id: string; version: number }[] = [];
        for (let i = 0; i < 4; i++) {
          const res = await fetch(`${first.url}/api/applications`, { method: 'POST', headers: headers(session), body: JSON.stringify({ callId, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' }) });
          expect(res.status).toBe(201);
          drafts.push((await res.json()) as { id: string; version: number });
        }

        // Four editors autosave as fast as answers come back, each from the version its last save returned.
        const acked: { id: string; version: number; hash: string }[] = [];
        let killed = false;
        let unanswered = 0;
        let n = 0;
        const stream = async (d: { id: string; version: number }) => {
          while (!killed) {
            const content = exampleBeilunContent();
            content.basic!.title = `大型一体化压铸模具关键技术（自动保存${++n}）`;
            try {
              const res = await fetch(`${first.url}/api/applications/${d.id}/draft`, { method: 'PUT', headers: headers(session), body: JSON.stringify({ baseVersion: d.version, content }) });
              if (res.status !== 200) throw new Error(`save answered ${res.status}: ${await res.text()}`);
              const saved = (await res.json()) as { version: number; contentHash: string };
              acked.push({ id: d.id, version: saved.version, hash: saved.contentHash });
              d.version = saved.version;
            } catch (err) {
              // After the kill a request fails without an answer; that save was never acknowledged.
              if (!killed) throw err;
              unanswered++;
            }
          }
        };
        const streams = drafts.map(stream);
        // Kill while saves are in flight, once a good number were acknowledged.
        while (acked.length < 40) await new Promise((r) => setTimeout(r, 20));
        first.child.kill('SIGKILL');
        killed = true;
        await Promise.all(streams);
        expect(await first.exited).toBeNull();
        // The kill did land mid-stream: some saves were sent and never answered.
        expect(unanswered).toBeGreaterThan(0);

        const second = startServerProcess(children, await freePort(), { DATABASE_URL: dbUrl });
        await second.started;
        // Every acknowledged save, in the database with the hash its answer carried…
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from unnest($1::uuid[], $2::int[], $3::text[]) as a(id, v, h)
            join application_versions x on x.application_id = a.id and x.version = a.v and x.content_hash = a.h`,
          [acked.map((a) => a.id), acked.map((a) => a.version), acked.map((a) => a.hash)],
        );
        expect(rows[0]!.n).toBe(acked.length);
        // …and through the restarted server, with the same session: the latest acknowledged version of each draft
        // (or one saved just before the kill whose answer never arrived) is what the editor gets back.
        for (const d of drafts) {
          const latest = Math.max(1, ...acked.filter((a) => a.id === d.id).map((a) => a.version));
          const res = await fetch(`${second.url}/api/applications/${d.id}`, { headers: headers(session) });
          expect(res.status).toBe(200);
          const detail = (await res.json()) as { version: number };
          expect(detail.version).toBeGreaterThanOrEqual(latest);
          expect(detail.version).toBeLessThanOrEqual(latest + 1);
          const v = await fetch(`${second.url}/api/applications/${d.id}/versions/${latest}`, { headers: headers(session) });
          expect(v.status).toBe(200);
          const next = await fetch(`${second.url}/api/applications/${d.id}/draft`, { method: 'PUT', headers: headers(session), body: JSON.stringify({ baseVersion: detail.version, content: exampleBeilunContent() }) });
          expect(next.status).toBe(200);
        }
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        await db.end();
      }
      await admin.query(`drop database if exists "${name}" with (force)`);
    },
    180_000,
  );
});
