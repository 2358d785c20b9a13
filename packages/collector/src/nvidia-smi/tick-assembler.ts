import type { GpuReading } from '../gpu-source.js';

/**
 * Groups the loop's lines into ticks. nvidia-smi prints one line per GPU per interval with no
 * separator, so a tick is complete when every known GPU has reported, or when a GPU repeats
 * (its next interval began). `flush()` closes a tick whose missing GPUs never came.
 */
export class TickAssembler {
  private pending: GpuReading[] = [];

  constructor(private expectedCount = 0) {}

  setExpectedCount(count: number): void {
    this.expectedCount = count;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Adds a reading; returns the ticks it completed (zero, one or, with a repeat, two). */
  add(reading: GpuReading): GpuReading[][] {
    const ticks: GpuReading[][] = [];
    if (this.pending.some((r) => r.uuid === reading.uuid || r.index === reading.index)) {
      ticks.push(this.take());
    }
    this.pending.push(reading);
    if (this.expectedCount > 0 && this.pending.length >= this.expectedCount) ticks.push(this.take());
    return ticks;
  }

  /** The readings gathered so far, as a tick (empty when there are none). */
  flush(): GpuReading[] {
    return this.take();
  }

  private take(): GpuReading[] {
    const tick = this.pending.sort((a, b) => a.index - b.index);
    this.pending = [];
    return tick;
  }
}
