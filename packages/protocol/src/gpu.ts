import { z } from 'zod';

/** A measured value. `null` when the GPU or driver cannot report it (N/A, Not Supported, ERR!). */
export const Metric = z.number().nullable();
export type Metric = z.infer<typeof Metric>;

/** Epoch milliseconds. */
export const EpochMs = z.number().int().nonnegative();

/** Static facts about one GPU, read from `nvidia-smi -q -x` at start-up and when the GPU set changes. */
export const GpuInfo = z.object({
  hostId: z.string().min(1),
  hostname: z.string(),
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
  uuid: z.string().min(1),
  index: z.number().int().nonnegative(),
  name: z.string(),
  serial: z.string().nullable(),
  busId: z.string().nullable(),
  vbiosVersion: z.string().nullable(),
  memoryTotalMiB: Metric,
  powerLimitW: Metric,
  powerLimitDefaultW: Metric,
  migMode: z.string().nullable(),
  computeMode: z.string().nullable(),
  persistenceMode: z.boolean().nullable(),
});
export type GpuInfo = z.infer<typeof GpuInfo>;

/**
 * The numeric metrics of a sample, in one place: history, rollups, alert rules and charts all
 * refer to metrics by these names.
 */
export const NUMERIC_METRICS = [
  'utilizationGpuPct',
  'utilizationMemoryPct',
  'memoryUsedMiB',
  'memoryTotalMiB',
  'temperatureC',
  'memoryTemperatureC',
  'powerDrawW',
  'powerLimitW',
  'fanSpeedPct',
  'clockSmMHz',
  'clockMemMHz',
  'encoderPct',
  'decoderPct',
  'pcieRxKBps',
  'pcieTxKBps',
  'eccErrorsCorrected',
  'eccErrorsUncorrected',
] as const;
export const NumericMetric = z.enum(NUMERIC_METRICS);
export type NumericMetric = z.infer<typeof NumericMetric>;

/** One nullable number per numeric metric, for schemas built from the metric list. */
export const metricShape = Object.fromEntries(NUMERIC_METRICS.map((name) => [name, Metric])) as Record<
  NumericMetric,
  typeof Metric
>;

/** What one GPU reports at one tick. */
export const GpuSample = z.object({
  ts: EpochMs,
  hostId: z.string().min(1),
  uuid: z.string().min(1),
  index: z.number().int().nonnegative(),
  ...metricShape,
  pstate: z.string().nullable(),
  throttleReasons: z.array(z.string()),
});
export type GpuSample = z.infer<typeof GpuSample>;

/** The metric part of a sample, as the parsers produce it before a host and time are stamped. */
export const SampleMetrics = GpuSample.omit({ ts: true, hostId: true, uuid: true, index: true });
export type SampleMetrics = z.infer<typeof SampleMetrics>;

/** A compute process running on a GPU. */
export const GpuProcess = z.object({
  ts: EpochMs,
  hostId: z.string().min(1),
  uuid: z.string().min(1),
  pid: z.number().int().nonnegative(),
  name: z.string(),
  usedMemoryMiB: Metric,
  user: z.string().nullable().optional(),
  container: z.string().nullable().optional(),
});
export type GpuProcess = z.infer<typeof GpuProcess>;

/** One GPU as `gpu-sentinel parse` prints it: the static facts and the sample fields a capture holds. */
export const ParsedGpu = GpuInfo.omit({
  hostId: true,
  hostname: true,
  driverVersion: true,
  cudaVersion: true,
}).extend(SampleMetrics.shape);
export type ParsedGpu = z.infer<typeof ParsedGpu>;

/** What the parsers make of one captured nvidia-smi output (`-q -x` XML or `--query-gpu` CSV). */
export const ParsedCapture = z.object({
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
  gpus: z.array(ParsedGpu),
});
export type ParsedCapture = z.infer<typeof ParsedCapture>;
