/**
 * Integration suites start from one migrated PGlite data directory built here once (3–4 s) and loaded by
 * each suite (under a second). With DATABASE_URL set, suites get fresh PostgreSQL databases instead,
 * named after this run so teardown drops every one of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    runId: string;
  }
}

const root = path.resolve(import.meta.dirname, '../../..');

export default async function setup(project: TestProject) {
  const runId = `kc_t_${process.pid}_${Date.now().toString(36)}`;
  project.provide('runId', runId);
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query('select 1');
    await admin.end();
    project.provide('pgliteTemplate', '');
    return async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      const { rows } = await c.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${runId}%`]);
      for (const r of rows) await c.query(`drop database if exists "${r.datname}" with (force)`);
      await c.end();
    };
  }
  const client = await PGlite.create();
  const database = openPglite(client);
  await database.migrate();
  const blob = await client.dumpDataDir('gzip');
  const file = path.join(root, '.tmp', `pglite-template-${process.pid}.tar.gz`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await client.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(file, { force: true });
}
