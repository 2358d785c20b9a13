import type { Generated } from 'kysely';
import type { MetricColumn } from './metric-columns.js';

/** Row types of the tables, as the store's queries see them. Times are epoch ms (INTEGER in SQLite). */
export interface HostsTable {
  host_id: string;
  hostname: string;
  driver_version: string | null;
  cuda_version: string | null;
  first_seen_at: number;
  last_seen_at: number;
  /** A JSON object of label → value (HostLabels); '{}' for hosts without labels. */
  labels: Generated<string>;
  /** Null for the server's own host and hosts seen before agents. */
  agent_version: Generated<string | null>;
}

/** An agent stream's mark: the highest batch seq stored, so a replayed batch is skipped. */
export interface IngestStreamsTable {
  stream_id: string;
  host_id: string;
  last_seq: number;
  updated_at: number;
}

export interface GpusTable {
  gpu_id: Generated<number>;
  uuid: string;
  host_id: string;
  idx: number;
  name: string;
  serial: string | null;
  bus_id: string | null;
  vbios_version: string | null;
  memory_total_mib: number | null;
  power_limit_w: number | null;
  power_limit_default_w: number | null;
  mig_mode: string | null;
  compute_mode: string | null;
  /** 1, 0 or null: SQLite has no boolean. */
  persistence_mode: number | null;
  first_seen_at: number;
  last_seen_at: number;
}

export type GpuMetricsTable = {
  id: Generated<number>;
  gpu_id: number;
  ts: number;
  pstate: string | null;
  /** JSON array of reason names; null when there were none. */
  throttle_reasons: string | null;
} & Record<MetricColumn, number | null>;

/** A rollup row: per metric `<column>_min`/`_max` (null when never reported) and `_sum`/`_n` (0 when never). */
export type RollupTable = {
  gpu_id: number;
  ts: number;
  samples: number;
} & Record<`${MetricColumn}_${'min' | 'max'}`, number | null> &
  Record<`${MetricColumn}_${'sum' | 'n'}`, number>;

export interface AlertsTable {
  id: Generated<number>;
  rule_id: number | null;
  gpu_id: number | null;
  host_id: string | null;
  state: 'firing' | 'resolved' | 'acknowledged';
  severity: 'info' | 'warning' | 'critical';
  metric: string;
  value: number | null;
  threshold: number | null;
  message: string;
  started_at: number;
  resolved_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  /** The rule's name when the alert opened (the rule may be renamed or deleted since). */
  rule_name: string;
  /** Null for host-wide alerts; what the API filters on (gpu_id is filled when the GPU is known). */
  uuid: string | null;
  op: string;
  silenced_until: number | null;
  updated_at: number;
}

export interface AlertRulesTable {
  id: Generated<number>;
  name: string;
  metric: string;
  op: string;
  threshold: number;
  for_seconds: number;
  clear_threshold: number | null;
  severity: 'info' | 'warning' | 'critical';
  scope_host_id: string | null;
  scope_uuid: string | null;
  /** A JSON array of channel ids. */
  channel_ids: string;
  repeat_interval_seconds: number | null;
  /** 1 or 0. */
  enabled: number;
  /** 1 or 0: shipped with the product. */
  is_default: number;
  created_at: number;
  updated_at: number;
}

export interface NotificationChannelsTable {
  id: Generated<number>;
  name: string;
  type: string;
  /** A JSON object, secrets included. */
  config: string;
  /** A JSON array of severities. */
  severities: string;
  /** 1 or 0. */
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  alert_id: number;
  /** Null once the channel is deleted; its name and type stay. */
  channel_id: number | null;
  channel_name: string;
  channel_type: string;
  event: 'firing' | 'repeat' | 'resolved';
  idempotency_key: string;
  /** JSON: the notification payload (without url) as it was when the event happened. */
  payload: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: 'admin' | 'user' | 'reader';
  /** 1 or 0. */
  is_disabled: number;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface RefreshTokensTable {
  id: Generated<number>;
  /** sha256 hex of the opaque token; the token itself is never stored. */
  token_hash: string;
  family_id: string;
  user_id: number;
  session_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  /** sha256 hex of the key. */
  key_hash: string;
  scope: 'ingest' | 'read' | 'admin';
  created_by: string | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  ts: number;
  type: string;
  actor: string | null;
  target: string | null;
  ip: string | null;
  /** A JSON object. */
  details: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  hosts: HostsTable;
  ingest_streams: IngestStreamsTable;
  gpus: GpusTable;
  gpu_metrics: GpuMetricsTable;
  gpu_metrics_1m: RollupTable;
  gpu_metrics_10m: RollupTable;
  gpu_metrics_1h: RollupTable;
  alerts: AlertsTable;
  alert_rules: AlertRulesTable;
  notification_channels: NotificationChannelsTable;
  notification_outbox: NotificationOutboxTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
}
