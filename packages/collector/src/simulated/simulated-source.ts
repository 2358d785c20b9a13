import { systemClock, type Clock } from '@gpu-sentinel/core';
import type { GpuInfo, SourceState } from '@gpu-sentinel/protocol';
import type { GpuSource, SourceListener } from '../gpu-source.js';
import { SourceStateTracker } from '../source-state.js';
import { mulberry32, type Rng } from './prng.js';
import { initialSimulatedState, type SimulatedState } from './simulated-state.js';
import { nextSimulatedState } from './simulated-step.js';
import type { HostIdentity } from '../inventory.js';
import { simulatedInventory, simulatedProcesses, simulatedReadings } from './simulated-views.js';

export interface SimulatedSourceOptions extends HostIdentity {
  /** Number of GPUs (default 4). */
  gpuCount?: number;
  /** The same seed gives the same GPUs and the same run (default 42). */
  seed?: number;
  intervalMs?: number;
  processIntervalMs?: number;
  clock?: Clock;
}

/**
 * GPUs that do not exist, behaving like ones that do: training jobs ramp up and finish, heat
 * follows power, fans follow heat, one inference server leaks memory. Always labelled simulated.
 */
export class SimulatedSource implements GpuSource {
  readonly kind = 'simulated' as const;
  private readonly tracker: SourceStateTracker;
  private readonly rng: Rng;
  private readonly host: HostIdentity;
  private readonly clock: Clock;
  private readonly processIntervalMs: number;
  private intervalMs: number;
  private sim: SimulatedState;
  private inventoryCache: GpuInfo[];
  private listener: SourceListener | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sinceProcessesMs = 0;

  constructor(options: SimulatedSourceOptions) {
    this.clock = options.clock ?? systemClock;
    this.host = { hostId: options.hostId, hostname: options.hostname };
    this.intervalMs = options.intervalMs ?? 250;
    this.processIntervalMs = options.processIntervalMs ?? 2_000;
    this.rng = mulberry32(options.seed ?? 42);
    this.sim = initialSimulatedState(options.gpuCount ?? 4, this.rng);
    this.inventoryCache = simulatedInventory(this.sim, this.host);
    this.tracker = new SourceStateTracker('simulated', this.clock, true);
  }

  start(listener: SourceListener): void {
    if (this.listener !== null) return;
    this.listener = listener;
    this.tracker.listen((state) => listener.onState(state));
    this.tracker.set('running');
    listener.onInventory(this.inventory());
    listener.onProcesses(simulatedProcesses(this.sim, this.host, this.clock.now()));
    listener.onTick(simulatedReadings(this.sim));
    this.schedule();
  }

  stop(): Promise<void> {
    this.clearTimer();
    if (this.listener !== null) this.tracker.set('stopped', 'stopped');
    this.listener = null;
    return Promise.resolve();
  }

  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
    if (this.listener !== null) this.schedule();
  }

  state(): SourceState {
    return this.tracker.get();
  }

  inventory(): GpuInfo[] {
    return this.inventoryCache.map((gpu) => ({ ...gpu }));
  }

  /** Simulation time advances by the nominal interval, so a run depends on the seed alone. */
  private tick(): void {
    const listener = this.listener;
    if (listener === null) return;
    this.sim = nextSimulatedState(this.sim, this.intervalMs, this.rng);
    listener.onTick(simulatedReadings(this.sim));
    this.sinceProcessesMs += this.intervalMs;
    if (this.sinceProcessesMs >= this.processIntervalMs) {
      this.sinceProcessesMs = 0;
      listener.onProcesses(simulatedProcesses(this.sim, this.host, this.clock.now()));
    }
  }

  private schedule(): void {
    this.clearTimer();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
