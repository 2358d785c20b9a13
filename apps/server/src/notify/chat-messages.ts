import type { NotificationPayload } from '@gpu-sentinel/protocol';
import { colorHex, describeNotification, formatTime, oneLine, truncate } from './format.js';

/** Slack escapes only these three in mrkdwn text (they delimit links and mentions). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Slack: section text ≤ 3000, a field ≤ 2000, ≤ 10 fields; top-level text is the notification fallback.
const SLACK_SECTION_CHARS = 3_000;
const SLACK_FIELD_CHARS = 2_000;
const SLACK_FALLBACK_CHARS = 3_000;

/** Slack incoming-webhook body: `text` (the notification line) and blocks, coloured by an attachment bar. */
export function slackMessage(payload: NotificationPayload) {
  const text = describeNotification(payload);
  const headline = `${text.emoji} *${slackEscape(text.subject)}*`;
  const fields = text.details.slice(0, 10).map(([name, value]) => ({
    type: 'mrkdwn',
    text: truncate(`*${name}*\n${slackEscape(oneLine(value))}`, SLACK_FIELD_CHARS),
  }));
  const blocks = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(headline, SLACK_SECTION_CHARS) } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(slackEscape(payload.alert.message) || ' ', SLACK_SECTION_CHARS) },
    },
  ];
  // The colour bar exists only on attachments, so the details ride in one.
  const details: unknown[] = [{ type: 'section', fields }];
  if (payload.url !== null) {
    details.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(`<${payload.url}|Open in GPU Sentinel>`, SLACK_FIELD_CHARS) }],
    });
  }
  return {
    text: truncate(`${text.emoji} ${text.subject}`, SLACK_FALLBACK_CHARS),
    blocks,
    attachments: [{ color: colorHex(text.color), blocks: details }],
  };
}

// Discord: content ≤ 2000, title ≤ 256, description ≤ 4096, field name ≤ 256 / value ≤ 1024, ≤ 25 fields,
// and all of an embed's text ≤ 6000 (the limits above add up to well under it here).
const DISCORD_CONTENT_CHARS = 2_000;
const DISCORD_TITLE_CHARS = 256;
const DISCORD_DESCRIPTION_CHARS = 3_000;
const DISCORD_FIELD_VALUE_CHARS = 200;

/** Discord webhook body: a one-line `content` and one embed; mentions in alert text never ping anyone. */
export function discordMessage(payload: NotificationPayload) {
  const text = describeNotification(payload);
  const embed = {
    title: truncate(`${text.emoji} ${text.subject}`, DISCORD_TITLE_CHARS),
    description: truncate(payload.alert.message, DISCORD_DESCRIPTION_CHARS),
    color: text.color,
    timestamp: formatTime(payload.alert.resolvedAt ?? payload.alert.startedAt),
    fields: text.details.slice(0, 25).map(([name, value]) => ({
      name,
      value: truncate(oneLine(value), DISCORD_FIELD_VALUE_CHARS) || '—',
      inline: true,
    })),
    ...(payload.url === null ? {} : { url: payload.url }),
  };
  return {
    content: truncate(text.subject, DISCORD_CONTENT_CHARS),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  };
}
