/** Test harness: a real app on a real database (PGlite or PostgreSQL), and a cookie-keeping client with CSRF. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { openDatabase, openPglite, type Database, type Db } from '../src/db/client.js';
import { checkInvariants } from '../src/db/invariants.js';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seed/demo.js';
import { seedPlans } from '../src/db/seed/monitoring.js';
import { seedProgrammes } from '../src/db/seed/programmes.js';
import { seedOfficialCalendar } from '../src/modules/review/working-calendar.js';
import { clearSecurityPolicyCache } from '../src/modules/security/service.js';

export { DEMO_PASSWORD };

export const testConfig: Config = {
  port: 0,
  host: '127.0.0.1',
  dataDir: '',
  databaseUrl: null,
  seedDemo: true,
  cookieSecure: false,
  trustProxy: false,
  logLevel: 'silent',
  webDist: null,
  auditAnchorIntervalMinutes: 5,
  notificationSender: 'log',
  auditSingleChain: false,
};

async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${inject('runId')}_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    await database.migrate();
    const close = database.close;
    return {
      ...database,
      close: async () => {
        await close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists "${name}" with (force)`);
        await c.end();
      },
    };
  }
  const template = fs.readFileSync(inject('pgliteTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([template]) });
  return openPglite(client);
}

export interface TestApp {
  /** For suites that tamper with the audit trail on purpose: its chain invariants are then expected to fail. */
  auditTampered(): void;
  app: FastifyInstance;
  db: Db;
  database: Database;
  close(): Promise<void>;
  /** A client from its own IP address, so per-IP login rate limits of one test do not affect another. */
  client(): TestClient;
}

let ipCounter = 1;

export async function createTestApp(opts: { seed?: boolean } = {}): Promise<TestApp> {
  clearSecurityPolicyCache();
  const database = await openTestDatabase();
  await seedProgrammes(database.db);
  await seedPlans(database.db);
  await seedOfficialCalendar(database.db);
  if (opts.seed !== false) await seedDemo(database.db);
  const app = await buildApp({ database, config: testConfig });
  await app.ready();
  let audit = true;
  return {
    auditTampered: () => {
      audit = false;
    },
    app,
    db: database.db,
    database,
    client: () => new TestClient(app, `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`),
    close: async () => {
      const problems = await checkInvariants(database.db, { audit });
      await app.close();
      await database.close();
      if (problems.length) throw new Error(`database invariants broken:\n${problems.join('\n')}`);
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(
    readonly app: FastifyInstance,
    readonly ip: string,
  ) {}

  private absorb(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
      // The server rotates the CSRF token at sign-in; like the web app, ask for the new one.
      if (c.name === 'kc_csrf') this.csrf = null;
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const res = await this.request('GET', '/api/auth/csrf');
      this.csrf = (res.json() as { token: string }).token;
    }
    return this.csrf;
  }

  async request(method: Method, url: string, body?: unknown, opts: { csrf?: boolean; headers?: Record<string, string>; rawBody?: string } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...opts.headers };
    if (method !== 'GET' && opts.csrf !== false) headers['x-csrf-token'] = await this.csrfToken();
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    let payload: string | undefined;
    if (opts.rawBody !== undefined) payload = opts.rawBody;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method, url, headers, remoteAddress: this.ip, ...(payload !== undefined ? { payload } : {}) });
    this.absorb(res);
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body);
  }

  /** Sends one file as multipart/form-data, the way a browser's upload control does. */
  async upload(url: string, filename: string, bytes: Buffer, contentType = 'application/octet-stream'): Promise<LightMyRequestResponse> {
    const boundary = `----kc${Math.random().toString(16).slice(2)}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8');
    const payload = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
    const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': await this.csrfToken() };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    const res = await this.app.inject({ method: 'POST', url, headers, payload, remoteAddress: this.ip });
    this.absorb(res);
    return res;
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return res;
  }
}

/** Runs raw SQL on the test database, for arranging state and for tampering in audit tests. */
export async function rawSql(db: Db, query: string): Promise<Record<string, unknown>[]> {
  const res = (await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] };
  return res.rows;
}

export function problem(res: LightMyRequestResponse): { code: string; status: number; title: string; detail: string; errors?: { field: string; message: string }[] } {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.json();
}


/** A logger that says nothing, for jobs started in tests. */
export const silentLog = { info: () => {}, error: () => {} };

/** Polls `probe` every 200 ms until it gives a value (background work: jobs, other processes), or fails after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A tiny file that is a PDF by its first bytes (enough for the signature check). */
export function pdfBytes(text = 'kechuang test'): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');
}

/** Uploads one PDF into each slot the application's call requires, as the applicant does before submitting. */
export async function uploadRequiredAttachments(client: TestClient, applicationId: string): Promise<void> {
  const res = await client.get(`/api/applications/${applicationId}/attachments`);
  expect(res.statusCode, res.body).toBe(200);
  for (const slot of (res.json() as { slots: { kind: string; label: string; required: boolean }[] }).slots.filter((s) => s.required)) {
    const up = await client.upload(`/api/applications/${applicationId}/attachments/${slot.kind}`, `${slot.label}.pdf`, pdfBytes(`${applicationId} ${slot.kind}`), 'application/pdf');
    expect(up.statusCode, up.body).toBe(201);
  }
}

/** 形式审查: the officer records every item of the checklist pass (with a reason, which a pass over a failed computation needs). */
export async function passFormalReview(officer: TestClient, applicationId: string): Promise<void> {
  const review = await officer.get(`/api/applications/${applicationId}/formal-review`);
  if (review.statusCode !== 200) throw new Error(`formal review ${review.statusCode}: ${review.body}`);
  const items = (review.json() as { items: { key: string }[] }).items.map((i) => ({ key: i.key, pass: true, reason: '经核实符合要求' }));
  const res = await officer.put(`/api/applications/${applicationId}/formal-review`, { items });
  if (res.statusCode !== 200) throw new Error(`formal review ${res.statusCode}: ${res.body}`);
}
