import { NUMERIC_METRICS, type GpuSample, type NumericMetric } from '@gpu-sentinel/protocol';

/** One metric over one rollup bucket. `n` counts the samples that reported it; `sum / n` is the average. */
export interface MetricAggregate {
  min: number | null;
  max: number | null;
  sum: number;
  n: number;
}

/** One GPU over one tier bucket: what a rollup row holds, before it is merged into the stored row. */
export interface RollupBucket {
  uuid: string;
  hostId: string;
  /** The bucket start: the sample time floored to the tier width. */
  ts: number;
  /** How many samples fell in the bucket. */
  samples: number;
  metrics: Record<NumericMetric, MetricAggregate>;
}

function emptyMetrics(): Record<NumericMetric, MetricAggregate> {
  const metrics = {} as Record<NumericMetric, MetricAggregate>;
  for (const metric of NUMERIC_METRICS) metrics[metric] = { min: null, max: null, sum: 0, n: 0 };
  return metrics;
}

/** The start of the tier bucket holding `ts`. */
export function bucketStart(ts: number, tierMs: number): number {
  return ts - (ts % tierMs);
}

/**
 * Fold a batch of samples into per-GPU buckets of `tierMs`: min, max, sum and count of every
 * metric, nulls skipped. Merging these into stored rows (min of mins, sum of sums, …) gives the
 * same row as folding every sample at once, so rollups are kept batch by batch, in any order.
 */
export function rollupSamples(samples: readonly GpuSample[], tierMs: number): RollupBucket[] {
  const buckets = new Map<string, RollupBucket>();
  for (const sample of samples) {
    const ts = bucketStart(sample.ts, tierMs);
    const key = `${sample.uuid}\u0000${String(ts)}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { uuid: sample.uuid, hostId: sample.hostId, ts, samples: 0, metrics: emptyMetrics() };
      buckets.set(key, bucket);
    }
    bucket.samples += 1;
    for (const metric of NUMERIC_METRICS) {
      const value = sample[metric];
      if (value === null) continue;
      const aggregate = bucket.metrics[metric];
      aggregate.min = aggregate.min === null || value < aggregate.min ? value : aggregate.min;
      aggregate.max = aggregate.max === null || value > aggregate.max ? value : aggregate.max;
      aggregate.sum += value;
      aggregate.n += 1;
    }
  }
  return [...buckets.values()];
}

/** Merge two aggregates of the same metric and bucket (what the store's upsert does in SQL). */
export function mergeAggregates(a: MetricAggregate, b: MetricAggregate): MetricAggregate {
  return {
    min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
    max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
    sum: a.sum + b.sum,
    n: a.n + b.n,
  };
}
