import type { ServerConfigInput } from '@gpu-sentinel/protocol';

export type ConfigField = keyof ServerConfigInput;

/** Settings `serve` takes as flags, by commander's camelCase name → config field and the flag as typed. */
export const FLAG_FIELDS = {
  port: { field: 'port', flag: '--port' },
  host: { field: 'host', flag: '--host' },
  source: { field: 'source', flag: '--source' },
  gpus: { field: 'gpus', flag: '--gpus' },
  intervalMs: { field: 'intervalMs', flag: '--interval-ms' },
  dataDir: { field: 'dataDir', flag: '--data-dir' },
  nvidiaSmi: { field: 'nvidiaSmiPath', flag: '--nvidia-smi' },
  logLevel: { field: 'logLevel', flag: '--log-level' },
  hostname: { field: 'hostname', flag: '--hostname' },
  tlsCert: { field: 'tlsCert', flag: '--tls-cert' },
  tlsKey: { field: 'tlsKey', flag: '--tls-key' },
  databaseUrl: { field: 'databaseUrl', flag: '--database-url' },
  retentionRawHours: { field: 'retentionRawHours', flag: '--retention-raw-hours' },
  retentionMinuteDays: { field: 'retentionMinuteDays', flag: '--retention-minute-days' },
  retentionTenMinuteDays: { field: 'retentionTenMinuteDays', flag: '--retention-ten-minute-days' },
  retentionHourDays: { field: 'retentionHourDays', flag: '--retention-hour-days' },
  publicUrl: { field: 'publicUrl', flag: '--public-url' },
  trustProxy: { field: 'trustProxy', flag: '--trust-proxy' },
  metricsAuth: { field: 'metricsAuth', flag: '--metrics-auth' },
} as const satisfies Record<string, { field: ConfigField; flag: string }>;

export type ConfigFlags = Partial<Record<keyof typeof FLAG_FIELDS, string>>;

/** Environment variables → config fields. */
export const ENV_FIELDS = {
  GPU_SENTINEL_PORT: 'port',
  GPU_SENTINEL_HOST: 'host',
  GPU_SENTINEL_SOURCE: 'source',
  GPU_SENTINEL_DATA_DIR: 'dataDir',
  GPU_SENTINEL_INTERVAL_MS: 'intervalMs',
  GPU_SENTINEL_LOG_LEVEL: 'logLevel',
  GPU_SENTINEL_ADMIN_PASSWORD: 'adminPassword',
  GPU_SENTINEL_SECRET: 'secret',
  GPU_SENTINEL_TLS_CERT: 'tlsCert',
  GPU_SENTINEL_TLS_KEY: 'tlsKey',
  GPU_SENTINEL_CORS_ORIGINS: 'corsOrigins',
  REDIS_URL: 'redisUrl',
  GPU_SENTINEL_REDIS_PREFIX: 'redisPrefix',
  DATABASE_URL: 'databaseUrl',
  GPU_SENTINEL_RETENTION_RAW_HOURS: 'retentionRawHours',
  GPU_SENTINEL_RETENTION_MINUTE_DAYS: 'retentionMinuteDays',
  GPU_SENTINEL_RETENTION_TEN_MINUTE_DAYS: 'retentionTenMinuteDays',
  GPU_SENTINEL_RETENTION_HOUR_DAYS: 'retentionHourDays',
  GPU_SENTINEL_PUBLIC_URL: 'publicUrl',
  GPU_SENTINEL_TRUST_PROXY: 'trustProxy',
  GPU_SENTINEL_METRICS_AUTH: 'metricsAuth',
  GPU_SENTINEL_NOTIFY_MAX_ATTEMPTS: 'notifyMaxAttempts',
  GPU_SENTINEL_NOTIFY_RETRY_BASE_MS: 'notifyRetryBaseMs',
  GPU_SENTINEL_NOTIFY_LEASE_MS: 'notifyLeaseMs',
} as const satisfies Record<string, ConfigField>;

/** The env var naming a JSON config file (`--config` wins over it). */
export const CONFIG_FILE_ENV = 'GPU_SENTINEL_CONFIG';

/** Accepted so that a deployment written for later versions starts, but not used yet (none at present). */
export const NOT_YET_SUPPORTED_ENV: Readonly<Record<string, string>> = {};

/** Fields that hold numbers: a flag or env value for them is a string to convert. */
export const NUMERIC_FIELDS: ReadonlySet<ConfigField> = new Set<ConfigField>([
  'port',
  'gpus',
  'seed',
  'intervalMs',
  'processIntervalMs',
  'writeFlushMs',
  'writeBatchRows',
  'wsMaxBufferedBytes',
  'rateLimitPerMinute',
  'rateLimitHistoryPerMinute',
  'rateLimitLoginPerMinute',
  'retentionRawHours',
  'retentionMinuteDays',
  'retentionTenMinuteDays',
  'retentionHourDays',
  'retentionIntervalMs',
  'notifyMaxAttempts',
  'notifyRetryBaseMs',
  'notifyLeaseMs',
]);

/** Fields that hold lists: a flag or env value for them is comma-separated. */
export const LIST_FIELDS: ReadonlySet<ConfigField> = new Set<ConfigField>(['corsOrigins']);
