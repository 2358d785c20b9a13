import { z } from 'zod';
import { EpochMs } from './gpu.js';
import { HistoryTier } from './history.js';

/**
 * How long each tier is kept. Defaults: raw 48 hours, 1-minute rollups 30 days, 10-minute rollups
 * 90 days, 1-hour rollups 400 days.
 */
export const RetentionSettings = z
  .object({
    rawHours: z.number().int().min(1).max(8_760),
    minuteDays: z.number().int().min(1).max(3_650),
    tenMinuteDays: z.number().int().min(1).max(3_650),
    hourDays: z.number().int().min(1).max(36_500),
  })
  .strict();
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const DEFAULT_RETENTION: RetentionSettings = { rawHours: 48, minuteDays: 30, tenMinuteDays: 90, hourDays: 400 };

/** Retention per tier in ms. */
export function retentionMs(settings: RetentionSettings): Record<HistoryTier, number> {
  return {
    raw: settings.rawHours * 3_600_000,
    '1m': settings.minuteDays * 86_400_000,
    '10m': settings.tenMinuteDays * 86_400_000,
    '1h': settings.hourDays * 86_400_000,
  };
}

export const StorageTierStatus = z.object({
  tier: HistoryTier,
  rows: z.number().int().nonnegative(),
  oldest: EpochMs.nullable(),
  newest: EpochMs.nullable(),
  /** Bytes on disk of the tier's table (with its indexes), where the engine can tell. */
  sizeBytes: z.number().int().nonnegative().nullable(),
  retentionMs: z.number().int().positive(),
});
export type StorageTierStatus = z.infer<typeof StorageTierStatus>;

export const RetentionRun = z.object({
  at: EpochMs,
  durationMs: z.number().nonnegative(),
  deletedRows: z.record(HistoryTier, z.number().int().nonnegative()),
  /** Postgres: whole day partitions of raw samples dropped. */
  droppedPartitions: z.number().int().nonnegative(),
  error: z.string().nullable(),
});
export type RetentionRun = z.infer<typeof RetentionRun>;

/** What the sample writer has done since start: nothing it could not write goes uncounted. */
export const WriterStats = z.object({
  written: z.number().int().nonnegative(),
  /** Rows that will never be written: pushed out of the full queue, or in a batch the store refused. */
  dropped: z.number().int().nonnegative(),
  failedBatches: z.number().int().nonnegative(),
  /** Agent rows that arrived again (a replay after an outage) and were skipped: already stored. */
  duplicates: z.number().int().nonnegative().default(0),
  queued: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  isRecording: z.boolean(),
});
export type WriterStats = z.infer<typeof WriterStats>;

export const StorageEngine = z.enum(['sqlite', 'postgres']);
export type StorageEngine = z.infer<typeof StorageEngine>;

/** `GET /api/v1/storage` (admin). */
export const StorageStatus = z.object({
  engine: StorageEngine,
  location: z.string(),
  /** The whole database on disk, where the engine can tell. */
  sizeBytes: z.number().int().nonnegative().nullable(),
  tiers: z.array(StorageTierStatus),
  retention: RetentionSettings,
  lastRetention: RetentionRun.nullable(),
  writer: WriterStats,
});
export type StorageStatus = z.infer<typeof StorageStatus>;

/** `PUT /api/v1/storage`: change any retention; the next retention run applies it (the PUT starts one). */
export const StorageSettingsBody = z.object({ retention: RetentionSettings.partial() }).strict();
export type StorageSettingsBody = z.infer<typeof StorageSettingsBody>;
