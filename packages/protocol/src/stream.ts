import { z } from 'zod';
import { Alert } from './alerts.js';
import { EpochMs, GpuInfo, GpuSample } from './gpu.js';
import { SourceState } from './source.js';
import { SystemStatus } from './system.js';

/** Sent once on connect: everything a client needs to draw the dashboard. */
export const SnapshotMessage = z.object({
  type: z.literal('snapshot'),
  system: SystemStatus,
  inventory: z.array(GpuInfo),
  samples: z.array(GpuSample),
});

/** One per tick: every GPU's sample of that tick. */
export const SamplesMessage = z.object({
  type: z.literal('samples'),
  ts: EpochMs,
  samples: z.array(GpuSample),
});

/** The GPU set or its static facts changed. */
export const InventoryMessage = z.object({ type: z.literal('inventory'), inventory: z.array(GpuInfo) });

/** The source's supervision state changed. */
export const SourceMessage = z.object({ type: z.literal('source'), source: SourceState });

/** Interval or recording changed. */
export const SystemMessage = z.object({ type: z.literal('system'), system: SystemStatus });

/** An alert opened, was acknowledged or silenced, or resolved: the alert as it is now. */
export const AlertMessage = z.object({
  type: z.literal('alert'),
  change: z.enum(['opened', 'acknowledged', 'silenced', 'resolved']),
  alert: Alert,
});
export type AlertMessage = z.infer<typeof AlertMessage>;

/** Server → client messages on `/api/v1/stream`. */
export const StreamMessage = z.discriminatedUnion('type', [
  SnapshotMessage,
  SamplesMessage,
  InventoryMessage,
  SourceMessage,
  SystemMessage,
  AlertMessage,
]);
export type StreamMessage = z.infer<typeof StreamMessage>;
export type SnapshotMessage = z.infer<typeof SnapshotMessage>;
export type SamplesMessage = z.infer<typeof SamplesMessage>;
