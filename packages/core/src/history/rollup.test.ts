import { NUMERIC_METRICS, type GpuSample, type NumericMetric } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { coarsenBuckets, mergeAggregates, rollupSamples } from './rollup.js';

const noMetrics = Object.fromEntries(NUMERIC_METRICS.map((m) => [m, null])) as Record<NumericMetric, null>;
function sample(uuid: string, ts: number, temperatureC: number | null): GpuSample {
  return { ts, hostId: 'h', uuid, index: 0, ...noMetrics, temperatureC, pstate: null, throttleReasons: [] };
}

describe('rollupSamples', () => {
  it('folds samples into per-GPU minute buckets with min, max, sum and count, skipping nulls', () => {
    const buckets = rollupSamples(
      [
        sample('a', 60_000, 50),
        sample('a', 61_000, 70),
        sample('a', 62_000, null),
        sample('b', 60_500, 40),
        sample('a', 120_000, 80),
      ],
      60_000,
    );
    expect(buckets.map((b) => [b.uuid, b.ts, b.samples])).toEqual([
      ['a', 60_000, 3],
      ['b', 60_000, 1],
      ['a', 120_000, 1],
    ]);
    expect(buckets[0]?.metrics.temperatureC).toEqual({ min: 50, max: 70, sum: 120, n: 2 });
    expect(buckets[0]?.metrics.powerDrawW).toEqual({ min: null, max: null, sum: 0, n: 0 });
  });

  it('gives the same aggregate whether a bucket is folded at once or merged batch by batch', () => {
    const all = [50, 61, 43, 77, 58].map((t, i) => sample('a', i * 1000, t));
    const whole = rollupSamples(all, 60_000)[0]?.metrics.temperatureC;
    const first = rollupSamples(all.slice(0, 2), 60_000)[0]?.metrics.temperatureC;
    const second = rollupSamples(all.slice(2), 60_000)[0]?.metrics.temperatureC;
    if (first === undefined || second === undefined) throw new Error('no buckets');
    expect(mergeAggregates(second, first)).toEqual(whole);
  });
});

describe('coarsenBuckets', () => {
  it('folds minute buckets into the hour buckets that folding the samples directly gives', () => {
    const samples = Array.from({ length: 400 }, (_, i) =>
      sample(i % 3 === 0 ? 'b' : 'a', 3_000_000 + i * 17_000, i % 5 === 0 ? null : (i * 37) % 91),
    );
    const hours = coarsenBuckets(rollupSamples(samples, 60_000), 3_600_000);
    expect(hours).toEqual(rollupSamples(samples, 3_600_000));
    expect(hours).toHaveLength(6); // two GPUs over three hours
  });

  it('leaves the finer buckets as they were', () => {
    const minutes = rollupSamples([sample('a', 0, 1), sample('a', 60_000, 3)], 60_000);
    const before = structuredClone(minutes);
    coarsenBuckets(minutes, 3_600_000);
    expect(minutes).toEqual(before);
  });
});
