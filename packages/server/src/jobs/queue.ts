/**
 * The platform's job queue: pg-boss in the `pgboss` schema of the app's own database, so every app node
 * shares one queue. A job is fetched by exactly one worker in the cluster (row locks with SKIP LOCKED), and
 * each cron schedule is turned into one job per tick for the whole cluster (pg-boss elects one node per
 * tick and sends the job with a singleton key), so scheduled work runs once however many nodes run.
 *
 * On PGlite the queue shares the app's single connection: a job never starts while a transaction is
 * open, so code must never wait for a job inside a transaction.
 */
import PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { JobContext, JobKind, JobLog } from './kind.js';
import { JOB_KINDS, type JobData, type JobName } from './kinds.js';

/** Dates in schedules are Beijing time, whatever the server's clock zone. */
const SCHEDULE_TZ = 'Asia/Shanghai';

export interface Jobs {
  /** Queues one job of a known kind; resolves to its id (null when a singleton key refused a duplicate). */
  send<N extends JobName>(name: N, data: JobData<N>, options?: PgBoss.SendOptions): Promise<string | null>;
  /** Stops fetching and scheduling, lets running jobs finish (up to a timeout), and leaves the database open. */
  stop(): Promise<void>;
}

/** What request handlers get: sending only (absent where no queue runs, as in most tests). */
export type JobSender = Pick<Jobs, 'send'>;

export interface StartJobsOptions {
  log: JobLog;
  /** The kinds this node works on and schedules; all of the platform's by default (tests add their own). */
  kinds?: readonly JobKind[];
  /** How often an idle worker polls its queue. */
  pollingIntervalSeconds?: number;
}

export async function startJobs(database: Database, config: Config, opts: StartJobsOptions): Promise<Jobs> {
  const { log } = opts;
  const kinds: readonly JobKind[] = opts.kinds ?? (JOB_KINDS as unknown as readonly JobKind[]);
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: 'pgboss',
    // How often each node asks whether a cron tick is due (one node per interval wins and sends the jobs):
    // every 10 s keeps a scheduled job within seconds of its minute for one small query per node.
    cronMonitorIntervalSeconds: 10,
    cronWorkerIntervalSeconds: 2,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();

  const ctx: JobContext = { db: database.db, config, log };
  const names = new Set<string>();
  try {
    for (const kind of kinds) {
      names.add(kind.name);
      const queue = { name: kind.name, retryLimit: kind.retryLimit ?? 2 };
      await boss.createQueue(kind.name, queue);
      await boss.updateQueue(kind.name, queue);
      await boss.work<object>(kind.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) {
          try {
            await kind.work(ctx, job.data);
          } catch (err) {
            log.error({ err, job: job.id, kind: kind.name }, 'job failed');
            throw err; // pg-boss records the failure and retries within retryLimit
          }
        }
      });
      const cron = kind.schedule?.(config) ?? null;
      if (cron) await boss.schedule(kind.name, cron, {}, { tz: SCHEDULE_TZ });
      else await boss.unschedule(kind.name);
    }
    // A kind removed from the code (or renamed) must not keep a schedule that nobody works on.
    if (!opts.kinds) for (const s of await boss.getSchedules()) if (!names.has(s.name)) await boss.unschedule(s.name);
  } catch (err) {
    await boss.stop({ graceful: false, close: false });
    throw err;
  }

  return {
    send: (name, data, options) => boss.send(name, data, options ?? {}),
    stop: () => boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 }),
  };
}
