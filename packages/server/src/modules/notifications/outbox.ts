/**
 * The notification outbox. `queueNotifications` is called inside a workflow step's transaction, so its rows
 * commit or roll back with the step. `dispatchNotifications` runs in a job after the commit: it claims due rows
 * (status `sending`, FOR UPDATE SKIP LOCKED, so two dispatchers never take the same row), sends each outside
 * any transaction, and marks it sent, or schedules a retry with backoff and records the error.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, lte, or } from 'drizzle-orm';
import { renderNotification, type NotificationPayload, type NotificationTemplateKey, type PlannedNotification } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { JobSender } from '../../jobs/queue.js';
import { notificationOutbox } from './schema.js';
import type { NotificationSender } from './sender.js';

export const NOTIFICATION_DISPATCH_JOB = 'notification-dispatch';

/** After this many failed attempts a row is marked failed and left for an operator. */
export const MAX_ATTEMPTS = 8;
/** A claim older than this belongs to a dispatcher that died mid-send; the row is taken again. */
const STALE_CLAIM_MS = 10 * 60_000;

/** Seconds before the next attempt after `attempts` failures: 30 s, 1 min, 2 min … capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

export async function queueNotifications(tx: Tx, planned: readonly PlannedNotification[], now = new Date()): Promise<number> {
  if (planned.length === 0) return 0;
  await tx.insert(notificationOutbox).values(
    planned.map((n) => ({
      id: randomUUID(),
      recipientUserId: n.recipient.userId ?? null,
      recipientOrganisationId: n.recipient.organisationId ?? null,
      recipientRole: n.recipient.role ?? null,
      channel: n.channel,
      templateKey: n.templateKey,
      payload: n.payload,
      createdAt: now,
      nextAttemptAt: now,
    })),
  );
  return planned.length;
}

interface DispatchLog {
  error(obj: object, msg: string): void;
}

export interface DispatchResult {
  sent: number;
  failed: number;
}

/** Claims up to `batch` due rows for this dispatcher; no other dispatcher can claim them until they are released. */
async function claim(db: Db, batch: number, now: Date) {
  const due = db
    .select({ id: notificationOutbox.id })
    .from(notificationOutbox)
    .where(or(and(eq(notificationOutbox.status, 'pending'), lte(notificationOutbox.nextAttemptAt, now)), and(eq(notificationOutbox.status, 'sending'), lt(notificationOutbox.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS)))))
    .orderBy(asc(notificationOutbox.createdAt))
    .limit(batch)
    .for('update', { skipLocked: true });
  return db.transaction(async (tx) => tx.update(notificationOutbox).set({ status: 'sending', claimedAt: now }).where(inArray(notificationOutbox.id, due)).returning());
}

/** Sends what is due, batch by batch, until nothing is left or `maxBatches` ran. */
export async function dispatchNotifications(db: Db, sender: NotificationSender, log: DispatchLog, opts: { now?: Date; batch?: number; maxBatches?: number } = {}): Promise<DispatchResult> {
  const now = opts.now ?? new Date();
  const result: DispatchResult = { sent: 0, failed: 0 };
  for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
    const rows = await claim(db, opts.batch ?? 50, now);
    if (rows.length === 0) break;
    for (const r of rows) {
      const attempts = r.attempts + 1;
      try {
        await sender.send({
          id: r.id,
          channel: r.channel,
          recipient: { userId: r.recipientUserId, organisationId: r.recipientOrganisationId, role: r.recipientRole },
          templateKey: r.templateKey as NotificationTemplateKey,
          text: renderNotification(r.templateKey as NotificationTemplateKey, r.payload as NotificationPayload),
          payload: r.payload as Record<string, unknown>,
        });
        await db.update(notificationOutbox).set({ status: 'sent', sentAt: new Date(), attempts, lastError: null }).where(and(eq(notificationOutbox.id, r.id), eq(notificationOutbox.status, 'sending')));
        result.sent++;
      } catch (err) {
        const message = String((err as Error)?.message ?? err).slice(0, 2000);
        const giveUp = attempts >= MAX_ATTEMPTS;
        await db
          .update(notificationOutbox)
          .set({ status: giveUp ? 'failed' : 'pending', attempts, lastError: message, nextAttemptAt: new Date(now.getTime() + backoffSeconds(attempts) * 1000) })
          .where(and(eq(notificationOutbox.id, r.id), eq(notificationOutbox.status, 'sending')));
        log.error({ err, notification: r.id, channel: r.channel, attempts, giveUp }, giveUp ? '通知多次发送失败，已停止重试' : '通知发送失败，稍后重试');
        result.failed++;
      }
    }
  }
  return result;
}

/**
 * After a commit that queued messages: ask for a dispatch now rather than at the next minute. The singleton
 * key keeps one waiting run at most; a failed send only delays the messages to the scheduled run.
 */
export async function kickNotificationDispatch(jobs: JobSender | undefined, log: DispatchLog): Promise<void> {
  if (!jobs) return;
  try {
    await jobs.send(NOTIFICATION_DISPATCH_JOB, {}, { singletonKey: 'dispatch' });
  } catch (err) {
    log.error({ err }, '通知发送任务排队失败（每分钟的定时任务会补发）');
  }
}
