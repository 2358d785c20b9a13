import type { GpuInfo, GpuProcess, SourceState } from '@gpu-sentinel/protocol';
import type { GpuReading, SourceListener } from '../src/gpu-source.js';

/** A listener that keeps everything a source told it, with the time it arrived. */
export class RecordingListener implements SourceListener {
  /** `atMs` is wall-clock epoch ms, comparable with `SourceState.since` from the system clock. */
  readonly ticks: { atMs: number; readings: GpuReading[] }[] = [];
  readonly states: SourceState[] = [];
  readonly inventories: GpuInfo[][] = [];
  readonly processes: GpuProcess[][] = [];

  onTick(readings: GpuReading[]): void {
    this.ticks.push({ atMs: Date.now(), readings });
  }
  onInventory(inventory: GpuInfo[]): void {
    this.inventories.push(inventory);
  }
  onProcesses(processes: GpuProcess[]): void {
    this.processes.push(processes);
  }
  onState(state: SourceState): void {
    this.states.push(state);
  }

  statuses(): string[] {
    return this.states.map((s) => s.status);
  }
}

/** Polls `check` until it is true, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
