import type { GpuSample, GpuView } from '@gpu-sentinel/protocol';
import { Gauge, type Registry } from 'prom-client';
import type { LiveState } from '../live/live-state.js';

/**
 * dcgm-exporter's labels, but for `model_name`: dcgm-exporter spells it `modelName`, which promtool's lint
 * rejects (label names are snake_case). NVIDIA's own dashboard groups by `Hostname`, `gpu` and `UUID`
 * only; docs/metrics.md gives the one relabelling rule that restores `modelName` for dashboards that use it.
 */
export const GPU_LABELS = ['gpu', 'UUID', 'device', 'model_name', 'Hostname'] as const;
type GpuLabel = (typeof GPU_LABELS)[number];

/** One GPU series: its name (dcgm-exporter's where it has one), help text, and how a view gives its value. */
export interface GpuSeries {
  name: string;
  help: string;
  /** The value from the latest sample; null (N/A, not supported) omits the series rather than exporting 0. */
  value: (latest: GpuSample, view: GpuView) => number | null;
}

/** Our sample fields → dcgm-exporter's field names, in dcgm's units (%, °C, W, MiB, MHz, KB/s). */
export const GPU_SERIES: readonly GpuSeries[] = [
  { name: 'DCGM_FI_DEV_GPU_UTIL', help: 'GPU utilization (in %).', value: (s) => s.utilizationGpuPct },
  { name: 'DCGM_FI_DEV_MEM_COPY_UTIL', help: 'Memory utilization (in %).', value: (s) => s.utilizationMemoryPct },
  { name: 'DCGM_FI_DEV_ENC_UTIL', help: 'Encoder utilization (in %).', value: (s) => s.encoderPct },
  { name: 'DCGM_FI_DEV_DEC_UTIL', help: 'Decoder utilization (in %).', value: (s) => s.decoderPct },
  { name: 'DCGM_FI_DEV_GPU_TEMP', help: 'GPU temperature (in C).', value: (s) => s.temperatureC },
  { name: 'DCGM_FI_DEV_MEMORY_TEMP', help: 'Memory temperature (in C).', value: (s) => s.memoryTemperatureC },
  { name: 'DCGM_FI_DEV_POWER_USAGE', help: 'Power draw (in W).', value: (s) => s.powerDrawW },
  {
    name: 'DCGM_FI_DEV_POWER_MGMT_LIMIT',
    help: 'Power management limit (in W).',
    value: (s, view) => s.powerLimitW ?? view.info.powerLimitW,
  },
  { name: 'DCGM_FI_DEV_FB_USED', help: 'Framebuffer memory used (in MiB).', value: (s) => s.memoryUsedMiB },
  { name: 'DCGM_FI_DEV_FB_FREE', help: 'Framebuffer memory free (in MiB).', value: framebufferFree },
  { name: 'DCGM_FI_DEV_SM_CLOCK', help: 'SM clock frequency (in MHz).', value: (s) => s.clockSmMHz },
  { name: 'DCGM_FI_DEV_MEM_CLOCK', help: 'Memory clock frequency (in MHz).', value: (s) => s.clockMemMHz },
  {
    name: 'DCGM_FI_DEV_PCIE_TX_THROUGHPUT',
    help: 'PCIe transmit throughput (in KB/s).',
    value: (s) => s.pcieTxKBps,
  },
  {
    name: 'DCGM_FI_DEV_PCIE_RX_THROUGHPUT',
    help: 'PCIe receive throughput (in KB/s).',
    value: (s) => s.pcieRxKBps,
  },
  {
    name: 'DCGM_FI_DEV_ECC_SBE_VOL_TOTAL',
    help: 'Total number of single-bit volatile ECC errors.',
    value: (s) => s.eccErrorsCorrected,
  },
  {
    name: 'DCGM_FI_DEV_ECC_DBE_VOL_TOTAL',
    help: 'Total number of double-bit volatile ECC errors.',
    value: (s) => s.eccErrorsUncorrected,
  },
  // dcgm has no fan field; this one is ours, in a promtool-clean name.
  { name: 'gpu_sentinel_fan_speed_percent', help: 'Fan speed (in %).', value: (s) => s.fanSpeedPct },
];

function framebufferFree(sample: GpuSample, view: GpuView): number | null {
  const total = sample.memoryTotalMiB ?? view.info.memoryTotalMiB;
  return total === null || sample.memoryUsedMiB === null ? null : Math.max(0, total - sample.memoryUsedMiB);
}

/** dcgm-exporter's labels for one GPU. */
export function gpuLabels(view: GpuView): Record<GpuLabel, string> {
  const { info } = view;
  return {
    gpu: String(info.index),
    UUID: info.uuid,
    device: `nvidia${String(info.index)}`,
    model_name: info.name,
    Hostname: info.hostname,
  };
}

/**
 * The GPUs /metrics exports: those with a fresh sample. A stale GPU (no sample for a few intervals) is
 * left out, as dcgm-exporter stops exporting a GPU it cannot read; its host's `gpu_sentinel_host_up` says why.
 */
export function exportedGpuViews(live: LiveState): GpuView[] {
  return live.gpuViews().filter((view) => view.latest !== null && !view.isStale);
}

/** Registers the per-host gauges, computed at scrape time from the live state (the GPU series are written as text). */
export function registerHostMetrics(registry: Registry, live: LiveState): void {
  new Gauge({
    name: 'gpu_sentinel_host_up',
    help: 'Whether the host is online (1) or offline (0).',
    labelNames: ['Hostname'],
    registers: [registry],
    collect() {
      this.reset();
      for (const host of live.hosts()) this.set({ Hostname: host.hostname }, live.isOnline(host) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'gpu_sentinel_source_restarts',
    help: "Times the host's GPU source (nvidia-smi) has been restarted since it started.",
    labelNames: ['Hostname'],
    registers: [registry],
    collect() {
      this.reset();
      for (const host of live.hosts()) {
        const restarts = live.sourceOf(host)?.restarts;
        if (restarts !== undefined) this.set({ Hostname: host.hostname }, restarts);
      }
    },
  });
}
