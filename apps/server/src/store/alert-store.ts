import type {
  Alert,
  AlertListQuery,
  AlertPage,
  AlertRule,
  ChannelBody,
  ChannelType,
  Delivery,
  DeliveryListQuery,
  DeliveryPage,
  NotificationEvent,
  NotificationPayload,
  RuleBody,
  RuleMetric,
  RuleOp,
  Severity,
} from '@gpu-sentinel/protocol';

/** A channel as stored, secrets included: only the store, the channel services and notify/ see this. */
export interface ChannelRecord {
  id: number;
  name: string;
  type: ChannelType;
  /** Parsed with the type's config schema (EmailConfig, WebhookConfig, …) before use. */
  config: Record<string, unknown>;
  severities: Severity[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** Secret fields stored encrypted under another GPU_SENTINEL_SECRET: left out of `config`, named here. */
  unreadableSecrets?: string[];
}

/** An alert the engine opens; the store gives it its id and `firing` state. */
export interface NewAlert {
  ruleId: number;
  ruleName: string;
  hostId: string | null;
  uuid: string | null;
  severity: Severity;
  metric: RuleMetric;
  op: RuleOp;
  value: number | null;
  threshold: number;
  message: string;
  startedAt: number;
}

/** A channel an alert event is to be delivered to. */
export interface NotifyTarget {
  channelId: number;
}

/**
 * One delivery claimed by a worker: its lease runs until `leaseUntil`; if the worker dies the row
 * becomes due again then (at least once, never silently lost). `channel` is null when the channel
 * was deleted since.
 */
export interface ClaimedDelivery {
  id: number;
  alertId: number;
  event: NotificationEvent;
  idempotencyKey: string;
  /** The alert as it was when the event happened (`url` is filled by the worker). */
  payload: Omit<NotificationPayload, 'url'>;
  /** Tries so far, this one included. */
  attempts: number;
  channel: ChannelRecord | null;
}

/**
 * Rules, channels, alerts and the notification outbox. Every alert event (open, repeat, resolve)
 * writes its outbox rows in the same transaction as the alert row: an event is never recorded
 * without its notifications, nor the other way round.
 */
export interface AlertStore {
  listRules(): Promise<AlertRule[]>;
  getRule(id: number): Promise<AlertRule | undefined>;
  /** Throws a ConflictError (field `name`) when the name is taken. */
  createRule(rule: RuleBody, now: number): Promise<AlertRule>;
  updateRule(id: number, rule: RuleBody, now: number): Promise<AlertRule | undefined>;
  deleteRule(id: number): Promise<boolean>;

  listChannels(): Promise<ChannelRecord[]>;
  getChannel(id: number): Promise<ChannelRecord | undefined>;
  /** Throws a ConflictError (field `name`) when the name is taken. */
  createChannel(channel: ChannelBody, now: number): Promise<ChannelRecord>;
  /** Secret config fields (SECRET_CONFIG_FIELDS) the body leaves out keep their stored value. */
  updateChannel(id: number, channel: ChannelBody, now: number): Promise<ChannelRecord | undefined>;
  deleteChannel(id: number): Promise<boolean>;

  /** Insert the alert (state `firing`) and a `firing` outbox row per target, in one transaction. */
  openAlert(alert: NewAlert, targets: readonly NotifyTarget[], now: number): Promise<Alert>;
  /** A `repeat` outbox row per target for a still-active alert; undefined when it is not active. */
  repeatAlert(id: number, targets: readonly NotifyTarget[], now: number): Promise<Alert | undefined>;
  /** State `resolved` at `resolvedAt` and a `resolved` outbox row per target, in one transaction; undefined when not active. */
  resolveAlert(
    id: number,
    resolvedAt: number,
    targets: readonly NotifyTarget[],
    now: number,
  ): Promise<Alert | undefined>;
  /** Firing → acknowledged (by, at); an alert already acknowledged or resolved is returned unchanged. */
  acknowledgeAlert(id: number, by: string, at: number): Promise<Alert | undefined>;
  silenceAlert(id: number, until: number): Promise<Alert | undefined>;
  getAlert(id: number): Promise<Alert | undefined>;
  /** Newest first (by id), filtered; the cursor is opaque. Throws ValidationError (field `cursor`) on a bad one. */
  listAlerts(query: AlertListQuery): Promise<AlertPage>;
  /** Firing and acknowledged alerts: the engine's state after a restart. */
  listActiveAlerts(): Promise<Alert[]>;

  /**
   * Due pending deliveries (next attempt ≤ now), oldest first, at most `limit`: each gets
   * attempts + 1 and a lease (next attempt = now + leaseMs), atomically, so two workers never
   * claim the same row at once.
   */
  claimDueDeliveries(now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  markDelivered(id: number, at: number): Promise<void>;
  /** Record the error; `nextAttemptAt` null: give up (status `dead`). */
  markFailed(id: number, error: string, nextAttemptAt: number | null): Promise<void>;
  /** A dead delivery back to pending, due now; undefined when there is no such dead delivery. */
  retryDelivery(id: number, now: number): Promise<Delivery | undefined>;
  /** Newest first; the cursor is opaque. */
  listDeliveries(query: DeliveryListQuery): Promise<DeliveryPage>;
  /** The earliest pending delivery's next attempt, to sleep until it; null when none is pending. */
  nextDeliveryDueAt(): Promise<number | null>;
}
