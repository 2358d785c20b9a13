import type { AlertRule, GpuInfo, RuleMetric } from '@gpu-sentinel/protocol';

const UNITS: Partial<Record<RuleMetric, string>> = {
  temperatureC: ' °C',
  memoryTemperatureC: ' °C',
  temperatureRiseCPerMin: ' °C/min',
  utilizationGpuPct: ' %',
  utilizationMemoryPct: ' %',
  memoryUsedPct: ' %',
  powerLimitPct: ' % of the power limit',
  fanSpeedPct: ' %',
  encoderPct: ' %',
  decoderPct: ' %',
  memoryUsedMiB: ' MiB',
  memoryTotalMiB: ' MiB',
  powerDrawW: ' W',
  powerLimitW: ' W',
  clockSmMHz: ' MHz',
  clockMemMHz: ' MHz',
  pcieRxKBps: ' KB/s',
  pcieTxKBps: ' KB/s',
  gpuStaleSeconds: ' s',
  hostOfflineSeconds: ' s',
};

/** A value as people read it: rounded to what matters, with its unit. */
export function formatMetricValue(metric: RuleMetric, value: number): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${String(rounded)}${UNITS[metric] ?? ''}`;
}

/** Where an alert is: "GPU 0 (NVIDIA H100 80GB HBM3) on node-7", or the host alone. */
export function describeTarget(hostname: string, gpu: Pick<GpuInfo, 'index' | 'name'> | undefined): string {
  return gpu === undefined ? hostname : `GPU ${String(gpu.index)} (${gpu.name}) on ${hostname}`;
}

/** The one-line text stored with an alert and shown in every notification. */
export function alertMessage(
  rule: Pick<AlertRule, 'name' | 'metric' | 'op' | 'threshold' | 'forSeconds'>,
  value: number,
  where: string,
): string {
  const lasting = rule.forSeconds > 0 ? ` for ${String(rule.forSeconds)} s` : '';
  const condition = `${rule.metric} ${formatMetricValue(rule.metric, value)} (${rule.op} ${formatMetricValue(rule.metric, rule.threshold)}${lasting})`;
  return `${rule.name}: ${condition} on ${where}`;
}
