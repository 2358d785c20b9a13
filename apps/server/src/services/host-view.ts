import type { Host } from '@gpu-sentinel/protocol';
import type { LiveHost } from '../live/live-host.js';
import type { LiveState } from '../live/live-state.js';
import type { StoredHost } from '../store/store.js';

/**
 * A host as the fleet view shows it: the stored facts, with what live state knows on top (labels and
 * agent version as the agent last registered them, GPUs as it last reported them, status, source).
 */
export function hostView(live: LiveState, stored: StoredHost | undefined, current: LiveHost | undefined): Host | null {
  const base = stored ?? (current === undefined ? undefined : storedOf(current));
  if (base === undefined) return null;
  const isLive = current?.isLive === true;
  const first = current?.inventory[0];
  return {
    ...base,
    hostname: isLive ? current.hostname : base.hostname,
    labels: isLive ? current.labels : base.labels,
    agentVersion: isLive ? current.agentVersion : base.agentVersion,
    driverVersion: first?.driverVersion ?? base.driverVersion,
    cudaVersion: first?.cudaVersion ?? base.cudaVersion,
    gpuCount: current !== undefined && current.inventory.length > 0 ? current.inventory.length : base.gpuCount,
    lastSeenAt: latest(base.lastSeenAt, current?.lastSeenAt ?? null),
    firstSeenAt: base.firstSeenAt ?? current?.firstSeenAt ?? null,
    status: current !== undefined && live.isOnline(current) ? 'online' : 'offline',
    source: current === undefined ? null : live.sourceOf(current),
    isLocal: current?.isLocal ?? false,
  };
}

/** Online first, then by name. */
export function byStatusThenName(a: Host, b: Host): number {
  if (a.status !== b.status) return a.status === 'online' ? -1 : 1;
  return a.hostname.localeCompare(b.hostname) || a.hostId.localeCompare(b.hostId);
}

function storedOf(host: LiveHost): StoredHost {
  return {
    hostId: host.hostId,
    hostname: host.hostname,
    driverVersion: null,
    cudaVersion: null,
    gpuCount: 0,
    lastSeenAt: host.lastSeenAt,
    firstSeenAt: host.firstSeenAt,
    labels: host.labels,
    agentVersion: host.agentVersion,
  };
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}
