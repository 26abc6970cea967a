// Every route with a 2xx JSON reply declares its response schema (issue 15 item 9): the OpenAPI document then
// describes it, the server serialises through it and the web's types are inferred from it. Routes added later
// are covered because the list comes from the app itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { XLSX_TYPE } from './excel.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Replies that are files, not JSON: named here so a route can only be left without a JSON schema on purpose. */
const FILE_TYPES = new Set([XLSX_TYPE, 'application/pdf', 'application/zip', 'application/octet-stream']);

/** Prefixes whose routes may still lack response schemas. Empty: every context declares them. The test fails once a
 * listed prefix is fully declared, so the list can only shrink. */
const PENDING: string[] = [];

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

function operations(doc: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(doc.paths).flatMap(([url, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${url}`, url, op })));
}

/** Why an operation's 2xx replies are not fully described, or null when they are. */
function missing(op: Operation): string | null {
  const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  if (ok.length === 0) return 'no 2xx response declared';
  for (const [status, r] of ok) {
    if (status === '204') continue; // no body
    const types = Object.keys(r.content ?? {});
    if (types.length === 0) return `${status} has no content (no response schema)`;
    for (const type of types) {
      if (FILE_TYPES.has(type)) continue;
      if (type !== 'application/json') return `${status} answers ${type}, neither JSON nor a named file type`;
      const schema = r.content![type]!.schema;
      if (!schema || Object.keys(schema).length === 0) return `${status} application/json has an empty schema`;
    }
  }
  return null;
}

describe('response schemas', () => {
  it('every route with a 2xx JSON reply declares its response schema in OpenAPI; files are named by content type', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    const undeclared = ops.filter((o) => !PENDING.some((p) => o.url.startsWith(p))).map((o) => [o.route, missing(o.op)]).filter(([, why]) => why);
    expect(undeclared).toEqual([]);
    // A pending prefix whose routes are all declared must leave the list.
    for (const p of PENDING) {
      const mine = ops.filter((o) => o.url.startsWith(p));
      if (mine.length) expect(mine.some((o) => missing(o.op)), `${p} is fully declared: remove it from PENDING`).toBe(true);
    }
  });

  it('a declared schema documents the reply: /api/auth/me lists the user, organisation and permissions', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    // Signed in: the user with organisation and permissions; anonymous or ended: `{ user: null }`.
    const schema = doc.paths['/api/auth/me'].get.responses['200'].content['application/json'].schema;
    const variants = (schema.anyOf ?? [schema]) as { properties: Record<string, unknown> }[];
    expect(variants.map((v) => Object.keys(v.properties))).toEqual([['user', 'organisation', 'roles', 'permissions'], ['user']]);
    const exportOp = doc.paths['/api/users/export'].get.responses['200'];
    expect(Object.keys(exportOp.content)).toEqual([XLSX_TYPE]);
  });

  it('a reply is serialised through its schema: members the schema does not declare never leave the server', async () => {
    const c = t.client();
    await c.login('sysadmin');
    const page = (await c.get('/api/users?pageSize=200')).json();
    expect(page.items.length).toBeGreaterThan(0);
    for (const u of page.items) {
      expect(u).not.toHaveProperty('passwordHash');
      expect(Object.keys(u).sort()).toEqual(['createdAt', 'email', 'failedLogins', 'id', 'lastLoginAt', 'lockedUntil', 'mustChangePassword', 'name', 'organisation', 'phone', 'recommenderRegions', 'roles', 'status', 'username']);
    }
  });
});
