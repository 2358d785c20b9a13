import type { GpuSample } from '@gpu-sentinel/protocol';

const INITIAL_CAPACITY = 64;

/**
 * One GPU's recent samples, oldest first, in a ring: an append writes one slot (amortised O(1);
 * the ring doubles until it reaches `maxCapacity`, then overwrites the oldest), and samples older
 * than the window are dropped by moving the start, never by copying what remains.
 *
 * Readers get plain arrays (`toArray`, `since`) built on demand and cached until the next change,
 * so a GPU nobody looks at costs no copying at all, and `version` tells a React store when to rebuild.
 */
export class SampleRing {
  private slots: (GpuSample | undefined)[];
  private start = 0;
  private count = 0;
  private cached: { version: number; samples: readonly GpuSample[] } | null = null;
  /** Bumped on every change; equal versions mean equal contents. */
  version = 0;

  constructor(private maxCapacity: number) {
    this.slots = new Array<GpuSample | undefined>(Math.min(INITIAL_CAPACITY, maxCapacity));
  }

  get size(): number {
    return this.count;
  }

  /** The slots held (what the ring costs in memory, used or not). */
  get capacity(): number {
    return this.slots.length;
  }

  /** The i-th sample from the oldest. */
  at(index: number): GpuSample | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.slots[(this.start + index) % this.slots.length];
  }

  latest(): GpuSample | undefined {
    return this.at(this.count - 1);
  }

  /**
   * Adds a sample and drops those older than `windowMs` before it. Out-of-order or repeated
   * samples are ignored (returns false): the stream and the REST fallback may both deliver one.
   */
  append(sample: GpuSample, windowMs: number): boolean {
    const newest = this.latest();
    if (newest !== undefined && sample.ts <= newest.ts) return false;
    this.dropOlderThan(sample.ts - windowMs);
    if (this.count === this.slots.length) {
      if (this.slots.length < this.maxCapacity) this.resize(Math.min(this.maxCapacity, this.slots.length * 2));
      else this.dropOldest();
    }
    this.slots[(this.start + this.count) % this.slots.length] = sample;
    this.count += 1;
    this.version += 1;
    return true;
  }

  /**
   * Changes the bound (a GPU moves between the full and the short window). Shrinking keeps the
   * newest samples and gives the memory back at once.
   */
  setMaxCapacity(maxCapacity: number): void {
    if (maxCapacity === this.maxCapacity) return;
    this.maxCapacity = maxCapacity;
    if (this.slots.length <= maxCapacity) return;
    while (this.count > maxCapacity) this.dropOldest();
    this.resize(Math.max(this.count, Math.min(INITIAL_CAPACITY, maxCapacity)));
    this.version += 1;
  }

  /** Drops the samples taken before `cutoffTs`. */
  dropOlderThan(cutoffTs: number): void {
    let dropped = false;
    while (this.count > 0 && (this.at(0)?.ts ?? 0) < cutoffTs) {
      this.dropOldest();
      dropped = true;
    }
    if (dropped) this.version += 1;
  }

  /** Every sample, oldest first; the same array until the ring changes. */
  toArray(): readonly GpuSample[] {
    if (this.cached?.version !== this.version) {
      this.cached = { version: this.version, samples: this.copyFrom(0) };
    }
    return this.cached.samples;
  }

  /** The samples at or after `sinceTs`, oldest first (a binary search, then a copy of just those). */
  since(sinceTs: number): readonly GpuSample[] {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.at(mid)?.ts ?? 0) < sinceTs) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? this.toArray() : this.copyFrom(low);
  }

  private copyFrom(first: number): GpuSample[] {
    const samples: GpuSample[] = [];
    for (let index = first; index < this.count; index += 1) {
      const sample = this.at(index);
      if (sample) samples.push(sample);
    }
    return samples;
  }

  private dropOldest(): void {
    this.slots[this.start] = undefined;
    this.start = (this.start + 1) % this.slots.length;
    this.count -= 1;
  }

  private resize(capacity: number): void {
    const slots = new Array<GpuSample | undefined>(capacity);
    for (let index = 0; index < this.count; index += 1) slots[index] = this.at(index);
    this.slots = slots;
    this.start = 0;
  }
}
