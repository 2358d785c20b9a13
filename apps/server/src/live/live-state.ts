import type { Clock } from '@gpu-sentinel/core';
import type { GpuInfo, GpuProcess, GpuSample, GpuView, SourceState } from '@gpu-sentinel/protocol';
import type { Bus, TickEvent } from '../bus/bus.js';
import type { StoredHost } from '../store/store.js';
import { applyPresence, hostFromStore, isOnline, unknownHost, type LiveHost } from './live-host.js';

/** A GPU is stale when it has had no sample for this many intervals (of its host). */
export const STALE_AFTER_INTERVALS = 3;

export interface LiveStateOptions {
  clock: Clock;
  intervalMs: number;
  isRecording: boolean;
  /** Reads this server's own source state; its counters (bad lines, restarts) change without an event. */
  sourceState: () => SourceState;
  /** The server's own host (its built-in local agent); null with `--source none`. */
  localHostId: string | null;
}

/**
 * What the server knows of the fleet right now, per host: registration and presence, inventory,
 * processes, source state and the latest sample of each GPU. Fed by the bus, so it also follows
 * hosts whose agents talk to other replicas. `source()` stays this server's own source.
 */
export class LiveState {
  private readonly hostsById = new Map<string, LiveHost>();
  private readonly latestByUuid = new Map<string, GpuSample>();
  private readonly hostOfUuid = new Map<string, LiveHost>();
  private fleet: GpuInfo[] = [];
  private currentIntervalMs: number;
  private recording: boolean;

  constructor(private readonly options: LiveStateOptions) {
    this.currentIntervalMs = options.intervalMs;
    this.recording = options.isRecording;
  }

  /** Follow the bus; returns the function that stops following. */
  attach(bus: Bus): () => void {
    const unsubscribes = [
      bus.subscribe('tick', (tick) => this.applyTick(tick)),
      bus.subscribe('inventory', ({ hostId, inventory }) => this.setInventory(this.hostNamed(hostId), inventory)),
      bus.subscribe('processes', ({ hostId, processes }) => {
        this.hostNamed(hostId).processes = processes;
      }),
      bus.subscribe('source', ({ hostId, source }) => {
        this.hostNamed(hostId).source = source;
      }),
      bus.subscribe('host', (event) => applyPresence(this.hostNamed(event.hostId), event)),
    ];
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }

  /** The hosts the store knows, read at start: the fleet view lists them before their agents reconnect. */
  seedHosts(stored: readonly StoredHost[]): void {
    for (const host of stored) {
      if (!this.hostsById.has(host.hostId)) this.hostsById.set(host.hostId, hostFromStore(host));
    }
  }

  /**
   * Stored inventories, read at start, of the seeded hosts: a replica that starts while agents talk to
   * other replicas shows their GPUs at once, not when the agents next send their inventory.
   */
  seedInventory(stored: readonly GpuInfo[]): void {
    const byHost = new Map<string, GpuInfo[]>();
    for (const gpu of stored) byHost.set(gpu.hostId, [...(byHost.get(gpu.hostId) ?? []), gpu]);
    for (const [hostId, inventory] of byHost) {
      const host = this.hostsById.get(hostId);
      if (host?.inventory.length === 0) this.setInventory(host, inventory);
    }
  }

  get intervalMs(): number {
    return this.currentIntervalMs;
  }

  set intervalMs(intervalMs: number) {
    this.currentIntervalMs = intervalMs;
  }

  get isRecording(): boolean {
    return this.recording;
  }

  set isRecording(isRecording: boolean) {
    this.recording = isRecording;
  }

  /** This server's own source state (the header banner is about it). */
  source(): SourceState {
    return this.options.sourceState();
  }

  /** A host's source state: the server's own for its local host, else as the agent last reported it. */
  sourceOf(host: LiveHost): SourceState | null {
    return host.hostId === this.options.localHostId ? this.source() : host.source;
  }

  /** Every GPU of the fleet, by hostname, then index. */
  inventory(): GpuInfo[] {
    return this.fleet;
  }

  /** The latest sample of every GPU in the inventory, in inventory order. */
  latestSamples(): GpuSample[] {
    return this.fleet.flatMap((info) => this.latestByUuid.get(info.uuid) ?? []);
  }

