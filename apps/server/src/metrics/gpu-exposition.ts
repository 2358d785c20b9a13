import type { GpuView } from '@gpu-sentinel/protocol';
import { GPU_LABELS, GPU_SERIES, gpuLabels } from './gpu-metrics.js';

/**
 * The fleet's GPU series in the Prometheus text format, written directly: one family per GPU_SERIES
 * entry, one line per GPU that has a value. Each GPU's label set is escaped once and reused by every
 * family. prom-client's labelled gauges hash a label object per value instead and took about 11× as
 * long (≈100 ms at 2,000 GPUs, BENCHMARKS.md "Prometheus scrape"): the event loop stalls that long.
 */
export function gpuExposition(views: readonly GpuView[]): string {
  const labelSets = views.map((view) => {
    const labels = gpuLabels(view);
    return `{${GPU_LABELS.map((name) => `${name}="${escapeLabelValue(labels[name])}"`).join(',')}}`;
  });
  const lines: string[] = [];
  for (const series of GPU_SERIES) {
    lines.push(`# HELP ${series.name} ${series.help}`, `# TYPE ${series.name} gauge`);
    views.forEach((view, i) => {
      const value = view.latest === null ? null : series.value(view.latest, view);
      if (value !== null && Number.isFinite(value)) lines.push(`${series.name}${labelSets[i] ?? ''} ${String(value)}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** The text format's label value escapes: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}
