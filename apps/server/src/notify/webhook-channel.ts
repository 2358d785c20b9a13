import { createHmac } from 'node:crypto';
import { WebhookConfig, type NotificationPayload } from '@gpu-sentinel/protocol';
import type { ChannelRecord } from '../store/alert-store.js';
import { parseChannelConfig, type SendContext } from './channel-config.js';
import { httpPost } from './http-post.js';
import { renderWebhookTemplate } from './webhook-template.js';

export const SIGNATURE_HEADER = 'x-gpu-sentinel-signature';
export const IDEMPOTENCY_HEADER = 'x-gpu-sentinel-idempotency-key';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes, so a receiver verifies before parsing. */
export function signBody(body: Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs the payload as JSON (or the rendered template), signed when the channel has a secret. */
export async function sendWebhook(channel: ChannelRecord, payload: NotificationPayload, { timeoutMs }: SendContext) {
  const config = parseChannelConfig(channel, WebhookConfig);
  const text =
    config.template === undefined ? JSON.stringify(payload) : renderWebhookTemplate(config.template, payload);
  const body = Buffer.from(text, 'utf8');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [IDEMPOTENCY_HEADER]: payload.idempotencyKey,
  };
  if (config.secret !== undefined) headers[SIGNATURE_HEADER] = signBody(body, config.secret);
  await httpPost({ url: config.url, body, headers, timeoutMs });
}
