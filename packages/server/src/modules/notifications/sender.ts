/**
 * How a notification leaves the platform. A sender is chosen by configuration (NOTIFICATION_SENDER); an SMS
 * gateway or mail relay is one more class implementing `NotificationSender` and one more line in SENDERS. The
 * development and default sender only writes the message to the log.
 */
import type { NotificationChannel, NotificationTemplateKey } from '@kechuang/domain';
import type { Config } from '../../config.js';

export interface OutboundNotification {
  id: string;
  channel: NotificationChannel;
  recipient: { userId: string | null; organisationId: string | null; role: string | null };
  templateKey: NotificationTemplateKey;
  /** The message in Chinese, as the recipient reads it. */
  text: string;
  payload: Record<string, unknown>;
}

export interface NotificationSender {
  readonly name: string;
  /** Resolves when the message was handed over; throws when it was not (the dispatcher retries later). */
  send(message: OutboundNotification): Promise<void>;
}

interface SenderLog {
  info(obj: object, msg: string): void;
}

/** Logs each message instead of sending it: development, tests and demo machines reach nobody by accident. */
export function logSender(log: SenderLog): NotificationSender {
  return {
    name: 'log',
    async send(m) {
      log.info({ notification: m.id, channel: m.channel, recipient: m.recipient, template: m.templateKey, text: m.text }, '通知（仅记录到日志，未外发）');
    },
  };
}

const SENDERS: Record<Config['notificationSender'], (log: SenderLog) => NotificationSender> = {
  log: logSender,
};

export function notificationSenderFor(config: Pick<Config, 'notificationSender'>, log: SenderLog): NotificationSender {
  return SENDERS[config.notificationSender](log);
}
