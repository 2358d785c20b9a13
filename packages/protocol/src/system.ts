import { z } from 'zod';
import { EpochMs } from './gpu.js';
import { SourceState } from './source.js';
import { StorageEngine, WriterStats } from './storage.js';

export const MIN_INTERVAL_MS = 100;
export const MAX_INTERVAL_MS = 60_000;
export const IntervalMs = z.number().int().min(MIN_INTERVAL_MS).max(MAX_INTERVAL_MS);

/** `GET /api/v1/system`: what the server is and what it is doing. */
export const SystemStatus = z.object({
  version: z.string(),
  nodeVersion: z.string(),
  hostId: z.string(),
  hostname: z.string(),
  startedAt: EpochMs,
  source: SourceState,
  intervalMs: IntervalMs,
  isRecording: z.boolean(),
  simulated: z.boolean(),
  storage: z.object({ engine: StorageEngine, location: z.string(), writer: WriterStats }),
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
});
export type SystemStatus = z.infer<typeof SystemStatus>;

/** `PUT /api/v1/system/recording` */
export const RecordingBody = z.object({ recording: z.boolean() }).strict();
export type RecordingBody = z.infer<typeof RecordingBody>;

/** `PUT /api/v1/system/interval` */
export const IntervalBody = z.object({ intervalMs: IntervalMs }).strict();
export type IntervalBody = z.infer<typeof IntervalBody>;
