import type { RuleMetric, RuleOp } from '@gpu-sentinel/protocol';

interface MetricLabel {
  label: string;
  unit: string;
}

/** Names a person reads in the rule editor, with the unit thresholds are in. */
export const METRIC_LABELS: Record<RuleMetric, MetricLabel> = {
  utilizationGpuPct: { label: 'GPU utilization', unit: '%' },
  utilizationMemoryPct: { label: 'Memory controller utilization', unit: '%' },
  memoryUsedMiB: { label: 'Memory used', unit: 'MiB' },
  memoryTotalMiB: { label: 'Memory total', unit: 'MiB' },
  temperatureC: { label: 'GPU temperature', unit: '°C' },
  memoryTemperatureC: { label: 'Memory temperature', unit: '°C' },
  powerDrawW: { label: 'Power draw', unit: 'W' },
  powerLimitW: { label: 'Power limit', unit: 'W' },
  fanSpeedPct: { label: 'Fan speed', unit: '%' },
  clockSmMHz: { label: 'SM clock', unit: 'MHz' },
  clockMemMHz: { label: 'Memory clock', unit: 'MHz' },
  encoderPct: { label: 'Encoder', unit: '%' },
  decoderPct: { label: 'Decoder', unit: '%' },
  pcieRxKBps: { label: 'PCIe receive', unit: 'KB/s' },
  pcieTxKBps: { label: 'PCIe transmit', unit: 'KB/s' },
  eccErrorsCorrected: { label: 'ECC errors, corrected', unit: '' },
  eccErrorsUncorrected: { label: 'ECC errors, uncorrected', unit: '' },
  memoryUsedPct: { label: 'Memory used, % of total', unit: '%' },
  powerLimitPct: { label: 'Power draw, % of limit', unit: '%' },
  temperatureRiseCPerMin: { label: 'Temperature rise', unit: '°C/min' },
  eccErrorsIncrease: { label: 'New ECC errors', unit: '' },
  gpuStaleSeconds: { label: 'GPU silent for', unit: 's' },
  nvidiaSmiDown: { label: 'nvidia-smi down (1 = down)', unit: '' },
  hostOfflineSeconds: { label: 'Host offline for', unit: 's' },
};

export const OP_SYMBOLS: Record<RuleOp, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

const QUIET_SIDE: Record<RuleOp, string> = { '>': '<', '>=': '<', '<': '>', '<=': '>' };

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A value with its metric's unit: "85 °C", "92.5 %", "3". */
export function formatMetricValue(metric: RuleMetric, value: number | null): string {
  if (value === null) return '—';
  const { unit } = METRIC_LABELS[metric];
  return unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** A rule's condition in one line: "temperatureC ≥ 85 for 30 s, clears < 80". */
export function conditionSummary(rule: {
  metric: RuleMetric;
  op: RuleOp;
  threshold: number;
  forSeconds: number;
  clearThreshold: number | null;
}): string {
  const parts = [`${rule.metric} ${OP_SYMBOLS[rule.op]} ${formatNumber(rule.threshold)}`];
  if (rule.forSeconds > 0) parts.push(` for ${formatSeconds(rule.forSeconds)}`);
  if (rule.clearThreshold !== null) parts.push(`, clears ${QUIET_SIDE[rule.op]} ${formatNumber(rule.clearThreshold)}`);
  return parts.join('');
}

/** Whole seconds as "30 s", "5 min", "2 h", "1 h 30 min". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds} s`;
  const minutes = seconds / 60;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
