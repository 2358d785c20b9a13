import type { NotificationPayload } from '@gpu-sentinel/protocol';

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g;

/**
 * A webhook template rendered against the payload: `{{idempotencyKey}}`, `{{event}}`, `{{url}}`,
 * `{{sentBy}}` and `{{alert.<field>}}` each become their JSON-escaped text, so a template like
 * `{"text":"{{alert.message}}"}` stays valid JSON whatever the message holds. Strings are escaped
 * without their quotes; numbers, booleans and null are written as is; anything else is empty.
 */
export function renderWebhookTemplate(template: string, payload: NotificationPayload): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => jsonText(lookup(payload, path)));
}

function lookup(payload: NotificationPayload, path: string): unknown {
  const [head, field, ...rest] = path.split('.');
  if (rest.length > 0 || head === undefined) return undefined;
  if (head === 'alert') {
    return field !== undefined && Object.hasOwn(payload.alert, field)
      ? (payload.alert as Record<string, unknown>)[field]
      : undefined;
  }
  if (field !== undefined) return undefined;
  switch (head) {
    case 'idempotencyKey':
    case 'event':
    case 'url':
    case 'sentBy':
      return payload[head];
    default:
      return undefined;
  }
}

function jsonText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value).slice(1, -1);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean' || value === null) return String(value);
  return '';
}
