import {
  HOST_OFFLINE_AFTER_MS,
  type GpuInfo,
  type GpuProcess,
  type HostLabels,
  type SourceState,
} from '@gpu-sentinel/protocol';
import type { HostPresenceEvent } from '../bus/bus.js';
import type { StoredHost } from '../store/store.js';

/** What this replica knows of one host: registered facts, presence, and its latest inventory and processes. */
export interface LiveHost {
  hostId: string;
  hostname: string;
  labels: HostLabels;
  agentVersion: string | null;
  isLocal: boolean;
  /** The sampling interval the host reported; null until it registered with this replica's bus. */
  intervalMs: number | null;
  /** An agent of this host is connected (to any replica, as presence events tell). */
  isConnected: boolean;
  /** Sorted by index. */
  inventory: GpuInfo[];
  processes: GpuProcess[];
  source: SourceState | null;
  /** When the newest live sample arrived here (this replica's clock); null: none since start. */
  lastSampleAt: number | null;
  /** The store's last_seen_at at start, then moved by presence and samples. */
  lastSeenAt: number | null;
  firstSeenAt: number | null;
  /** Heard of since this replica started (presence, sample, inventory), not only read from the store. */
  isLive: boolean;
}

/** A host known only from the store (seeded at start). */
export function hostFromStore(stored: StoredHost): LiveHost {
  return {
    hostId: stored.hostId,
    hostname: stored.hostname,
    labels: stored.labels,
    agentVersion: stored.agentVersion,
    isLocal: false,
    intervalMs: null,
    isConnected: false,
    inventory: [],
    processes: [],
    source: null,
    lastSampleAt: null,
    lastSeenAt: stored.lastSeenAt,
    firstSeenAt: stored.firstSeenAt,
    isLive: false,
  };
}

/** A host first heard of through the bus (no registration seen yet: its id names it). */
export function unknownHost(hostId: string, now: number): LiveHost {
  return { ...hostFromStore(emptyStored(hostId)), firstSeenAt: now, lastSeenAt: now, isLive: true };
}

export function applyPresence(host: LiveHost, event: HostPresenceEvent): void {
  host.hostname = event.hostname;
  host.labels = event.labels;
  host.agentVersion = event.agentVersion;
  host.isLocal = event.isLocal;
  host.intervalMs = event.intervalMs;
  host.isConnected = event.connected;
  host.lastSeenAt = Math.max(host.lastSeenAt ?? 0, event.at);
  host.firstSeenAt ??= event.at;
  host.isLive = true;
}

/** Online while samples arrive: the last one came within HOST_OFFLINE_AFTER_MS. */
export function isOnline(host: LiveHost, now: number): boolean {
  return host.lastSampleAt !== null && now - host.lastSampleAt <= HOST_OFFLINE_AFTER_MS;
}

function emptyStored(hostId: string): StoredHost {
  return {
    hostId,
    hostname: hostId,
    driverVersion: null,
    cudaVersion: null,
    gpuCount: 0,
    lastSeenAt: null,
    firstSeenAt: null,
    labels: {},
    agentVersion: null,
  };
}
