import { z } from 'zod';
import { HostStatus } from './agent.js';
import { HealthResponse } from './api.js';
import { EpochMs } from './gpu.js';
import { HistoryTier } from './history.js';
import { SourceState } from './source.js';
import { StorageEngine, WriterStats } from './storage.js';

/** How many warnings and errors the server keeps for the System page: the newest, half of each (older ones are in its log). */
export const RECENT_LOG_ENTRIES = 100;

/** A warning or error the server logged, as the System page lists it. */
export const RecentLogEntry = z.object({
  at: EpochMs,
  level: z.enum(['warn', 'error', 'fatal']),
  message: z.string(),
  /** The error's message, when one was logged with it. */
  error: z.string().nullable(),
  /** The request it happened in, when it did (matches the X-Request-Id header and the request's log line). */
  requestId: z.string().nullable(),
});
export type RecentLogEntry = z.infer<typeof RecentLogEntry>;

/** One host's GPU source, as its agent (or this server, for its own host) last reported it. */
export const SourceDiagnostics = z.object({
  hostId: z.string(),
  hostname: z.string(),
  isLocal: z.boolean(),
  status: HostStatus,
  gpuCount: z.number().int().nonnegative(),
  /** Null when the host's agent has not reported since this server started. */
  source: SourceState.nullable(),
});
export type SourceDiagnostics = z.infer<typeof SourceDiagnostics>;

/** The last store write of queued samples. */
export const WriterWrite = z.object({
  at: EpochMs,
  durationMs: z.number().nonnegative(),
  rows: z.number().int().nonnegative(),
});
export type WriterWrite = z.infer<typeof WriterWrite>;

export const WriterDiagnostics = WriterStats.extend({
  /** How long the oldest queued sample has waited for the store (0 with nothing queued). */
  lagMs: z.number().nonnegative(),
  lastWrite: WriterWrite.nullable(),
});
export type WriterDiagnostics = z.infer<typeof WriterDiagnostics>;

/** `GET /api/v1/system/diagnostics` (admins): how this server is doing, for the System page. */
export const SystemDiagnostics = z.object({
  checkedAt: EpochMs,
  health: HealthResponse,
  versions: z.object({
    server: z.string(),
    node: z.string(),
    /** The server's own host's driver and CUDA (null without a local source). */
    driver: z.string().nullable(),
    cuda: z.string().nullable(),
    storageEngine: StorageEngine,
  }),
  process: z.object({
    hostname: z.string(),
    startedAt: EpochMs,
    uptimeMs: z.number().nonnegative(),
    rssBytes: z.number().int().nonnegative(),
    heapUsedBytes: z.number().int().nonnegative(),
  }),
  /** Every host's source, this server's own first, then failing ones, then by name. */
  sources: z.array(SourceDiagnostics),
  storage: z.object({
    engine: StorageEngine,
    location: z.string(),
    sizeBytes: z.number().int().nonnegative().nullable(),
    tiers: z.array(
      z.object({
        tier: HistoryTier,
        rows: z.number().int().nonnegative(),
        sizeBytes: z.number().int().nonnegative().nullable(),
      }),
    ),
  }),
  websocket: z.object({
    clients: z.number().int().nonnegative(),
    skippedTicks: z.number().int().nonnegative(),
    droppedSlowClients: z.number().int().nonnegative(),
    terminatedDeadClients: z.number().int().nonnegative(),
  }),
  writer: WriterDiagnostics,
  /** With replicas (Redis): whether this one evaluates the alert rules and runs retention now. */
  cluster: z.object({
    isClustered: z.boolean(),
    ownsAlerting: z.boolean(),
    ownsRetention: z.boolean(),
  }),
  /** This server's newest warnings and errors, newest first (at most RECENT_LOG_ENTRIES). */
  recentErrors: z.array(RecentLogEntry),
});
export type SystemDiagnostics = z.infer<typeof SystemDiagnostics>;
