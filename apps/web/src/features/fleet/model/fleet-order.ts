import type { FleetMetric } from './fleet-metrics';
import type { GpuSnapshot, HostSnapshot } from './fleet-hosts';
import { parseLabel, type FleetSort, type FleetViewState, type StateFilter } from './fleet-url';

/** Which hosts are shown and in what order, and each host's GPUs in order (by UUID). */
export interface FleetOrder {
  hostIds: readonly string[];
  gpuOrder: ReadonlyMap<string, readonly string[]>;
}

export function gpuMetric(gpu: GpuSnapshot, metric: FleetMetric): number | null {
  switch (metric) {
    case 'util':
      return gpu.utilPct;
    case 'temp':
      return gpu.tempC;
    case 'mem':
      return gpu.memPct;
  }
}

/** Whether a GPU is what a GPU-level state filter looks for (host-level filters match every GPU). */
export function gpuMatchesState(gpu: GpuSnapshot, state: StateFilter): boolean {
  switch (state) {
    case 'all':
    case 'online':
    case 'offline':
      return true;
    case 'busy':
      return gpu.isBusy;
    case 'idle':
      return gpu.isIdle;
    case 'hot':
      return gpu.isHot;
    case 'stale':
      return gpu.isStale;
  }
}

export function hostMatchesState(host: HostSnapshot, state: StateFilter): boolean {
  if (state === 'all') return true;
  if (state === 'online' || state === 'offline') return host.status === state;
  return host.gpus.some((gpu) => gpuMatchesState(gpu, state));
}

/** Text matches the hostname, the host id or a label (its value, or `key=value`). */
export function hostMatchesText(host: HostSnapshot, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  if (host.hostname.toLowerCase().includes(needle) || host.hostId.includes(needle)) return true;
  const labels = host.facts?.labels ?? {};
  return Object.entries(labels).some(
    ([key, value]) => value.toLowerCase().includes(needle) || `${key}=${value}`.toLowerCase() === needle,
  );
}

export function hostMatchesLabels(host: HostSnapshot, labels: readonly string[]): boolean {
  const hostLabels = host.facts?.labels ?? {};
  return labels.every((label) => {
    const selector = parseLabel(label);
    return selector !== null && hostLabels[selector.key] === selector.value;
  });
}

/** The value a host is sorted by: the highest among its fresh GPUs (stale numbers are old). */
export function hostSortValue(host: HostSnapshot, metric: FleetMetric): number | null {
  let max: number | null = null;
  for (const gpu of host.gpus) {
    const value = gpu.isStale ? null : gpuMetric(gpu, metric);
    if (value !== null && (max === null || value > max)) max = value;
  }
  return max;
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Highest first, unknown last; `tie` decides between equals. */
function descendingNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

function orderGpus(host: HostSnapshot, sort: FleetSort): string[] {
  const gpus = [...host.gpus];
  if (sort !== 'host') {
    const value = (gpu: GpuSnapshot) => (gpu.isStale ? null : gpuMetric(gpu, sort));
    gpus.sort((a, b) => descendingNullsLast(value(a), value(b)) || a.view.info.index - b.view.info.index);
  }
  return gpus.map((gpu) => gpu.view.info.uuid);
}

/** Filters and sorts the fleet: hosts by their busiest (hottest, fullest) GPU or by name; GPUs likewise. */
export function orderFleet(hosts: readonly HostSnapshot[], view: FleetViewState): FleetOrder {
  const shown = hosts.filter(
    (host) =>
      hostMatchesState(host, view.state) && hostMatchesText(host, view.text) && hostMatchesLabels(host, view.labels),
  );
  const { sort } = view;
  const names = (a: HostSnapshot, b: HostSnapshot) => byName.compare(a.hostname, b.hostname);
  if (sort === 'host') shown.sort(names);
  else shown.sort((a, b) => descendingNullsLast(hostSortValue(a, sort), hostSortValue(b, sort)) || names(a, b));
  return {
    hostIds: shown.map((host) => host.hostId),
    gpuOrder: new Map(shown.map((host) => [host.hostId, orderGpus(host, sort)])),
  };
}

/** Every `key=value` present in the fleet, sorted, for the label chips. */
export function labelChoices(hosts: readonly HostSnapshot[]): string[] {
  const choices = new Set<string>();
  for (const host of hosts) {
    for (const [key, value] of Object.entries(host.facts?.labels ?? {})) choices.add(`${key}=${value}`);
  }
  return [...choices].sort(byName.compare);
}
