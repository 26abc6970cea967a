/** What a job kind is: a queue name, its worker, and optionally a cron schedule run once per cluster. */
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';

export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobContext {
  db: Db;
  config: Config;
  log: JobLog;
}

export interface JobKind<Name extends string = string, Data extends object = object> {
  /** The pg-boss queue name: letters, digits and hyphens. */
  name: Name;
  /** A five-field cron expression (Asia/Shanghai) when the kind runs on a schedule; null when only sent. */
  schedule?: (config: Config) => string | null;
  /** A job that fails is retried this many times before it is marked failed (a schedule tries again at its next tick anyway). */
  retryLimit?: number;
  work(ctx: JobContext, data: Data): Promise<void>;
}

/** Keeps the literal name and the data type, so `send` can check both. */
export function defineJob<Name extends string, Data extends object = Record<string, never>>(kind: JobKind<Name, Data>): JobKind<Name, Data> {
  return kind;
}
