/**
 * The deadline-rush load: autocannon against each app node, every connection going through applications one
 * after another, each with the cycle an applicant does at the deadline: autosave, autosave, read, autosave,
 * submit. Each cycle takes the next draft, each request the next of thousands of sessions, saves carry the baseVersion the
 * previous save returned, and every acknowledged (2xx) write is recorded to be looked for in the database afterwards.
 */
import autocannon from 'autocannon';
import { exampleBeilunContent } from '@kechuang/domain';
import type { Applicant } from './setup.js';

const env = process.env;
let shown = 0;

export interface Ack {
  id: string;
  version: number;
  hash: string;
}

export interface LoadResult {
  seconds: number;
  saves: number;
  submits: number;
  reads: number;
  /** Latency of every request, in ms, measured from the moment it was built to its response. */
  latencies: number[];
  status: Record<string, number>;
  errors5xx: number;
  /** Requests autocannon saw fail without an HTTP answer (connection errors, timeouts). */
  failures: number;
  savesAcked: Ack[];
  submitsAcked: Ack[];
}

interface Ctx {
  app?: string;
  version?: number;
  t0?: number;
}

/** Hands out drafts in order, to both nodes' connections; when they run out, a cycle reads an already used one. */
export class DraftPool {
  private next = 0;
  constructor(
    readonly ids: string[],
    private readonly applicants: Applicant[],
  ) {}
  take(): { id: string; fresh: boolean } {
    const i = this.next++;
    const fresh = i < this.ids.length;
    return { id: this.ids[fresh ? i : i % this.ids.length]!, fresh };
  }
  private nextSession = 0;
  private readonly seen = new Set<number>();
  /**
   * The session for the next request: every applicant of the organisation may edit its drafts, so requests go
   * round all the sessions (the server looks each one up in the database), not one session per editor.
   */
  session(): Applicant {
    const k = this.nextSession++ % this.applicants.length;
    this.seen.add(k);
    return this.applicants[k]!;
  }
  get sessionsUsed(): number {
    return this.seen.size;
  }
  get used(): number {
    return Math.min(this.next, this.ids.length);
  }
}

// The body of every save: the complete example application, its title varied per save so each version differs.
const TEMPLATE = JSON.stringify(exampleBeilunContent()).replace('大型一体化压铸高端模具设计与制造关键技术', '大型一体化压铸高端模具设计与制造关键技术（第@@版）');

export async function drive(urls: string[], pool: DraftPool, opts: { connections: number; seconds: number }): Promise<LoadResult> {
  const r: LoadResult = { seconds: opts.seconds, saves: 0, submits: 0, reads: 0, latencies: [], status: {}, errors5xx: 0, failures: 0, savesAcked: [], submitsAcked: [] };
  let saveNo = 0;
  const finish = (ctx: Ctx, status: number) => {
    if (ctx.t0 !== undefined) r.latencies.push(performance.now() - ctx.t0);
    r.status[status] = (r.status[status] ?? 0) + 1;
    if (status >= 500) r.errors5xx++;
  };
  const headers = (who: Applicant, json: boolean) => ({ cookie: who.cookie, 'x-csrf-token': who.csrf, ...(json ? { 'content-type': 'application/json' } : {}) });

  const save: autocannon.Request = {
    method: 'PUT',
    setupRequest: (req, context) => {
      const ctx = context as Ctx;
      if (!ctx.app) {
        const d = pool.take();
        ctx.app = d.id;
        ctx.version = d.fresh ? 1 : -1;
      }
      ctx.t0 = performance.now();
      return { ...req, path: `/api/applications/${ctx.app}/draft`, headers: headers(pool.session(), true), body: `{"baseVersion":${ctx.version},"content":${TEMPLATE.replace('@@', String(++saveNo))}}` };
    },
    onResponse: (status, body, context) => {
      const ctx = context as Ctx;
      finish(ctx, status);
      if (status === 200) {
        const saved = JSON.parse(body) as { version: number; contentHash: string };
        ctx.version = saved.version;
        r.saves++;
        r.savesAcked.push({ id: ctx.app!, version: saved.version, hash: saved.contentHash });
      }
    },
  };
  const read: autocannon.Request = {
    method: 'GET',
    setupRequest: (req, context) => {
      const ctx = context as Ctx;
      ctx.t0 = performance.now();
      return { ...req, path: `/api/applications/${ctx.app}`, headers: headers(pool.session(), false) };
    },
    onResponse: (status, _body, context) => {
      finish(context as Ctx, status);
      if (status === 200) r.reads++;
    },
  };
  const submit: autocannon.Request = {
    method: 'POST',
    setupRequest: (req, context) => {
      const ctx = context as Ctx;
      ctx.t0 = performance.now();
      return { ...req, path: `/api/applications/${ctx.app}/submit`, headers: headers(pool.session(), false) };
    },
    onResponse: (status, body, context) => {
      const ctx = context as Ctx;
      finish(ctx, status);
      if (status !== 200 && env.BENCH_RUSH_DEBUG && !shown++) console.error(`submit ${status}: ${body}`);
      if (status === 200) {
        const done = JSON.parse(body) as { version: number; contentHash: string };
        r.submits++;
        r.submitsAcked.push({ id: ctx.app!, version: done.version, hash: done.contentHash });
      }
    },
  };

  const started = performance.now();
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({ url, connections: opts.connections, duration: opts.seconds, pipelining: 1, timeout: 30, requests: [save, save, read, save, submit] }),
    ),
  );
  r.seconds = (performance.now() - started) / 1000;
  for (const res of results) r.failures += res.errors + res.timeouts;
  return r;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
