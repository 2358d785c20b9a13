import { describe, expect, it } from 'vitest';
import { gpuSample } from '../../test/fixtures';
import { SampleRing } from './sample-ring';

const WINDOW_MS = 15 * 60_000;
const tsOf = (samples: readonly { ts: number }[]) => samples.map((sample) => sample.ts);

function ringWith(timestamps: readonly number[], maxCapacity = 100, windowMs = WINDOW_MS): SampleRing {
  const ring = new SampleRing(maxCapacity);
  for (const ts of timestamps) ring.append(gpuSample(0, ts), windowMs);
  return ring;
}

describe('a GPU sample ring', () => {
  it('keeps samples in time order and ignores repeated or older ones', () => {
    const ring = ringWith([1_000, 1_250]);
    const version = ring.version;
    expect(ring.append(gpuSample(0, 1_250), WINDOW_MS)).toBe(false);
    expect(ring.append(gpuSample(0, 900), WINDOW_MS)).toBe(false);
    expect(ring.version).toBe(version);
    expect(tsOf(ring.toArray())).toEqual([1_000, 1_250]);
    expect(ring.latest()?.ts).toBe(1_250);
  });

  it('wraps at its capacity: the oldest sample goes, the order stays', () => {
    const ring = ringWith([1, 2, 3, 4, 5, 6, 7], 4);
    expect(ring.size).toBe(4);
    expect(ring.capacity).toBe(4);
    expect(tsOf(ring.toArray())).toEqual([4, 5, 6, 7]);
    expect(ring.at(0)?.ts).toBe(4);
    expect(ring.at(4)).toBeUndefined();
  });

  it('drops what is older than the window before the newest sample', () => {
    const ring = ringWith([0, 60_000, WINDOW_MS + 30_000]);
    expect(tsOf(ring.toArray())).toEqual([60_000, WINDOW_MS + 30_000]);
  });

  it('holds 15 minutes at 250 ms (3,601 samples) and no more, through many wraps', () => {
    const ring = new SampleRing(9_001);
    for (let ts = 0; ts <= 3 * WINDOW_MS; ts += 250) ring.append(gpuSample(0, ts), WINDOW_MS);
    expect(ring.size).toBe(WINDOW_MS / 250 + 1);
    const samples = ring.toArray();
    expect(samples[0]?.ts).toBe(2 * WINDOW_MS);
    expect(samples.at(-1)?.ts).toBe(3 * WINDOW_MS);
    expect(samples.every((sample, i) => i === 0 || sample.ts - (samples[i - 1]?.ts ?? 0) === 250)).toBe(true);
  });

  it('gives the same array until it changes, then a new one (what React compares)', () => {
    const ring = ringWith([1, 2]);
    const first = ring.toArray();
    expect(ring.toArray()).toBe(first);
    ring.append(gpuSample(0, 3), WINDOW_MS);
    expect(ring.toArray()).not.toBe(first);
    expect(tsOf(first)).toEqual([1, 2]);
  });

  it('reads the samples since a time, for a chart of a shorter window', () => {
    const ring = ringWith([100, 200, 300, 400, 500, 600], 4);
    expect(tsOf(ring.since(450))).toEqual([500, 600]);
    expect(tsOf(ring.since(0))).toEqual([300, 400, 500, 600]);
    expect(ring.since(700)).toEqual([]);
  });

  it('shrinks to a smaller bound keeping the newest samples, and grows back', () => {
    const ring = ringWith([1, 2, 3, 4, 5, 6, 7, 8], 8);
    ring.setMaxCapacity(3);
    expect(ring.capacity).toBe(3);
    expect(tsOf(ring.toArray())).toEqual([6, 7, 8]);
    ring.setMaxCapacity(6);
    for (const ts of [9, 10, 11, 12]) ring.append(gpuSample(0, ts), WINDOW_MS);
    expect(tsOf(ring.toArray())).toEqual([7, 8, 9, 10, 11, 12]);
  });
});
