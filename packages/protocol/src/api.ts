import { z } from 'zod';
import { HostFleetFacts, HostId } from './agent.js';
import { EpochMs, GpuInfo, GpuProcess, GpuSample, metricShape } from './gpu.js';

/** A GPU as the dashboard lists it: its static facts and its latest sample. */
export const GpuView = z.object({
  info: GpuInfo,
  latest: GpuSample.nullable(),
  /** No sample for 3 intervals. */
  isStale: z.boolean(),
});
export type GpuView = z.infer<typeof GpuView>;

/** Every GPU-data response says whether its data is simulated. */
const Simulated = z.object({ simulated: z.boolean() });

export const GpusResponse = Simulated.extend({ gpus: z.array(GpuView) });
export type GpusResponse = z.infer<typeof GpusResponse>;

export const GpuResponse = Simulated.extend({ gpu: GpuView });
export type GpuResponse = z.infer<typeof GpuResponse>;

export const ProcessesResponse = Simulated.extend({ uuid: z.string(), processes: z.array(GpuProcess) });
export type ProcessesResponse = z.infer<typeof ProcessesResponse>;

export const Host = z.object({
  hostId: z.string(),
  hostname: z.string(),
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
  gpuCount: z.number().int().nonnegative(),
  lastSeenAt: EpochMs.nullable(),
  ...HostFleetFacts.shape,
});
export type Host = z.infer<typeof Host>;

/** `GET /api/v1/hosts`: every host the store knows, online ones first, then by name. */
export const HostsResponse = Simulated.extend({ hosts: z.array(Host) });
export type HostsResponse = z.infer<typeof HostsResponse>;

export const HostParams = z.object({ hostId: HostId });
/** `GET /api/v1/hosts/:hostId`: the host and its GPUs as the dashboard lists them. */
export const HostResponse = Simulated.extend({ host: Host, gpus: z.array(GpuView) });
export type HostResponse = z.infer<typeof HostResponse>;

export const UuidParams = z.object({ uuid: z.string().min(1).max(128) });

export const MAX_HISTORY_POINTS = 5_000;
/** `GET /api/v1/gpus/:uuid/history?from&to&points`: times in epoch ms; defaults: the last 15 minutes, 900 points. */
export const GpuHistoryQuery = z
  .object({
    from: z.coerce.number().int().nonnegative().optional(),
    to: z.coerce.number().int().nonnegative().optional(),
    points: z.coerce.number().int().min(1).max(MAX_HISTORY_POINTS).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    error: 'from must be before to',
    path: ['from'],
  });
export type GpuHistoryQuery = z.infer<typeof GpuHistoryQuery>;

/** One bucket of history: the average of each metric over the bucket, stamped with the bucket start. */
export const HistoryPoint = z.object({ ts: EpochMs, ...metricShape });
export type HistoryPoint = z.infer<typeof HistoryPoint>;

export const GpuHistoryResponse = Simulated.extend({
  uuid: z.string(),
  from: EpochMs,
  to: EpochMs,
  bucketMs: z.number().int().positive(),
  points: z.array(HistoryPoint),
});
export type GpuHistoryResponse = z.infer<typeof GpuHistoryResponse>;

export const HealthResponse = z.object({ status: z.enum(['ok', 'not_ready']), reason: z.string().optional() });
export type HealthResponse = z.infer<typeof HealthResponse>;
