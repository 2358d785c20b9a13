import { NUMERIC_METRICS, type SampleMetrics } from '@gpu-sentinel/protocol';

/** A sample's metrics with every value unknown: the base a source fills in. */
export function emptyMetrics(): SampleMetrics {
  const numeric = Object.fromEntries(NUMERIC_METRICS.map((name) => [name, null])) as Record<
    (typeof NUMERIC_METRICS)[number],
    null
  >;
  return { ...numeric, pstate: null, throttleReasons: [] };
}
