import type { GpuSource } from '@gpu-sentinel/collector';
import { Sampler } from '@gpu-sentinel/collector';
import type { Clock } from '@gpu-sentinel/core';
import type { GpuInfo, GpuProcess, GpuSample, SourceState } from '@gpu-sentinel/protocol';

export interface CollectedSnapshot {
  inventory: GpuInfo[];
  samples: GpuSample[];
  processes: GpuProcess[];
  source: SourceState;
}

export interface CollectOptions {
  hostId: string;
  clock: Clock;
  /** Give up when no tick arrives in this time. */
  timeoutMs: number;
  /** After the first tick, wait this long at most for the process list. */
  processGraceMs: number;
}

/** Start a source, take its first tick (and process list), stop it. Rejects with the source's reason. */
export async function collectSnapshot(source: GpuSource, options: CollectOptions): Promise<CollectedSnapshot> {
  const sampler = new Sampler({ hostId: options.hostId, clock: options.clock });
  const seen: { inventory: GpuInfo[]; samples: GpuSample[] | null; processes: GpuProcess[] | null } = {
    inventory: [],
    samples: null,
    processes: null,
  };
  const timers: NodeJS.Timeout[] = [];

  const collected = new Promise<void>((resolve, reject) => {
    const settleIfComplete = (): void => {
      if (seen.samples !== null && seen.processes !== null) resolve();
    };
    timers.push(
      setTimeout(() => {
        const state = source.state();
        reject(
          new Error(`no sample from the ${source.kind} source within ${options.timeoutMs} ms (${describe(state)})`),
        );
      }, options.timeoutMs),
    );
    source.start({
      onTick: (readings) => {
        if (seen.samples !== null) return;
        seen.samples = sampler.sample(readings);
        timers.push(setTimeout(resolve, options.processGraceMs));
        settleIfComplete();
      },
      onInventory: (next) => {
        seen.inventory = next;
      },
      onProcesses: (next) => {
        seen.processes = next;
        settleIfComplete();
      },
      onState: (state) => {
        if (state.status === 'missing' || state.status === 'failed') {
          reject(new Error(`the ${state.kind} source is ${state.status}: ${state.reason ?? 'no reason given'}`));
        }
      },
    });
  });

  try {
    await collected;
    return {
      inventory: seen.inventory.length > 0 ? seen.inventory : source.inventory(),
      samples: seen.samples ?? [],
      processes: seen.processes ?? [],
      source: source.state(),
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await source.stop();
  }
}

function describe(state: SourceState): string {
  return state.reason === null ? state.status : `${state.status}: ${state.reason}`;
}
