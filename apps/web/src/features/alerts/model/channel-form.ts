import {
  SEVERITIES,
  type Channel,
  type ChannelBodyInput,
  type ChannelType,
  type Severity,
} from '@gpu-sentinel/protocol';

/** Every field any channel type has, as typed; only the chosen type's fields are sent. */
export interface ChannelDraft {
  name: string;
  type: ChannelType;
  severities: Severity[];
  enabled: boolean;
  host: string;
  port: string;
  secure: boolean;
  username: string;
  /** Empty on edit: the stored one is kept. */
  password: string;
  from: string;
  /** One address per line or comma-separated. */
  to: string;
  url: string;
  secret: string;
  template: string;
  /** `key=value` per line. */
  labels: string;
}

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  email: 'Email (SMTP)',
  webhook: 'Webhook',
  slack: 'Slack',
  discord: 'Discord',
  alertmanager: 'Alertmanager',
};

export const EMPTY_CHANNEL: ChannelDraft = {
  name: '',
  type: 'webhook',
  severities: [...SEVERITIES],
  enabled: true,
  host: '',
  port: '587',
  secure: false,
  username: '',
  password: '',
  from: '',
  to: '',
  url: '',
  secret: '',
  template: '',
  labels: '',
};

const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

function labelsText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  return Object.entries(value)
    .map(([key, each]) => `${key}=${str(each)}`)
    .join('\n');
}

export function channelDraftOf(channel: Channel): ChannelDraft {
  const { config } = channel;
  return {
    ...EMPTY_CHANNEL,
    name: channel.name,
    type: channel.type,
    severities: channel.severities,
    enabled: channel.enabled,
    host: str(config.host),
    port: str(config.port) || '587',
    secure: config.secure === true,
    username: str(config.username),
    from: str(config.from),
    to: Array.isArray(config.to) ? config.to.map(str).join('\n') : '',
    url: str(config.url),
    template: str(config.template),
    labels: labelsText(config.labels),
  };
}

const list = (raw: string): string[] =>
  raw
    .split(/[\n,]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

function labelsOf(raw: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const line of raw.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    labels[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return labels;
}

/** Only set optional text: an empty secret on edit keeps the stored one (the API leaves it out). */
function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  return value.trim() === '' ? {} : ({ [key]: value } as Record<K, string>);
}

/** The body for the API; it validates (and names the field of) whatever is wrong. */
export function channelBodyOf(draft: ChannelDraft): ChannelBodyInput {
  const common = { name: draft.name, severities: draft.severities, enabled: draft.enabled };
  switch (draft.type) {
    case 'email':
      return {
        ...common,
        type: 'email',
        config: {
          host: draft.host.trim(),
          port: Number(draft.port),
          secure: draft.secure,
          ...optional('username', draft.username.trim()),
          ...optional('password', draft.password),
          from: draft.from.trim(),
          to: list(draft.to),
        },
      };
    case 'webhook':
      return {
        ...common,
        type: 'webhook',
        config: { url: draft.url.trim(), ...optional('secret', draft.secret), ...optional('template', draft.template) },
      };
    case 'slack':
    case 'discord':
      return { ...common, type: draft.type, config: { url: draft.url.trim() } };
    case 'alertmanager':
      return { ...common, type: 'alertmanager', config: { url: draft.url.trim(), labels: labelsOf(draft.labels) } };
  }
}