  gpuViews(): GpuView[] {
    return this.fleet.map((info) => this.viewOf(info));
  }

  gpuView(uuid: string): GpuView | undefined {
    const info = this.hostOfUuid.get(uuid)?.inventory.find((gpu) => gpu.uuid === uuid);
    return info === undefined ? undefined : this.viewOf(info);
  }

  processesOf(uuid: string): GpuProcess[] {
    return (this.hostOfUuid.get(uuid)?.processes ?? []).filter((process) => process.uuid === uuid);
  }

  /** The host reporting this GPU, as the inventories tell; undefined when none lists it. */
  hostIdOf(uuid: string): string | undefined {
    return this.hostOfUuid.get(uuid)?.hostId;
  }

  /** The GPUs of the server's own host (none with `--source none`). */
  localInventory(): readonly GpuInfo[] {
    const id = this.options.localHostId;
    return id === null ? [] : (this.hostsById.get(id)?.inventory ?? []);
  }

  /** Every host known: from the store at start, and every one heard of since. */
  hosts(): readonly LiveHost[] {
    return [...this.hostsById.values()];
  }

  host(hostId: string): LiveHost | undefined {
    return this.hostsById.get(hostId);
  }

  isOnline(host: LiveHost): boolean {
    return isOnline(host, this.options.clock.now());
  }

  /**
   * Whether what the fleet view shows is simulated: a GPU is simulated when its host's source is.
   * With no GPU at all, this server's own source decides (today's single-host behaviour).
   */
  isSimulated(): boolean {
    if (this.fleet.length === 0) return this.source().isSimulated;
    return this.fleet.some((gpu) => this.isGpuSimulated(gpu.uuid));
  }

  isGpuSimulated(uuid: string): boolean {
    const host = this.hostOfUuid.get(uuid);
    return host === undefined ? this.source().isSimulated : this.isHostSimulated(host);
  }

  isHostSimulated(host: LiveHost): boolean {
    return this.sourceOf(host)?.isSimulated ?? false;
  }

  private viewOf(info: GpuInfo): GpuView {
    const latest = this.latestByUuid.get(info.uuid) ?? null;
    const ageMs = latest === null ? Infinity : this.options.clock.now() - latest.ts;
    const intervalMs = this.hostOfUuid.get(info.uuid)?.intervalMs ?? this.currentIntervalMs;
    const isLocal = info.hostId === this.options.localHostId;
    return { info, latest, isStale: ageMs > STALE_AFTER_INTERVALS * (isLocal ? this.currentIntervalMs : intervalMs) };
  }

  private applyTick(tick: TickEvent): void {
    const host = this.hostNamed(tick.hostId);
    const now = this.options.clock.now();
    host.lastSampleAt = now;
    host.lastSeenAt = Math.max(host.lastSeenAt ?? 0, tick.ts);
    for (const sample of tick.samples) {
      const previous = this.latestByUuid.get(sample.uuid);
      if (previous === undefined || previous.ts <= sample.ts) this.latestByUuid.set(sample.uuid, sample);
    }
  }

  private setInventory(host: LiveHost, inventory: readonly GpuInfo[]): void {
    const present = new Set(inventory.map((gpu) => gpu.uuid));
    for (const gpu of host.inventory) {
      if (present.has(gpu.uuid)) continue;
      this.latestByUuid.delete(gpu.uuid);
      this.hostOfUuid.delete(gpu.uuid);
    }
    host.inventory = [...inventory].sort((a, b) => a.index - b.index);
    for (const gpu of host.inventory) this.hostOfUuid.set(gpu.uuid, host);
    this.fleet = [...this.hostsById.values()]
      .filter((each) => each.inventory.length > 0)
      .sort((a, b) => a.hostname.localeCompare(b.hostname) || a.hostId.localeCompare(b.hostId))
      .flatMap((each) => each.inventory);
  }

  /** The host of an event; one not heard of yet (its presence went to another replica first) is added. */
  private hostNamed(hostId: string): LiveHost {
    let host = this.hostsById.get(hostId);
    if (host === undefined) {
      host = unknownHost(hostId, this.options.clock.now());
      this.hostsById.set(hostId, host);
    } else {
      host.isLive = true;
    }
    return host;
  }
}
