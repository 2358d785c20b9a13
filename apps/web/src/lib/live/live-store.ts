import { MIN_INTERVAL_MS, type GpuSample } from '@gpu-sentinel/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { LIVE_WINDOW_MS } from './live-buffer';
import { SampleRing } from './sample-ring';

/** What every GPU keeps, even one nobody looks at: its last seconds (the latest sample is the last of them). */
export const SHORT_WINDOW_MS = 30_000;
/** A GPU page closed this recently keeps its full window, so going back to it shows its charts whole. */
export const RECENT_WATCH_MS = 5 * 60_000;
/** At most this many closed pages keep their full window (the most recently closed ones). */
export const MAX_RECENT_WATCHES = 8;

const NO_SAMPLES: readonly GpuSample[] = [];

/** The most samples a window can hold, at the fastest interval the server allows. */
export function capacityFor(windowMs: number): number {
  return Math.ceil(windowMs / MIN_INTERVAL_MS) + 1;
}

interface Series {
  ring: SampleRing;
  windowMs: number;
  /** The windows asked for by what is on screen now (a GPU page, a sparkline). */
  watches: number[];
  /** A watch that ended: its window is kept until `recentUntilTs` (server time). */
  recent: { windowMs: number; untilTs: number } | null;
  listeners: Set<() => void>;
}

/**
 * The recent samples of every GPU of the fleet, kept outside the query cache: 2,000 samples a
 * second (512 GPUs at 4 Hz) would otherwise mean 2,000 cache writes, and a copy of a 15-minute
 * array for each.
 *
 * How much each GPU keeps, and why:
 * - the full live window (LIVE_WINDOW_MS, 15 min) for the GPUs of the server's own host (what the
 *   overview shows), for GPUs something on screen watches (a GPU page, a sparkline: the window it
 *   asks for), and for the MAX_RECENT_WATCHES GPUs whose page closed in the last RECENT_WATCH_MS;
 * - SHORT_WINDOW_MS (30 s) for every other GPU: the fleet view reads only the latest sample, and a
 *   page opened on such a GPU fills the older part of its charts from the server's history.
 *
 * Bound, 512 GPUs (64 hosts × 8) at 250 ms with 8 local GPUs and 8 recently opened pages:
 * 16 × 3,601 + 496 × 121 = 117,632 samples, against 1,843,712 when every GPU keeps 15 minutes.
 * At the fastest interval (100 ms) rings are capped at 16 × 9,001 + 496 × 301 = 293,312.
 *
 * Readers subscribe per GPU (`subscribe`), so a tick for one host wakes only what shows that host.
 */
export class LiveStore {
  private readonly series = new Map<string, Series>();
  /** GPUs whose watch ended recently, oldest first. */
  private readonly recentOrder = new Set<string>();
  private localHostId: string | null = null;
  private newestTs = 0;

  /** The server's own host: its GPUs keep the full window. */
  setLocalHost(hostId: string | null): void {
    if (hostId === this.localHostId) return;
    this.localHostId = hostId;
    for (const entry of this.series.values()) this.updateWindow(entry, entry.ring.latest()?.hostId);
  }

  /** Adds a tick's samples; each GPU's subscribers hear of it once. */
  append(samples: readonly GpuSample[]): void {
    const changed: Series[] = [];
    for (const sample of samples) {
      const entry = this.entryOf(sample.uuid);
      if (sample.ts > this.newestTs) this.newestTs = sample.ts;
      if (entry.recent && sample.ts > entry.recent.untilTs) this.forgetRecent(sample.uuid, entry);
      if (entry.ring.size === 0) this.updateWindow(entry, sample.hostId);
      if (entry.ring.append(sample, entry.windowMs)) changed.push(entry);
    }
    for (const entry of changed) for (const listener of entry.listeners) listener();
  }

  /** The GPU set changed: samples of GPUs that left are dropped (what watches them stays subscribed). */
  retainOnly(uuids: ReadonlySet<string>): void {
    for (const [uuid, entry] of this.series) {
      if (uuids.has(uuid)) continue;
      this.recentOrder.delete(uuid);
      if (entry.listeners.size === 0 && entry.watches.length === 0) {
        this.series.delete(uuid);
        continue;
      }
      entry.ring = new SampleRing(capacityFor(entry.windowMs));
      for (const listener of entry.listeners) listener();
    }
  }

