import {
  initialSimulatedState,
  mulberry32,
  nextSimulatedState,
  simulatedInventory,
  simulatedReadings,
  type GpuReading,
} from '@gpu-sentinel/collector';
import { GpuSample, type GpuInfo } from '@gpu-sentinel/protocol';

export const BENCH_HOST = { hostId: 'bench-host', hostname: 'bench-host' };
export const TICK_MS = 250;

/**
 * The simulated source's GPUs (training jobs ramping up and finishing, heat following power, a
 * leaking server), recorded once for `loopTicks` ticks of simulated time and then replayed with
 * fresh timestamps. Stepping the simulation costs about 14 µs a GPU a tick here — more than a
 * store insert — so days of samples replay one recorded hour rather than simulating every tick.
 */
export class SimulatedFleet {
  private readonly loop: GpuReading[][] = [];
  /** The loop's samples as the sampler makes them (parsed by the protocol schema), stamped 0. */
  private readonly parsed: GpuSample[][] = [];
  readonly inventory: GpuInfo[];

  constructor(
    gpuCount: number,
    loopTicks = 14_400,
    readonly host = BENCH_HOST,
    seed = 42,
  ) {
    const rng = mulberry32(seed);
    let state = initialSimulatedState(gpuCount, rng);
    this.inventory = simulatedInventory(state, host);
    for (let i = 0; i < loopTicks; i += 1) {
      state = nextSimulatedState(state, TICK_MS, rng);
      const readings = simulatedReadings(state);
      this.loop.push(readings);
      this.parsed.push(
        readings.map((r) =>
          GpuSample.parse({ ...r.metrics, ts: 0, hostId: host.hostId, uuid: r.uuid, index: r.index }),
        ),
      );
    }
  }

  /** The readings of tick number `tick` (what a GpuSource hands the sampler). */
  readings(tick: number): GpuReading[] {
    return this.loop[tick % this.loop.length] ?? [];
  }

  /** Tick number `tick`'s samples, stamped `ts`: what the sampler hands the writer, same shape and key order. */
  samples(tick: number, ts: number): GpuSample[] {
    return (this.parsed[tick % this.parsed.length] ?? []).map((sample) => ({ ...sample, ts }));
  }
}

/**
 * Samples from `from` (inclusive) every `intervalMs` until `to` (exclusive), cut into batches of
 * `batchRows` rows (whole ticks, as the writer's queue holds them). Generated lazily: days of
 * samples never sit in memory at once.
 */
export function* sampleBatches(
  fleet: SimulatedFleet,
  range: { from: number; to: number; intervalMs: number; batchRows: number },
): Generator<GpuSample[]> {
  let batch: GpuSample[] = [];
  let tick = 0;
  for (let ts = range.from; ts < range.to; ts += range.intervalMs) {
    for (const sample of fleet.samples(tick, ts)) batch.push(sample);
    tick += 1;
    if (batch.length >= range.batchRows) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
