import { z } from 'zod';
import { DEFAULT_RETENTION, RetentionSettings } from './storage.js';
import { IntervalMs } from './system.js';

/**
 * `--source`: `auto` uses nvidia-smi when it works and the simulated source otherwise; `none` (serve
 * only) runs a server without a local source, whose samples all come from agents.
 */
export const SourceOption = z.union([
  z.enum(['auto', 'nvidia-smi', 'simulated', 'none']),
  z.string().regex(/^replay:.+/, 'expected nvidia-smi, simulated, auto, none or replay:<dir>'),
]);
export type SourceOption = z.infer<typeof SourceOption>;

/**
 * Who may read `GET /metrics`: `key` (the default, deny by default) asks for a read-scoped API key as a
 * bearer token, as Prometheus sends with `authorization: credentials:`; `public` opens it to anyone who
 * reaches the port (a scraper on a trusted network without credentials).
 */
export const MetricsAuth = z.enum(['key', 'public']);
export type MetricsAuth = z.infer<typeof MetricsAuth>;

/** The server's configuration, after flags > env > config file > defaults have been merged. */
export const ServerConfig = z
  .object({
    port: z.number().int().min(0).max(65_535).default(3055),
    host: z.string().min(1).default('0.0.0.0'),
    source: SourceOption.default('auto'),
    gpus: z.number().int().min(1).max(64).default(4),
    seed: z.number().int().default(42),
    intervalMs: IntervalMs.default(250),
    processIntervalMs: z.number().int().min(500).max(600_000).default(2_000),
    dataDir: z.string().min(1).default('./data'),
    /** Postgres (`postgres://…`): samples, rollups, users and settings go there instead of SQLite in `dataDir`. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'expected postgres://… or postgresql://…')
      .optional(),
    /**
     * Retention until an admin changes it (then the stored setting wins): raw hours, 1-minute,
     * 10-minute and 1-hour days.
     */
    retentionRawHours: RetentionSettings.shape.rawHours.default(DEFAULT_RETENTION.rawHours),
    retentionMinuteDays: RetentionSettings.shape.minuteDays.default(DEFAULT_RETENTION.minuteDays),
    retentionTenMinuteDays: RetentionSettings.shape.tenMinuteDays.default(DEFAULT_RETENTION.tenMinuteDays),
    retentionHourDays: RetentionSettings.shape.hourDays.default(DEFAULT_RETENTION.hourDays),
    /** How often the retention job runs. */
    retentionIntervalMs: z.number().int().min(1_000).max(86_400_000).default(600_000),
    nvidiaSmiPath: z.string().min(1).default('nvidia-smi'),
    hostname: z.string().min(1).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    webDir: z.string().min(1).optional(),
    /**
     * Flush the store writer at least this often or every `writeBatchRows` rows. A batch folds into
     * the rollups once per GPU and minute, so a fleet's batches are made large: 250 hosts × 8 GPUs at
     * 4 Hz is 8,000 rows a second, one transaction.
     */
    writeFlushMs: z.number().int().min(10).max(60_000).default(1_000),
    writeBatchRows: z.number().int().min(1).max(100_000).default(10_000),
    /** Per-client bound on queued WebSocket bytes before ticks are skipped for it. */
    wsMaxBufferedBytes: z.number().int().min(1_024).default(1_048_576),
    adminPassword: z.string().min(1).optional(),
    secret: z.string().min(1).optional(),
    /** PEM certificate and key files: both given → HTTPS and WSS on the same port, with HSTS. */
    tlsCert: z.string().min(1).optional(),
    tlsKey: z.string().min(1).optional(),
    /**
     * The load balancers in front (replicas): a hop count (`1`) or comma-separated addresses and CIDRs.
     * Client addresses (rate limits, login lockouts, the audit log) then come from X-Forwarded-For.
     * Unset: the peer address is the client's.
     */
    trustProxy: z
      .string()
      .regex(
        /^(\d{1,2}|[0-9A-Fa-f:./]+(\s*,\s*[0-9A-Fa-f:./]+)*)$/,
        'expected a hop count or comma-separated addresses/CIDRs',
      )
      .optional(),
    /** Who may read `GET /metrics` (Prometheus): a read API key (`key`) or anyone (`public`). */
    metricsAuth: MetricsAuth.default('key'),
    /** Origins allowed to call the API from a browser on another origin; empty: CORS closed. */
    corsOrigins: z.array(z.url()).default([]),
    /** Redis (`redis://…`): rate-limit counters and login lockouts are shared through it when set. */
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\/.+/, 'expected redis://… or rediss://…')
      .optional(),
    /** Prefix of every Redis key and channel: deployments sharing one Redis each take their own. */
    redisPrefix: z
      .string()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'expected up to 64 letters, digits, : _ . -')
      .default('gpu-sentinel:'),
    /** Requests per minute per principal (or per IP before signing in). */
    rateLimitPerMinute: z.number().int().min(1).max(1_000_000).default(1_200),
    /** Requests per minute to history and export, which read the most. */
    rateLimitHistoryPerMinute: z.number().int().min(1).max(1_000_000).default(120),
    /** Login attempts per minute per IP (failed logins also lock the username out from that IP). */
    rateLimitLoginPerMinute: z.number().int().min(1).max(1_000_000).default(20),
    /** The dashboard's address as users reach it (links in notifications); unset: links are left out. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Alert deliveries: tries before a notification is marked dead, and the first retry's delay (doubling, with jitter). */
    notifyMaxAttempts: z.number().int().min(1).max(100).default(10),
    notifyRetryBaseMs: z.number().int().min(100).max(3_600_000).default(5_000),
    /** A delivery in flight longer than this (a crash, a hung receiver) is tried again. */
    notifyLeaseMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
  })
  .strict();
export type ServerConfig = z.infer<typeof ServerConfig>;
export type ServerConfigInput = z.input<typeof ServerConfig>;
