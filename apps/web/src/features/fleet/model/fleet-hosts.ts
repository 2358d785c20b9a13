import { HOST_OFFLINE_AFTER_MS, type GpuView, type Host, type HostStatus } from '@gpu-sentinel/protocol';
import { isStaleAt } from '../../../lib/stream/gpus-cache';
import { BUSY_FROM_PCT, HOT_FROM_C, IDLE_BELOW_PCT, memoryUsedPct } from './fleet-metrics';

/** One GPU of the fleet at one moment: its view and what the fleet view judges of it. */
export interface GpuSnapshot {
  view: GpuView;
  isStale: boolean;
  utilPct: number | null;
  tempC: number | null;
  memPct: number | null;
  isBusy: boolean;
  isIdle: boolean;
  isHot: boolean;
}

/** One host of the fleet at one moment: its facts (null until the host list answers) and its GPUs. */
export interface HostSnapshot {
  hostId: string;
  hostname: string;
  facts: Host | null;
  status: HostStatus;
  /** The newest of the server's "last seen" and the host's newest sample. */
  lastSeenTs: number | null;
  gpus: readonly GpuSnapshot[];
}

/** The stream's GPU list by host, each host's GPUs in index order: one pass, not one scan per host. */
export function groupViewsByHost(views: readonly GpuView[]): Map<string, GpuView[]> {
  const groups = new Map<string, GpuView[]>();
  for (const view of views) {
    const group = groups.get(view.info.hostId);
    if (group) group.push(view);
    else groups.set(view.info.hostId, [view]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.info.index - b.info.index);
  return groups;
}

/**
 * `nowTs`: the server's time, or null while it is unknown (then only the server's verdicts count).
 * Stale GPUs are neither busy, idle nor hot: their numbers are old.
 */
export function snapshotGpu(view: GpuView, nowTs: number | null, intervalMs: number): GpuSnapshot {
  const { latest } = view;
  const isStale = view.isStale || latest === null || (nowTs !== null && isStaleAt(latest, nowTs, intervalMs));
  const utilPct = latest?.utilizationGpuPct ?? null;
  const tempC = latest?.temperatureC ?? null;
  return {
    view,
    isStale,
    utilPct,
    tempC,
    memPct: memoryUsedPct(latest, view.info),
    isBusy: !isStale && utilPct !== null && utilPct >= BUSY_FROM_PCT,
    isIdle: !isStale && utilPct !== null && utilPct < IDLE_BELOW_PCT,
    isHot: !isStale && tempC !== null && tempC >= HOT_FROM_C,
  };
}

function newestSampleTs(views: readonly GpuView[]): number | null {
  let newest: number | null = null;
  for (const view of views) if (view.latest && (newest === null || view.latest.ts > newest)) newest = view.latest.ts;
  return newest;
}

/** Online while samples arrive: judged on the clock when it is known, else the server's word (or any fresh GPU). */
export function hostStatusAt(
  facts: Host | null,
  lastSeenTs: number | null,
  gpus: readonly GpuSnapshot[],
  nowTs: number | null,
): HostStatus {
  if (nowTs !== null && lastSeenTs !== null) return nowTs - lastSeenTs <= HOST_OFFLINE_AFTER_MS ? 'online' : 'offline';
  if (facts) return facts.status;
  return gpus.some((gpu) => !gpu.isStale) ? 'online' : 'offline';
}

function snapshotHost(
  hostId: string,
  facts: Host | null,
  views: readonly GpuView[],
  nowTs: number | null,
  intervalMs: number,
): HostSnapshot {
  const gpus = views.map((view) => snapshotGpu(view, nowTs, intervalMs));
  const sampleTs = newestSampleTs(views);
  const factTs = facts?.lastSeenAt ?? null;
  const lastSeenTs = sampleTs === null ? factTs : factTs === null ? sampleTs : Math.max(sampleTs, factTs);
  return {
    hostId,
    hostname: facts?.hostname ?? views[0]?.info.hostname ?? hostId,
    facts,
    status: hostStatusAt(facts, lastSeenTs, gpus, nowTs),
    lastSeenTs,
    gpus,
  };
}

/**
 * Every host of the fleet: those the host list knows (in its order), then any the stream reports
 * that the list does not know yet. O(hosts + GPUs).
 */
export function snapshotFleet(
  hosts: readonly Host[] | undefined,
  views: readonly GpuView[],
  nowTs: number | null,
  intervalMs: number,
): HostSnapshot[] {
  const groups = groupViewsByHost(views);
  const snapshots: HostSnapshot[] = [];
  for (const facts of hosts ?? []) {
    snapshots.push(snapshotHost(facts.hostId, facts, groups.get(facts.hostId) ?? [], nowTs, intervalMs));
    groups.delete(facts.hostId);
  }
  for (const [hostId, group] of groups) snapshots.push(snapshotHost(hostId, null, group, nowTs, intervalMs));
  return snapshots;
}

export interface FleetCounts {
  hostsOnline: number;
  hostsOffline: number;
  gpus: number;
  gpusBusy: number;
  gpusIdle: number;
  gpusHot: number;
  gpusStale: number;
}

export function fleetCounts(hosts: readonly HostSnapshot[]): FleetCounts {
  const counts: FleetCounts = {
    hostsOnline: 0,
    hostsOffline: 0,
    gpus: 0,
    gpusBusy: 0,
    gpusIdle: 0,
    gpusHot: 0,
    gpusStale: 0,
  };
  for (const host of hosts) {
    if (host.status === 'online') counts.hostsOnline += 1;
    else counts.hostsOffline += 1;
    for (const gpu of host.gpus) {
      counts.gpus += 1;
      if (gpu.isBusy) counts.gpusBusy += 1;
      if (gpu.isIdle) counts.gpusIdle += 1;
      if (gpu.isHot) counts.gpusHot += 1;
      if (gpu.isStale) counts.gpusStale += 1;
    }
  }
  return counts;
}
