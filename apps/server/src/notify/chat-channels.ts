import { ChatWebhookConfig, type NotificationPayload } from '@gpu-sentinel/protocol';
import type { ChannelRecord } from '../store/alert-store.js';
import { parseChannelConfig, type SendContext } from './channel-config.js';
import { discordMessage, slackMessage } from './chat-messages.js';
import { httpPost } from './http-post.js';

export async function sendSlack(channel: ChannelRecord, payload: NotificationPayload, { timeoutMs }: SendContext) {
  const { url } = parseChannelConfig(channel, ChatWebhookConfig);
  const body = JSON.stringify(slackMessage(payload));
  await httpPost({ url, body, headers: { 'content-type': 'application/json' }, timeoutMs });
}

export async function sendDiscord(channel: ChannelRecord, payload: NotificationPayload, { timeoutMs }: SendContext) {
  const { url } = parseChannelConfig(channel, ChatWebhookConfig);
  const body = JSON.stringify(discordMessage(payload));
  await httpPost({ url, body, headers: { 'content-type': 'application/json' }, timeoutMs });
}
