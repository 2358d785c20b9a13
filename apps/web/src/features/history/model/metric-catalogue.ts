import type { NumericMetric } from '@gpu-sentinel/protocol';

export interface MetricInfo {
  title: string;
  unit: string;
  digits: number;
  /** Percentages are drawn on 0–100 whatever the data. */
  yMax?: number;
}

/** What each metric is called on the history view, and its unit (shown on the axis and in the legend). */
export const METRIC_CATALOGUE: Readonly<Record<NumericMetric, MetricInfo>> = {
  utilizationGpuPct: { title: 'GPU utilisation', unit: '%', digits: 0, yMax: 100 },
  utilizationMemoryPct: { title: 'Memory bus utilisation', unit: '%', digits: 0, yMax: 100 },
  memoryUsedMiB: { title: 'Memory used', unit: 'MiB', digits: 0 },
  memoryTotalMiB: { title: 'Memory total', unit: 'MiB', digits: 0 },
  temperatureC: { title: 'Temperature', unit: '°C', digits: 0 },
  memoryTemperatureC: { title: 'Memory temperature', unit: '°C', digits: 0 },
  powerDrawW: { title: 'Power draw', unit: 'W', digits: 1 },
  powerLimitW: { title: 'Power limit', unit: 'W', digits: 0 },
  fanSpeedPct: { title: 'Fan speed', unit: '%', digits: 0, yMax: 100 },
  clockSmMHz: { title: 'SM clock', unit: 'MHz', digits: 0 },
  clockMemMHz: { title: 'Memory clock', unit: 'MHz', digits: 0 },
  encoderPct: { title: 'Encoder', unit: '%', digits: 0, yMax: 100 },
  decoderPct: { title: 'Decoder', unit: '%', digits: 0, yMax: 100 },
  pcieRxKBps: { title: 'PCIe receive', unit: 'KB/s', digits: 0 },
  pcieTxKBps: { title: 'PCIe transmit', unit: 'KB/s', digits: 0 },
  eccErrorsCorrected: { title: 'ECC errors, corrected', unit: '', digits: 0 },
  eccErrorsUncorrected: { title: 'ECC errors, uncorrected', unit: '', digits: 0 },
};
