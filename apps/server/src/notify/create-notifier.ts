import type { NotificationPayload } from '@gpu-sentinel/protocol';
import { DeliveryError } from './notifier.js';
import type { ChannelRecord } from '../store/alert-store.js';
import { sendAlertmanager } from './alertmanager-channel.js';
import type { SendContext } from './channel-config.js';
import { sendDiscord, sendSlack } from './chat-channels.js';
import { sendEmail } from './email-channel.js';
import type { Notifier } from './notifier.js';
import { sendWebhook } from './webhook-channel.js';

export interface NotifierOptions {
  /** Per HTTP request, and per SMTP phase (connect, greeting, each socket wait). Default 10 s. */
  timeoutMs?: number;
  /** Clock for what a payload leaves open (an Alertmanager `endsAt` with no `resolvedAt`). */
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The real Notifier: one send per channel type, each parsing the channel's config first. */
export function createNotifier(options: NotifierOptions = {}): Notifier {
  const context: SendContext = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, now: options.now ?? Date.now };
  return {
    async send(channel: ChannelRecord, payload: NotificationPayload): Promise<void> {
      if (channel.unreadableSecrets !== undefined && channel.unreadableSecrets.length > 0) {
        throw new DeliveryError(
          `the channel's stored ${channel.unreadableSecrets.join(' and ')} cannot be decrypted (GPU_SENTINEL_SECRET changed since it was saved): enter it again`,
          true,
        );
      }
      switch (channel.type) {
        case 'email':
          return sendEmail(channel, payload, context);
        case 'webhook':
          return sendWebhook(channel, payload, context);
        case 'slack':
          return sendSlack(channel, payload, context);
        case 'discord':
          return sendDiscord(channel, payload, context);
        case 'alertmanager':
          return sendAlertmanager(channel, payload, context);
      }
    },
  };
}
