import { systemClock, type Clock } from '@gpu-sentinel/core';
import { GpuSample } from '@gpu-sentinel/protocol';
import type { GpuReading } from './gpu-source.js';

export interface SamplerOptions {
  hostId: string;
  clock?: Clock;
  /** Told about each reading that failed validation and was dropped. */
  onInvalid?: (reading: GpuReading, problem: string) => void;
}

/**
 * Turns a source's tick into samples: stamps host and time, validates each against the protocol's
 * schema (an invalid reading is counted and dropped, never thrown) and remembers the latest per GPU.
 */
export class Sampler {
  private readonly clock: Clock;
  private readonly latestByUuid = new Map<string, GpuSample>();
  private invalid = 0;

  constructor(private readonly options: SamplerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The valid samples of one tick, all stamped with the same time. */
  sample(readings: readonly GpuReading[]): GpuSample[] {
    const ts = Math.round(this.clock.now());
    const samples: GpuSample[] = [];
    for (const reading of readings) {
      const parsed = GpuSample.safeParse({
        ...reading.metrics,
        ts,
        hostId: this.options.hostId,
        uuid: reading.uuid,
        index: reading.index,
      });
      if (!parsed.success) {
        this.invalid++;
        const issue = parsed.error.issues[0];
        this.options.onInvalid?.(reading, issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid');
        continue;
      }
      samples.push(parsed.data);
      this.latestByUuid.set(parsed.data.uuid, parsed.data);
    }
    return samples;
  }

  latest(uuid: string): GpuSample | undefined {
    return this.latestByUuid.get(uuid);
  }

  /** The latest sample of every GPU seen, in index order. */
  latestAll(): GpuSample[] {
    return [...this.latestByUuid.values()].sort((a, b) => a.index - b.index);
  }

  /** Forget GPUs that left the inventory. */
  retain(uuids: ReadonlySet<string>): void {
    for (const uuid of this.latestByUuid.keys()) if (!uuids.has(uuid)) this.latestByUuid.delete(uuid);
  }

  get invalidCount(): number {
    return this.invalid;
  }
}
