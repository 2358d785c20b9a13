import type { GpuInfo, SourceState } from '@gpu-sentinel/protocol';
import type { GpuSource, SourceListener } from '../../gpu-source.js';
import type { HostIdentity } from '../../inventory.js';
import { mulberry32, type Rng } from '../../simulated/prng.js';
import { initialSimulatedState, type SimulatedState } from '../../simulated/simulated-state.js';
import { nextSimulatedState } from '../../simulated/simulated-step.js';
import { simulatedInventory, simulatedReadings } from '../../simulated/simulated-views.js';

/**
 * Simulated GPUs that tick only when told to, so a test knows exactly how many batches an agent
 * made. The readings are the simulated source's.
 */
export class SteppedGpuSource implements GpuSource {
  readonly kind = 'simulated' as const;
  private readonly rng: Rng;
  private sim: SimulatedState;
  private listener: SourceListener | null = null;
  private status: SourceState['status'] = 'starting';

  constructor(
    private readonly host: HostIdentity,
    gpuCount = 2,
    seed = 7,
  ) {
    this.rng = mulberry32(seed);
    this.sim = initialSimulatedState(gpuCount, this.rng);
  }

  start(listener: SourceListener): void {
    this.listener = listener;
    this.status = 'running';
    listener.onState(this.state());
    listener.onInventory(this.inventory());
  }

  /** Emit `count` ticks now. */
  tick(count = 1): void {
    for (let i = 0; i < count; i++) {
      this.sim = nextSimulatedState(this.sim, 250, this.rng);
      this.listener?.onTick(simulatedReadings(this.sim));
    }
  }

  stop(): Promise<void> {
    this.listener = null;
    this.status = 'stopped';
    return Promise.resolve();
  }

  setIntervalMs(): void {
    // Ticks come from tick(), not a timer.
  }

  state(): SourceState {
    return {
      kind: 'simulated',
      status: this.status,
      reason: null,
      since: 0,
      restarts: 0,
      badLines: 0,
      isSimulated: true,
    };
  }

  inventory(): GpuInfo[] {
    return simulatedInventory(this.sim, this.host);
  }
}
