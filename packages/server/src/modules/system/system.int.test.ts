import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rawSql, type TestApp } from '../../../test/helpers.js';
import { seedDemo } from '../../db/seed/demo.js';
import { seedProgrammes } from '../../db/seed/programmes.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('system', () => {
  it('GET /api/health answers ok with the database kind and version', async () => {
    const res = await t.client().get('/api/health');
    expect(res.json()).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'pglite', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('GET /api/openapi.json documents every API route', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)));
    const routes = t.app.routeAccess.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');
    for (const r of routes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
  });

  it('serves a browsable API document page', async () => {
    const res = await t.client().get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('seeding the demo data twice changes nothing the second time', async () => {
    const before = await rawSql(t.db, 'select (select count(*) from users)::int as u, (select count(*) from organisations)::int as o');
    expect(await seedDemo(t.db)).toEqual({ organisations: 0, users: 0, calls: 0, applications: 0 });
    expect(await seedProgrammes(t.db)).toBe(0);
    expect(await rawSql(t.db, 'select (select count(*) from users)::int as u, (select count(*) from organisations)::int as o')).toEqual(before);
    expect(before[0]).toEqual({ u: 11, o: 5 }); // one account per role, the recommender (推荐单位) and the observer (纪检监督) included
  });

  it('sets security headers on responses', async () => {
    const res = await t.client().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});
