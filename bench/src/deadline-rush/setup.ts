/**
 * Deadline-rush fixtures, made straight in the database so that setting up thousands of applicants does not
 * dominate the run: applicant accounts of the demo organisation with real sessions (the same rows a sign-in
 * writes: SHA-256 of a random cookie token), and draft applications cloned from one created through the API.
 * The load itself then goes through the servers like any browser's requests.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

export interface Applicant {
  cookie: string;
  csrf: string;
}

export interface Fixture {
  applicants: Applicant[];
  /** Draft application ids, each owned by applicants[i % applicants.length]'s organisation, at version 1. */
  applications: string[];
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A scratch database on the server at `adminUrl`, dropped by the returned function. */
export async function scratchPostgres(adminUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/**
 * `count` applicant accounts (role applicant, in the demo applicant's organisation) each with one live session.
 * Every account shares the demo applicant's password hash: nobody signs in with it, and one argon2 hash is enough.
 */
export async function createApplicants(client: pg.Client, count: number, tag: string): Promise<Applicant[]> {
  const { rows } = await client.query<{ organisation_id: string; password_hash: string }>(`select organisation_id, password_hash from users where username = 'applicant'`);
  const demo = rows[0];
  if (!demo) throw new Error('demo applicant missing (SEED_DEMO)');
  const ids: string[] = [];
  const names: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(crypto.randomUUID());
    names.push(`rush-${tag}-${i}`);
    tokens.push(randomBytes(32).toString('base64url'));
  }
  await client.query(
    `insert into users (id, username, name, password_hash, password_changed_at, roles, organisation_id)
     select id, username, username, $3, now(), array['applicant'], $4 from unnest($1::uuid[], $2::text[]) as u(id, username)`,
    [ids, names, demo.password_hash, demo.organisation_id],
  );
  await client.query(
    `insert into sessions (id, user_id, expires_at, ip, user_agent)
     select s, u, now() + interval '12 hours', '127.0.0.1', 'deadline-rush' from unnest($1::text[], $2::uuid[]) as x(s, u)`,
    [tokens.map(sha256), ids],
  );
  // The CSRF check is double-submit: any token works when the cookie and the header repeat it, as a browser's would.
  return tokens.map((t) => {
    const csrf = randomBytes(18).toString('base64url');
    return { cookie: `kc_session=${t}; kc_csrf=${csrf}`, csrf };
  });
}

/** One draft through the API (so it is what the server makes), then `count` copies of it in SQL. */
export async function createDrafts(client: pg.Client, baseUrl: string, who: Applicant, count: number): Promise<string[]> {
  const calls = (await (await fetch(`${baseUrl}/api/public/calls`)).json()) as { items: { id: string; title: string }[] };
  const call = calls.items.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'));
  if (!call) throw new Error('demo call missing');
  const res = await fetch(`${baseUrl}/api/applications`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ callId: call.id, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' }),
  });
  if (res.status !== 201) throw new Error(`create draft: ${res.status} ${await res.text()}`);
  const template = ((await res.json()) as { id: string }).id;
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  await client.query('begin');
  await client.query(
    `insert into applications (id, application_no, call_id, guideline_item_id, category_code, organisation_id, state, current_version, content, created_by)
     select n.id, 'SB-RUSH-' || lpad(nextval('application_no_seq')::text, 7, '0'), a.call_id, a.guideline_item_id, a.category_code, a.organisation_id, 'draft', 1, a.content, a.created_by
       from unnest($1::uuid[]) as n(id), applications a where a.id = $2`,
    [ids, template],
  );
  await client.query(
    `insert into application_versions (application_id, version, content, content_hash, saved_by)
     select n.id, 1, v.content, v.content_hash, v.saved_by from unnest($1::uuid[]) as n(id), application_versions v where v.application_id = $2 and v.version = 1`,
    [ids, template],
  );
  // The required files, as uploads store them: a submission weighs the stored files, never the draft's claim.
  await client.query(
    `insert into application_attachments (id, application_id, kind, file_name, content_type, size, sha256, content, uploaded_by)
     select gen_random_uuid(), n.id, k.kind, k.kind || '.pdf', 'application/pdf', length($3::bytea), encode(sha256($3::bytea), 'hex'), $3::bytea, a.created_by
       from unnest($1::uuid[]) as n(id), applications a, calls c, jsonb_array_elements_text(c.required_attachments) as k(kind)
      where a.id = $2 and c.id = a.call_id`,
    [ids, template, Buffer.from('%PDF-1.4\n%bench\n%%EOF\n')],
  );
  await client.query('commit');
  return ids;
}
