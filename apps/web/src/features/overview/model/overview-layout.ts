import type { GpuView, Host, SourceKind } from '@gpu-sentinel/protocol';

/**
 * What the overview shows:
 * - `host`: one host's GPUs as cards (a workstation: the overview as it always was);
 * - `fleet`: the inventory spans several hosts, or the server has no GPUs of its own (`--source
 *   none`). A summary strip of the fleet, then the server's own GPUs as cards if it has any (never
 *   500 cards: the fleet view is the place for them all).
 */
export type OverviewLayout =
  { kind: 'host'; uuids: readonly string[] } | { kind: 'fleet'; localUuids: readonly string[]; isFleetServer: boolean };

export function overviewLayout(
  views: readonly GpuView[],
  localHostId: string | undefined,
  sourceKind: SourceKind | undefined,
): OverviewLayout {
  const isFleetServer = sourceKind === 'none';
  const firstHostId = views[0]?.info.hostId;
  const isOneHost = views.every((view) => view.info.hostId === firstHostId);
  if (!isFleetServer && isOneHost) return { kind: 'host', uuids: views.map((view) => view.info.uuid) };
  const localUuids = isFleetServer
    ? []
    : views.filter((view) => view.info.hostId === localHostId).map((view) => view.info.uuid);
  return { kind: 'fleet', localUuids, isFleetServer };
}

/** Busy and hot as the fleet view counts them (its colour scale and filters use the same limits). */
export const BUSY_FROM_PCT = 50;
export const HOT_FROM_C = 80;

export interface FleetCounts {
  hosts: number;
  hostsOnline: number;
  gpus: number;
  gpusBusy: number;
  gpusHot: number;
  gpusStale: number;
}

/**
 * The fleet in a few numbers. A host is online while any of its GPUs reports (or, for a host with
 * no GPU in the list, while the server says so); stale GPUs are neither busy nor hot: their
 * numbers are old.
 */
export function countFleet(views: readonly GpuView[], hosts: readonly Host[] | undefined): FleetCounts {
  const reportingHosts = new Set<string>();
  const allHosts = new Set<string>();
  let gpusBusy = 0;
  let gpusHot = 0;
  let gpusStale = 0;
  for (const view of views) {
    allHosts.add(view.info.hostId);
    const { latest } = view;
    if (view.isStale || latest === null) {
      gpusStale += 1;
      continue;
    }
    reportingHosts.add(view.info.hostId);
    if ((latest.utilizationGpuPct ?? -1) >= BUSY_FROM_PCT) gpusBusy += 1;
    if ((latest.temperatureC ?? -Infinity) >= HOT_FROM_C) gpusHot += 1;
  }
  let hostsOnline = reportingHosts.size;
  for (const host of hosts ?? []) {
    if (allHosts.has(host.hostId)) continue;
    allHosts.add(host.hostId);
    if (host.status === 'online') hostsOnline += 1;
  }
  return { hosts: allHosts.size, hostsOnline, gpus: views.length, gpusBusy, gpusHot, gpusStale };
}
