/** Opens the database: embedded PGlite in a data directory by default, a PostgreSQL server when DATABASE_URL is set. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: services take this so callers can compose them in one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Raw SQL for the job queue (pg-boss): parameters, or several statements when there are none. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// PGlite's parser turns timestamptz into Date and int8 into number the same way pg does with these settings.
pg.types.setTypeParser(20, (v) => Number(v));

export function openPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
    // PGlite's query() takes one statement; pg-boss sends its migrations and locked commands as several.
    // Both run on the one client, so they queue behind the app's open transactions.
    executeSql: async (text, values) => {
      if (values?.length) return client.query(text, values);
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 20 });
    // An idle connection the server drops (restart, failover, admin termination) must not crash the app;
    // the pool discards it and opens a new one on the next query.
    pool.on('error', (err) => console.error(`PostgreSQL 空闲连接中断，已丢弃：${err.message}`));
    // Fail fast with the server's own message when the URL is wrong.
    await pool.query('select 1');
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR }),
      close: () => pool.end(),
      executeSql: (text, values) => pool.query(text, values),
    };
  }
  const client = await PGlite.create(opts.dataDir);
  return openPglite(client);
}
