import { z } from 'zod';
import { EpochMs, NumericMetric, NUMERIC_METRICS } from './gpu.js';

/**
 * The rollups the writer keeps as it writes, finest first: min, avg and max of every metric per
 * GPU per minute, per 10 minutes and per hour. The 10-minute tier keeps month-long reads small
 * (30 days in 1,000 points is 43-minute buckets: 4,320 rows per GPU instead of 43,200 minutes).
 */
export const ROLLUP_TIERS = ['1m', '10m', '1h'] as const;
export const RollupTier = z.enum(ROLLUP_TIERS);
export type RollupTier = z.infer<typeof RollupTier>;

/** Where history is read from: raw samples or one of the rollups. */
export const HISTORY_TIERS = ['raw', ...ROLLUP_TIERS] as const;
export const HistoryTier = z.enum(HISTORY_TIERS);
export type HistoryTier = z.infer<typeof HistoryTier>;

/** How long one row of each tier covers; a raw row is one sample (0). */
export const TIER_BUCKET_MS: Readonly<Record<HistoryTier, number>> = {
  raw: 0,
  '1m': 60_000,
  '10m': 600_000,
  '1h': 3_600_000,
};

export const MAX_HISTORY_SERIES_POINTS = 5_000;
export const DEFAULT_HISTORY_SERIES_POINTS = 1_000;
/** How far `compare` shifts the window back. */
export const COMPARE_OFFSETS_MS = { '1d': 86_400_000, '1w': 7 * 86_400_000 } as const;

/** A time in a query string: epoch milliseconds (`1764115200000`) or ISO 8601 (`2026-11-26T10:00:00Z`). */
export const TimeParam = z.string().transform((text, ctx) => {
  const ms = /^\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 0) {
    ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds or an ISO 8601 time' });
    return z.NEVER;
  }
  return ms;
});

/** A comma-separated list in a query string; empty items are an error, not ignored. */
function splitList(text: string): string[] {
  return text.split(',').map((part) => part.trim());
}

export const GpuUuidList = z
  .string()
  .transform(splitList)
  .pipe(z.array(z.string().min(1).max(128)).min(1).max(1_024));
export const MetricList = z
  .string()
  .transform(splitList)
  .pipe(z.array(NumericMetric).min(1).max(NUMERIC_METRICS.length));

const rangeRefinement = {
  check: (q: { from?: number | undefined; to?: number | undefined }) =>
    q.from === undefined || q.to === undefined || q.from < q.to,
  params: { error: 'from must be before to', path: ['from'] },
};

/**
 * `GET /api/v1/history?gpus=…&metrics=…&from=…&to=…&points=…&compare=1d|1w`.
 * Defaults: every GPU the server knows, every metric, the last hour, 1,000 points.
 */
export const HistoryQuery = z
  .object({
    gpus: GpuUuidList.optional(),
    metrics: MetricList.optional(),
    from: TimeParam.optional(),
    to: TimeParam.optional(),
    points: z.coerce.number().int().min(1).max(MAX_HISTORY_SERIES_POINTS).optional(),
    compare: z.enum(['1d', '1w']).optional(),
  })
  .strict()
  .refine(rangeRefinement.check, rangeRefinement.params);
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** One metric of one GPU: parallel arrays, one entry per bucket (bucket start in `ts`), ascending. */
export const HistorySeries = z.object({
  ts: z.array(EpochMs),
  min: z.array(z.number().nullable()),
  avg: z.array(z.number().nullable()),
  max: z.array(z.number().nullable()),
});
export type HistorySeries = z.infer<typeof HistorySeries>;

/** uuid → metric → series. */
export const HistorySeriesByGpu = z.record(z.string(), z.partialRecord(NumericMetric, HistorySeries));
export type HistorySeriesByGpu = z.infer<typeof HistorySeriesByGpu>;

export const HistoryWindow = z.object({
  from: EpochMs,
  to: EpochMs,
  /** The tier read: the coarsest whose rows are no wider than a bucket and that still holds `from`. */
  tier: HistoryTier,
  bucketMs: z.number().int().positive(),
  series: HistorySeriesByGpu,
});
export type HistoryWindow = z.infer<typeof HistoryWindow>;

export const HistoryResponse = HistoryWindow.extend({
  simulated: z.boolean(),
  /** With `compare`: the same window shifted back by `offsetMs`; its `ts` are the real (earlier) times. */
  compare: HistoryWindow.extend({ offsetMs: z.number().int().positive() }).optional(),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;

/**
 * `GET /api/v1/export?format=csv|ndjson&gpus=…&from=…&to=…&tier=raw|1m|10m|1h`, streamed.
 * Defaults: csv, every GPU, the last 24 hours, raw samples.
 */
export const ExportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS).optional(),
    gpus: GpuUuidList.optional(),
    from: TimeParam.optional(),
    to: TimeParam.optional(),
    tier: HistoryTier.optional(),
  })
  .strict()
  .refine(rangeRefinement.check, rangeRefinement.params);
export type ExportQuery = z.infer<typeof ExportQuery>;

/** min, avg and max of one metric over a rollup row; null when the metric was never reported in it. */
export const MetricAggregate = z.object({
  min: z.number().nullable(),
  avg: z.number().nullable(),
  max: z.number().nullable(),
});

/** One NDJSON line of a `tier=1m|10m|1h` export (a raw export's lines are `GpuSample`s). */
export const RollupExportRow = z.object({
  ts: EpochMs,
  tier: RollupTier,
  hostId: z.string(),
  uuid: z.string(),
  index: z.number().int(),
  /** How many samples the row summarises. */
  samples: z.number().int().nonnegative(),
  metrics: z.partialRecord(NumericMetric, MetricAggregate),
});
export type RollupExportRow = z.infer<typeof RollupExportRow>;
