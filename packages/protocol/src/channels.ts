import { z } from 'zod';
import { Alert, Severity, SEVERITIES } from './alerts.js';
import { EpochMs } from './gpu.js';

export const CHANNEL_TYPES = ['email', 'webhook', 'slack', 'discord', 'alertmanager'] as const;
export const ChannelType = z.enum(CHANNEL_TYPES);
export type ChannelType = z.infer<typeof ChannelType>;

const HttpUrl = z.url({ protocol: /^https?$/ }).max(2_000);

/** SMTP delivery. `secure`: TLS from the first byte (port 465); otherwise STARTTLS when offered. */
export const EmailConfig = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65_535).default(587),
    secure: z.boolean().default(false),
    username: z.string().min(1).max(255).optional(),
    password: z.string().min(1).max(1_000).optional(),
    from: z.email().max(320),
    to: z.array(z.email().max(320)).min(1).max(50),
  })
  .strict();
export type EmailConfig = z.infer<typeof EmailConfig>;

/**
 * A JSON POST. With `secret`, `X-GPU-Sentinel-Signature: sha256=<hex HMAC-SHA256 of the body>`.
 * `template`: the body instead of the default JSON, with `{{alert.severity}}`-style placeholders
 * (`{{idempotencyKey}}`, `{{event}}`, `{{alert.<field>}}`), each replaced by its JSON-escaped text.
 */
export const WebhookConfig = z
  .object({
    url: HttpUrl,
    secret: z.string().min(1).max(1_000).optional(),
    template: z.string().min(1).max(10_000).optional(),
  })
  .strict();
export type WebhookConfig = z.infer<typeof WebhookConfig>;

/** A Slack or Discord incoming-webhook URL. */
export const ChatWebhookConfig = z.object({ url: HttpUrl }).strict();
export type ChatWebhookConfig = z.infer<typeof ChatWebhookConfig>;

/** Alertmanager's base URL (alerts go to `<url>/api/v2/alerts`), with optional extra labels. */
export const AlertmanagerConfig = z
  .object({
    url: HttpUrl,
    labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string().max(500)).default({}),
  })
  .strict();
export type AlertmanagerConfig = z.infer<typeof AlertmanagerConfig>;

/** Config fields never sent back to a client (a view lists which are set in `secretsSet`). */
export const SECRET_CONFIG_FIELDS = ['password', 'secret'] as const;

const ChannelCommon = {
  name: z.string().trim().min(1).max(120),
  /** Severities this channel receives. */
  severities: z
    .array(Severity)
    .min(1)
    .default([...SEVERITIES]),
  enabled: z.boolean().default(true),
};

/**
 * `POST /api/v1/channels` and `PUT /api/v1/channels/:id`. On PUT a secret field left out keeps the
 * stored one.
 */
export const ChannelBody = z.discriminatedUnion('type', [
  z.object({ ...ChannelCommon, type: z.literal('email'), config: EmailConfig }).strict(),
  z.object({ ...ChannelCommon, type: z.literal('webhook'), config: WebhookConfig }).strict(),
  z.object({ ...ChannelCommon, type: z.literal('slack'), config: ChatWebhookConfig }).strict(),
  z.object({ ...ChannelCommon, type: z.literal('discord'), config: ChatWebhookConfig }).strict(),
  z.object({ ...ChannelCommon, type: z.literal('alertmanager'), config: AlertmanagerConfig }).strict(),
]);
export type ChannelBody = z.infer<typeof ChannelBody>;
export type ChannelBodyInput = z.input<typeof ChannelBody>;

/** A channel as the API shows it: secret fields removed from `config`, named in `secretsSet`. */
export const Channel = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  type: ChannelType,
  config: z.record(z.string(), z.unknown()),
  secretsSet: z.array(z.string()),
  severities: z.array(Severity),
  enabled: z.boolean(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Channel = z.infer<typeof Channel>;

export const ChannelList = z.object({ items: z.array(Channel) });
export type ChannelList = z.infer<typeof ChannelList>;

/** What a notification is about: the alert opened, fired again while unattended, or ended; or a test. */
export const NotificationEvent = z.enum(['firing', 'repeat', 'resolved', 'test']);
export type NotificationEvent = z.infer<typeof NotificationEvent>;

/**
 * What every channel renders from. The webhook channel sends it as is; `idempotencyKey` is the
 * same on every retry of one delivery, so a receiver can drop duplicates.
 */
export const NotificationPayload = z.object({
  idempotencyKey: z.string(),
  event: NotificationEvent,
  alert: Alert,
  /** The dashboard page of the alert, when the server knows its public URL. */
  url: z.string().nullable(),
  sentBy: z.literal('gpu-sentinel'),
});
export type NotificationPayload = z.infer<typeof NotificationPayload>;

export const DeliveryStatus = z.enum(['pending', 'delivered', 'dead']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One row of the outbox: a notification to one channel, and how its delivery went. */
export const Delivery = z.object({
  id: z.number().int().positive(),
  alertId: z.number().int().positive(),
  channelId: z.number().int().positive().nullable(),
  channelName: z.string(),
  channelType: ChannelType,
  event: NotificationEvent,
  idempotencyKey: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: EpochMs.nullable(),
  lastError: z.string().nullable(),
  createdAt: EpochMs,
  deliveredAt: EpochMs.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryListQuery = z
  .object({
    channelId: z.coerce.number().int().positive().optional(),
    alertId: z.coerce.number().int().positive().optional(),
    status: DeliveryStatus.optional(),
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

export const DeliveryPage = z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() });
export type DeliveryPage = z.infer<typeof DeliveryPage>;

/** `POST /api/v1/channels/:id/test`: sent at once (not through the outbox); the receiver's answer. */
export const ChannelTestResult = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;
