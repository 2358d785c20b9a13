import type { NotificationPayload } from '@gpu-sentinel/protocol';
import type { ChannelRecord } from '../store/alert-store.js';

/**
 * Sends one notification to one channel's receiver. Resolves once the receiver has accepted it
 * (2xx, SMTP 250); throws a DeliveryError otherwise. The only outbound calls the server makes go
 * through here (lint keeps them in notify/).
 */
export interface Notifier {
  send(channel: ChannelRecord, payload: NotificationPayload): Promise<void>;
}

/** A receiver refused or could not be reached. `isPermanent`: retrying the same request cannot help (bad config, 4xx). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly isPermanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
