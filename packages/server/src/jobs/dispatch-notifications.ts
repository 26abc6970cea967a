/**
 * Sends the notification outbox after the commits that wrote it: sent by each workflow step once it committed,
 * and every minute to pick up retries that came due. Several runs at once are safe (rows are claimed).
 */
import { dispatchNotifications, NOTIFICATION_DISPATCH_JOB } from '../modules/notifications/outbox.js';
import { notificationSenderFor } from '../modules/notifications/sender.js';
import { defineJob } from './kind.js';

export const dispatchNotificationsJob = defineJob<typeof NOTIFICATION_DISPATCH_JOB>({
  name: NOTIFICATION_DISPATCH_JOB,
  schedule: () => '* * * * *',
  async work({ db, config, log }) {
    await dispatchNotifications(db, notificationSenderFor(config, log), log);
  },
});
