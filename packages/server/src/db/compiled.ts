/**
 * Hot queries compiled once. drizzle rebuilds a query's SQL text from its builder on every call, which was about a
 * fifth of the event loop's time per request in the deadline-rush profile. A compiled query keeps the text, its
 * placeholders and its result mapping, and runs on whichever session it is handed (the pool, or a transaction's
 * connection — drizzle's own `.prepare()` is bound to the builder's session, so it cannot serve transactions).
 * On PostgreSQL it runs as a named prepared statement, so each connection also parses and plans it once.
 *
 * Only for queries whose SQL shape is fixed: every value that varies must be a `sql.placeholder`.
 */
import { getTableName, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Tx } from './client.js';

interface PreparedLike {
  queryString: string;
  params: unknown[];
  fields: unknown;
  joinsNotNullableMap?: Record<string, boolean>;
  execute(values?: Record<string, unknown>): Promise<unknown>;
}
interface SessionLike {
  prepareQuery(query: { sql: string; params: unknown[] }, fields: unknown, name: string | undefined, arrayMode: boolean): PreparedLike;
}
interface BuilderLike<R> {
  readonly _: { result: R };
}

/** A select built by `build` (placeholders for its values), compiled at first use and run as `name` thereafter. */
export function compiledSelect<R>(name: string, build: (db: Tx) => BuilderLike<R>) {
  let compiled: { query: { sql: string; params: unknown[] }; fields: unknown; joins?: Record<string, boolean> } | null = null;
  return (db: Tx, values: Record<string, unknown>): Promise<R> => {
    if (!compiled) {
      const p = (build(db) as unknown as { _prepare(name: string): PreparedLike })._prepare(name);
      compiled = { query: { sql: p.queryString, params: p.params }, fields: p.fields, joins: p.joinsNotNullableMap };
    }
    const session = (db as unknown as { session: SessionLike }).session;
    const q = session.prepareQuery(compiled.query, compiled.fields, name, true);
    q.joinsNotNullableMap = compiled.joins;
    return q.execute(values) as Promise<R>;
  };
}

/**
 * A statement (no result rows needed: inserts, updates, data-modifying WITH) built by `build` with placeholders,
 * compiled at first use and run as `name` thereafter, on the session it is given.
 */
export function compiledStatement(name: string, build: (db: Tx) => SQL) {
  let query: { sql: string; params: unknown[] } | null = null;
  return async (db: Tx, values: Record<string, unknown>): Promise<void> => {
    if (!query) query = (db as unknown as { dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(build(db));
    await (db as unknown as { session: SessionLike }).session.prepareQuery(query, undefined, name, false).execute(values);
  };
}

/**
 * An outer query's column as `"table"."column"`, for a correlated subquery: drizzle writes a single-table select's
 * columns unqualified, and an unqualified name inside the subquery would bind to the subquery's own table.
 */
export function outerColumn(column: AnyColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
