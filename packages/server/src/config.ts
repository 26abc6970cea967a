/** Runtime configuration, read once from the environment so the rest of the server never touches process.env. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  seedDemo: boolean;
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  webDist: string | null;
  /** Minutes between scheduled audit anchors (a divisor of 60, so the schedule is even within the hour). */
  auditAnchorIntervalMinutes: number;
  /** Which NotificationSender delivers the outbox (modules/notifications/sender.ts); `log` only logs. */
  notificationSender: (typeof NOTIFICATION_SENDERS)[number];
  /**
   * AUDIT_SINGLE_CHAIN: every audit append waits for one global lock, as if the trail were a single chain. Only
   * for measuring what the sharded chains buy (the deadline-rush bench's baseline); never in production.
   */
  auditSingleChain: boolean;
}

/** The senders the platform has; an SMS gateway or mail relay adds its name here and its class in sender.ts. */
export const NOTIFICATION_SENDERS = ['log'] as const;

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效：${env.PORT}`);
  const anchorEvery = Number(env.AUDIT_ANCHOR_INTERVAL_MINUTES ?? 5);
  if (!Number.isInteger(anchorEvery) || anchorEvery < 1 || anchorEvery > 60 || 60 % anchorEvery !== 0) {
    throw new Error(`AUDIT_ANCHOR_INTERVAL_MINUTES 无效：${env.AUDIT_ANCHOR_INTERVAL_MINUTES}（须为能整除 60 的分钟数，如 1、5、10、15、30、60）`);
  }
  const sender = env.NOTIFICATION_SENDER || 'log';
  if (!(NOTIFICATION_SENDERS as readonly string[]).includes(sender)) throw new Error(`NOTIFICATION_SENDER 无效：${sender}（可选：${NOTIFICATION_SENDERS.join('、')}）`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    seedDemo: bool(env.SEED_DEMO, true),
    cookieSecure: bool(env.COOKIE_SECURE, false),
    trustProxy: bool(env.TRUST_PROXY, false),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: env.WEB_DIST === '' ? null : path.resolve(cwd, env.WEB_DIST ?? 'packages/web/dist'),
    auditAnchorIntervalMinutes: anchorEvery,
    notificationSender: sender as Config['notificationSender'],
    auditSingleChain: bool(env.AUDIT_SINGLE_CHAIN, false),
  };
}