  subscribe(uuid: string, listener: () => void): () => void {
    const entry = this.entryOf(uuid);
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /**
   * Asks for `windowMs` of this GPU while something shows it; returns the release. After the
   * release the window stays a while (RECENT_WATCH_MS), for a page the user goes back to.
   */
  watch(uuid: string, windowMs: number = LIVE_WINDOW_MS): () => void {
    const entry = this.entryOf(uuid);
    entry.watches.push(windowMs);
    this.updateWindow(entry, entry.ring.latest()?.hostId);
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      entry.watches.splice(entry.watches.indexOf(windowMs), 1);
      const keptMs = Math.max(windowMs, entry.recent?.windowMs ?? 0);
      entry.recent = {
        windowMs: keptMs,
        untilTs: Math.max(this.newestTs, entry.ring.latest()?.ts ?? 0) + RECENT_WATCH_MS,
      };
      this.recentOrder.delete(uuid);
      this.recentOrder.add(uuid);
      if (this.recentOrder.size > MAX_RECENT_WATCHES) {
        const [oldest] = this.recentOrder;
        const oldestEntry = oldest === undefined ? undefined : this.series.get(oldest);
        if (oldest !== undefined && oldestEntry) this.forgetRecent(oldest, oldestEntry);
      }
      this.updateWindow(entry, entry.ring.latest()?.hostId);
    };
  }

  /** A GPU's samples, oldest first; the same array until it changes (a snapshot for React). */
  samples(uuid: string): readonly GpuSample[] {
    return this.series.get(uuid)?.ring.toArray() ?? NO_SAMPLES;
  }

  /** The samples at or after `sinceTs`. */
  samplesSince(uuid: string, sinceTs: number): readonly GpuSample[] {
    return this.series.get(uuid)?.ring.since(sinceTs) ?? NO_SAMPLES;
  }

  latest(uuid: string): GpuSample | null {
    return this.series.get(uuid)?.ring.latest() ?? null;
  }

  /** Changes with every change of the GPU's samples. */
  version(uuid: string): number {
    return this.series.get(uuid)?.ring.version ?? 0;
  }

  /** How many samples each GPU may keep now (its window's bound). */
  windowOf(uuid: string): number {
    return this.series.get(uuid)?.windowMs ?? SHORT_WINDOW_MS;
  }

  /** GPUs held, samples held, and ring slots allocated. */
  stats(): { gpus: number; samples: number; slots: number } {
    let samples = 0;
    let slots = 0;
    for (const entry of this.series.values()) {
      samples += entry.ring.size;
      slots += entry.ring.capacity;
    }
    return { gpus: this.series.size, samples, slots };
  }

  private entryOf(uuid: string): Series {
    let entry = this.series.get(uuid);
    if (!entry) {
      entry = {
        ring: new SampleRing(capacityFor(SHORT_WINDOW_MS)),
        windowMs: SHORT_WINDOW_MS,
        watches: [],
        recent: null,
        listeners: new Set(),
      };
      this.series.set(uuid, entry);
    }
    return entry;
  }

  private forgetRecent(uuid: string, entry: Series): void {
    entry.recent = null;
    this.recentOrder.delete(uuid);
    this.updateWindow(entry, entry.ring.latest()?.hostId);
  }

  private updateWindow(entry: Series, hostId: string | undefined): void {
    const isLocal = hostId !== undefined && hostId === this.localHostId;
    const windowMs = Math.max(
      isLocal ? LIVE_WINDOW_MS : SHORT_WINDOW_MS,
      entry.recent?.windowMs ?? 0,
      ...entry.watches,
    );
    if (windowMs === entry.windowMs) return;
    entry.windowMs = windowMs;
    entry.ring.setMaxCapacity(capacityFor(windowMs));
    const newest = entry.ring.latest();
    if (newest) entry.ring.dropOlderThan(newest.ts - windowMs);
  }
}

const stores = new WeakMap<QueryClient, LiveStore>();

/** The live samples that go with a query client (one per app; a fresh one per test). */
export function liveStoreOf(client: QueryClient): LiveStore {
  let store = stores.get(client);
  if (!store) {
    store = new LiveStore();
    stores.set(client, store);
  }
  return store;
}
