import { systemClock, type Clock } from '@gpu-sentinel/core';
import type { GpuInfo, SourceState } from '@gpu-sentinel/protocol';
import type { GpuSource, SourceListener } from '../gpu-source.js';
import { toGpuInfo, toReading, type HostIdentity } from '../inventory.js';
import { SourceStateTracker } from '../source-state.js';
import { loadCaptures, type ReplayFrame } from './load-captures.js';

export interface ReplaySourceOptions extends HostIdentity {
  /** The directory of captures to play. */
  dir: string;
  intervalMs?: number;
  clock?: Clock;
}

/**
 * Plays captured nvidia-smi outputs in a loop, one capture (or one CSV time step) per interval.
 * Real data, so not labelled simulated; the state's kind says `replay`.
 */
export class ReplaySource implements GpuSource {
  readonly kind = 'replay' as const;
  private readonly tracker: SourceStateTracker;
  private readonly clock: Clock;
  private intervalMs: number;
  private frames: ReplayFrame[] = [];
  private position = 0;
  private inventoryCache: GpuInfo[] = [];
  private listener: SourceListener | null = null;
  private timer: NodeJS.Timeout | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly options: ReplaySourceOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? 250;
    this.tracker = new SourceStateTracker('replay', this.clock, false);
  }

  start(listener: SourceListener): void {
    if (this.listener !== null) return;
    this.listener = listener;
    this.tracker.listen((state) => listener.onState(state));
    this.tracker.set('starting', `reading captures in ${this.options.dir}`);
    this.loading = this.load();
  }

  async stop(): Promise<void> {
    const wasStarted = this.listener !== null;
    this.listener = null;
    this.clearTimer();
    await this.loading;
    if (wasStarted) this.tracker.set('stopped', 'stopped');
  }

  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
    if (this.timer !== null) this.schedule();
  }

  state(): SourceState {
    return this.tracker.get();
  }

  inventory(): GpuInfo[] {
    return this.inventoryCache.map((gpu) => ({ ...gpu }));
  }

  private async load(): Promise<void> {
    const { dir } = this.options;
    let loaded;
    try {
      loaded = await loadCaptures(dir);
    } catch (error) {
      this.fail(`cannot read the replay directory ${dir}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.listener === null) return;
    if (loaded.frames.length === 0) {
      const why = loaded.skipped.length > 0 ? ` (${loaded.skipped.join('; ')})` : '';
      this.fail(`no usable capture in ${dir}: expected nvidia-smi -q -x *.xml or --query-gpu *.csv with header${why}`);
      return;
    }
    this.frames = loaded.frames;
    this.inventoryCache = this.unionInventory();
    this.listener.onInventory(this.inventory());
    this.tracker.set('running');
    this.playNext();
    this.schedule();
  }

  private fail(reason: string): void {
    if (this.listener !== null) this.tracker.set('failed', reason);
  }

  /** Every GPU any capture describes, first description wins, in index order. */
  private unionInventory(): GpuInfo[] {
    const byUuid = new Map<string, GpuInfo>();
    const host = { hostId: this.options.hostId, hostname: this.options.hostname };
    for (const frame of this.frames) {
      for (const gpu of frame.gpus) if (!byUuid.has(gpu.uuid)) byUuid.set(gpu.uuid, toGpuInfo(gpu, host, frame));
    }
    return [...byUuid.values()].sort((a, b) => a.index - b.index);
  }

  private playNext(): void {
    const listener = this.listener;
    const frame = this.frames[this.position];
    if (listener === null || frame === undefined) return;
    this.position = (this.position + 1) % this.frames.length;
    listener.onTick(frame.gpus.map(toReading).sort((a, b) => a.index - b.index));
    if (frame.processes !== null) {
      const ts = this.clock.now();
      listener.onProcesses(frame.processes.map((p) => ({ ...p, ts, hostId: this.options.hostId })));
    }
  }

  private schedule(): void {
    this.clearTimer();
    this.timer = setInterval(() => this.playNext(), this.intervalMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
