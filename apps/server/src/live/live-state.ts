import type { Clock } from '@gpu-sentinel/core';
import type { GpuInfo, GpuProcess, GpuSample, GpuView, SourceState } from '@gpu-sentinel/protocol';
import type { Bus } from '../bus/bus.js';

/** A GPU is stale when it has had no sample for this many intervals. */
export const STALE_AFTER_INTERVALS = 3;

export interface LiveStateOptions {
  clock: Clock;
  intervalMs: number;
  isRecording: boolean;
  /** Reads the source's current state; its counters (bad lines, restarts) change without an event. */
  sourceState: () => SourceState;
}

/** What the server knows right now: inventory, latest sample per GPU, processes, interval, recording. */
export class LiveState {
  private readonly latestByUuid = new Map<string, GpuSample>();
  private currentInventory: GpuInfo[] = [];
  private currentProcesses: GpuProcess[] = [];
  private currentIntervalMs: number;
  private recording: boolean;

  constructor(private readonly options: LiveStateOptions) {
    this.currentIntervalMs = options.intervalMs;
    this.recording = options.isRecording;
  }

  /** Follow the bus; returns the function that stops following. */
  attach(bus: Bus): () => void {
    const unsubscribes = [
      bus.subscribe('tick', (tick) => {
        for (const sample of tick.samples) this.latestByUuid.set(sample.uuid, sample);
      }),
      bus.subscribe('inventory', (inventory) => this.setInventory(inventory)),
      bus.subscribe('processes', (processes) => {
        this.currentProcesses = processes;
      }),
    ];
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
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

  source(): SourceState {
    return this.options.sourceState();
  }

  inventory(): GpuInfo[] {
    return this.currentInventory;
  }

  /** The latest sample of every GPU in the inventory, in inventory order. */
  latestSamples(): GpuSample[] {
    return this.currentInventory.flatMap((info) => this.latestByUuid.get(info.uuid) ?? []);
  }

  gpuViews(): GpuView[] {
    return this.currentInventory.map((info) => this.viewOf(info));
  }

  gpuView(uuid: string): GpuView | undefined {
    const info = this.currentInventory.find((gpu) => gpu.uuid === uuid);
    return info === undefined ? undefined : this.viewOf(info);
  }

  processesOf(uuid: string): GpuProcess[] {
    return this.currentProcesses.filter((process) => process.uuid === uuid);
  }

  private viewOf(info: GpuInfo): GpuView {
    const latest = this.latestByUuid.get(info.uuid) ?? null;
    const ageMs = latest === null ? Infinity : this.options.clock.now() - latest.ts;
    return { info, latest, isStale: ageMs > STALE_AFTER_INTERVALS * this.currentIntervalMs };
  }

  private setInventory(inventory: GpuInfo[]): void {
    this.currentInventory = [...inventory].sort((a, b) => a.index - b.index);
    const present = new Set(inventory.map((gpu) => gpu.uuid));
    for (const uuid of this.latestByUuid.keys()) {
      if (!present.has(uuid)) this.latestByUuid.delete(uuid);
    }
  }
}
