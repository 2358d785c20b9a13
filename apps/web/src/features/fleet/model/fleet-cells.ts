import { formatFixed, formatGiB } from '../../../lib/format';
import { formatMetric, heatLevel, type FleetMetric } from './fleet-metrics';
import type { GpuSnapshot, HostSnapshot } from './fleet-hosts';
import { gpuMatchesState, gpuMetric } from './fleet-order';
import type { StateFilter } from './fleet-url';

/**
 * What one GPU cell draws, as plain values: a cell re-renders only when one of them changes,
 * however often its GPU's sample object is replaced.
 */
export interface GpuCellModel {
  uuid: string;
  index: number;
  /** The value's colour level 0–5; null: no value (or stale), drawn hatched. */
  level: number | null;
  text: string;
  title: string;
  isStale: boolean;
  /** Does not match the GPU-level state filter (busy, idle, hot, stale): drawn faded. */
  isFaded: boolean;
}

function orNa(value: number | null, unit: string): string {
  return value === null ? 'N/A' : `${formatFixed(value)}${unit}`;
}

/** The cell's tooltip: every number that matters, in one line each. */
export function gpuTitle(gpu: GpuSnapshot): string {
  const { info, latest } = gpu.view;
  const usedMiB = latest?.memoryUsedMiB ?? null;
  const totalMiB = latest?.memoryTotalMiB ?? info.memoryTotalMiB;
  const memory =
    usedMiB === null || totalMiB === null
      ? 'N/A'
      : `${formatGiB(usedMiB)} / ${formatGiB(totalMiB)} GiB (${orNa(gpu.memPct, ' %')})`;
  const powerDrawW = latest?.powerDrawW ?? null;
  const powerLimitW = latest?.powerLimitW ?? info.powerLimitW;
  const power =
    powerDrawW === null
      ? 'N/A'
      : `${formatFixed(powerDrawW)}${powerLimitW === null ? '' : ` / ${formatFixed(powerLimitW)}`} W`;
  return [
    `GPU ${String(info.index)} · ${info.name}${gpu.isStale ? ' · stale' : ''}`,
    `Utilisation: ${orNa(gpu.utilPct, ' %')}`,
    `Temperature: ${orNa(gpu.tempC, ' °C')}`,
    `Memory: ${memory}`,
    `Power: ${power}`,
  ].join('\n');
}

export function gpuCellModel(gpu: GpuSnapshot, metric: FleetMetric, state: StateFilter): GpuCellModel {
  const value = gpuMetric(gpu, metric);
  return {
    uuid: gpu.view.info.uuid,
    index: gpu.view.info.index,
    level: gpu.isStale ? null : heatLevel(metric, value),
    text: formatMetric(metric, value),
    title: gpuTitle(gpu),
    isStale: gpu.isStale,
    isFaded: !gpuMatchesState(gpu, state),
  };
}

/** A host's cells in the given order (by UUID); GPUs the order does not know yet come last by index. */
export function hostCells(
  host: HostSnapshot,
  order: readonly string[] | undefined,
  metric: FleetMetric,
  state: StateFilter,
): GpuCellModel[] {
  const rank = new Map(order?.map((uuid, position) => [uuid, position]));
  const gpus = [...host.gpus].sort(
    (a, b) =>
      (rank.get(a.view.info.uuid) ?? Infinity) - (rank.get(b.view.info.uuid) ?? Infinity) ||
      a.view.info.index - b.view.info.index,
  );
  return gpus.map((gpu) => gpuCellModel(gpu, metric, state));
}
