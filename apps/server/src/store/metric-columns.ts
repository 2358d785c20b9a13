import { NUMERIC_METRICS, type NumericMetric } from '@gpu-sentinel/protocol';

/**
 * The one place a metric's SQL column is spelled (units in the names, as in the protocol).
 * Inserts, history and, later, rollups read column names from here. The migrations keep their
 * own frozen copy, since a migration must not change once shipped; a test checks they agree.
 */
export const METRIC_COLUMNS = {
  utilizationGpuPct: 'utilization_gpu_pct',
  utilizationMemoryPct: 'utilization_memory_pct',
  memoryUsedMiB: 'memory_used_mib',
  memoryTotalMiB: 'memory_total_mib',
  temperatureC: 'temperature_c',
  memoryTemperatureC: 'memory_temperature_c',
  powerDrawW: 'power_draw_w',
  powerLimitW: 'power_limit_w',
  fanSpeedPct: 'fan_speed_pct',
  clockSmMHz: 'clock_sm_mhz',
  clockMemMHz: 'clock_mem_mhz',
  encoderPct: 'encoder_pct',
  decoderPct: 'decoder_pct',
  pcieRxKBps: 'pcie_rx_kbps',
  pcieTxKBps: 'pcie_tx_kbps',
  eccErrorsCorrected: 'ecc_errors_corrected',
  eccErrorsUncorrected: 'ecc_errors_uncorrected',
} as const satisfies Record<NumericMetric, string>;

export type MetricColumn = (typeof METRIC_COLUMNS)[NumericMetric];

/** `[metric, column]` pairs in NUMERIC_METRICS order, so row values and column lists line up. */
export const METRIC_COLUMN_PAIRS: readonly (readonly [NumericMetric, MetricColumn])[] = NUMERIC_METRICS.map(
  (metric) => [metric, METRIC_COLUMNS[metric]] as const,
);

/** The four columns a rollup row keeps per metric (see migrations/0005-rollups.ts). */
export interface RollupMetricColumns {
  min: `${MetricColumn}_min`;
  max: `${MetricColumn}_max`;
  sum: `${MetricColumn}_sum`;
  n: `${MetricColumn}_n`;
}

export function rollupColumnsOf(column: MetricColumn): RollupMetricColumns {
  return { min: `${column}_min`, max: `${column}_max`, sum: `${column}_sum`, n: `${column}_n` };
}

/** `[metric, rollup columns]` in NUMERIC_METRICS order. */
export const ROLLUP_COLUMN_PAIRS: readonly (readonly [NumericMetric, RollupMetricColumns])[] = METRIC_COLUMN_PAIRS.map(
  ([metric, column]) => [metric, rollupColumnsOf(column)] as const,
);
