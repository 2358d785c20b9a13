import {
  NUMERIC_METRICS,
  type HistorySeries,
  type NumericMetric,
  type RuleMetric,
  type RuleOp,
} from '@gpu-sentinel/protocol';

/** Which end of a bucket a rule would have seen: its max for `>`/`>=`, its min for `<`/`<=`. */
export type BucketEnd = 'min' | 'max';

export function bucketEndFor(op: RuleOp): BucketEnd {
  return op === '>' || op === '>=' ? 'max' : 'min';
}

/** Bucket start times and one value each (null: no data, or the metric could not be computed there). */
export interface PreviewSeries {
  ts: number[];
  values: (number | null)[];
}

/** Metrics history cannot replay: the source's and hosts' state is not stored, only samples. */
export const UNREPLAYABLE_METRICS: ReadonlySet<RuleMetric> = new Set([
  'gpuStaleSeconds',
  'nvidiaSmiDown',
  'hostOfflineSeconds',
]);

/** The stored series a rule metric is computed from; empty for metrics history cannot replay. */
export function seriesNeededFor(metric: RuleMetric): NumericMetric[] {
  if (isStoredMetric(metric)) return [metric];
  switch (metric) {
    case 'memoryUsedPct':
      return ['memoryUsedMiB', 'memoryTotalMiB'];
    case 'powerLimitPct':
      return ['powerDrawW', 'powerLimitW'];
    case 'temperatureRiseCPerMin':
      return ['temperatureC'];
    case 'eccErrorsIncrease':
      return ['eccErrorsCorrected', 'eccErrorsUncorrected'];
    case 'gpuStaleSeconds':
    case 'nvidiaSmiDown':
    case 'hostOfflineSeconds':
      return [];
  }
}

const STORED: ReadonlySet<string> = new Set(NUMERIC_METRICS);

function isStoredMetric(metric: RuleMetric): metric is NumericMetric {
  return STORED.has(metric);
}

type SeriesByMetric = ReadonlyMap<NumericMetric, HistorySeries>;
type Column = 'min' | 'avg' | 'max';

/**
 * One GPU's history buckets → the values a rule on `metric` would have seen, one per bucket, on the
 * side of the bucket that could trip it (`end`). Derived metrics follow the live evaluator's
 * definitions (packages/protocol alerts.ts), computed from bucket aggregates.
 */
export function previewValues(
  metric: RuleMetric,
  series: SeriesByMetric,
  end: BucketEnd,
  bucketMs: number,
): PreviewSeries {
  const ts = bucketTimes(series);
  const at = (name: NumericMetric, column: Column): ((t: number) => number | null) => lookup(series.get(name), column);
  if (isStoredMetric(metric)) return { ts, values: ts.map(at(metric, end)) };
  switch (metric) {
    case 'memoryUsedPct':
      return { ts, values: ts.map((t) => percent(at('memoryUsedMiB', end)(t), at('memoryTotalMiB', 'avg')(t))) };
    case 'powerLimitPct':
      return { ts, values: ts.map((t) => percent(at('powerDrawW', end)(t), at('powerLimitW', 'avg')(t))) };
    case 'temperatureRiseCPerMin':
      return { ts, values: risePerMinute(ts, at('temperatureC', end), at('temperatureC', opposite(end)), bucketMs) };
    case 'eccErrorsIncrease':
      return { ts, values: eccIncrease(ts, series) };
    case 'gpuStaleSeconds':
    case 'nvidiaSmiDown':
    case 'hostOfflineSeconds':
      return { ts, values: ts.map(() => null) };
  }
}

/** Every bucket any of the series has, ascending. */
function bucketTimes(series: SeriesByMetric): number[] {
  const times = new Set<number>();
  for (const { ts } of series.values()) for (const t of ts) times.add(t);
  return [...times].sort((a, b) => a - b);
}

function lookup(series: HistorySeries | undefined, column: Column): (t: number) => number | null {
  const byTs = new Map<number, number | null>();
  series?.ts.forEach((t, i) => byTs.set(t, series[column][i] ?? null));
  return (t) => byTs.get(t) ?? null;
}

function opposite(end: BucketEnd): BucketEnd {
  return end === 'max' ? 'min' : 'max';
}

function percent(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0) return null;
  return (part / whole) * 100;
}

/**
 * °C gained per minute: each bucket against the bucket a minute (or one bucket, if wider) earlier,
 * the worst case in the rule's direction (this bucket's `end` against that one's opposite end).
 */
function risePerMinute(
  ts: readonly number[],
  now: (t: number) => number | null,
  before: (t: number) => number | null,
  bucketMs: number,
): (number | null)[] {
  const lagMs = Math.max(60_000, bucketMs);
  const lagBuckets = Math.max(1, Math.round(lagMs / bucketMs));
  const spanMs = lagBuckets * bucketMs;
  return ts.map((t) => {
    const current = now(t);
    const earlier = before(t - spanMs);
    return current === null || earlier === null ? null : ((current - earlier) * 60_000) / spanMs;
  });
}

/**
 * ECC errors (corrected + uncorrected, both counters) added in each bucket: its last count against
 * the previous bucket's, or against its own first count when there is no previous one. A counter
 * that went down (driver reload) counts as no increase.
 */
function eccIncrease(ts: readonly number[], series: SeriesByMetric): (number | null)[] {
  const lastCount = total(
    lookup(series.get('eccErrorsCorrected'), 'max'),
    lookup(series.get('eccErrorsUncorrected'), 'max'),
  );
  const firstCount = total(
    lookup(series.get('eccErrorsCorrected'), 'min'),
    lookup(series.get('eccErrorsUncorrected'), 'min'),
  );
  let previous: number | null = null;
  return ts.map((t) => {
    const last = lastCount(t);
    if (last === null) return null;
    const base = previous ?? firstCount(t) ?? last;
    previous = last;
    return Math.max(0, last - base);
  });
}

function total(a: (t: number) => number | null, b: (t: number) => number | null): (t: number) => number | null {
  return (t) => {
    const x = a(t);
    const y = b(t);
    return x === null && y === null ? null : (x ?? 0) + (y ?? 0);
  };
}
