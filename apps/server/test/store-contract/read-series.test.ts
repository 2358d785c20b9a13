import { describe, expect, it } from 'vitest';
import type { SeriesRequest, Store } from '../../src/store/index.js';
import {
  GPU_A,
  GPU_B,
  GPU_UNKNOWN,
  gpuSample,
  HOUR,
  MINUTE,
  storeOpener,
  T0,
  withTwoGpus,
} from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const request = (overrides: Partial<SeriesRequest>): SeriesRequest => ({
  uuids: [GPU_A],
  metrics: ['temperatureC'],
  from: T0,
  to: T0 + HOUR,
  tier: 'raw',
  bucketMs: 10_000,
  origin: T0,
  ...overrides,
});

describe.each(ENGINES)('$name store: history series per tier', (engine) => {
  const open = storeOpener(engine);

  async function storeWithSamples(): Promise<Store> {
    const store = await withTwoGpus(await open());
    await store.insertSamples([
      // GPU A: two buckets of 10 s (T0.., T0+10 s..), one reading without power.
      gpuSample({ uuid: GPU_A, ts: T0, temperatureC: 40, powerDrawW: 100 }),
      gpuSample({ uuid: GPU_A, ts: T0 + 4_000, temperatureC: 50, powerDrawW: null }),
      gpuSample({ uuid: GPU_A, ts: T0 + 9_999, temperatureC: 45, powerDrawW: 200 }),
      gpuSample({ uuid: GPU_A, ts: T0 + 10_000, temperatureC: 60, powerDrawW: null }),
      // GPU B: the next minute and the next hour.
      gpuSample({ uuid: GPU_B, index: 1, ts: T0 + MINUTE + 1_000, temperatureC: 70 }),
      gpuSample({ uuid: GPU_B, index: 1, ts: T0 + MINUTE + 2_000, temperatureC: 74 }),
      gpuSample({ uuid: GPU_B, index: 1, ts: T0 + HOUR + 5_000, temperatureC: 30 }),
    ]);
    return store;
  }

  it('gives min, avg and max per bucket of raw samples, stamped with the bucket start', async () => {
    const store = await storeWithSamples();
    const result = await store.readSeries(request({ metrics: ['temperatureC', 'powerDrawW'] }));
    expect(result.get(GPU_A)?.get('temperatureC')).toEqual({
      ts: [T0, T0 + 10_000],
      min: [40, 60],
      avg: [45, 60],
      max: [50, 60],
    });
    // A bucket where the metric was never reported keeps its place with nulls.
    expect(result.get(GPU_A)?.get('powerDrawW')).toEqual({
      ts: [T0, T0 + 10_000],
      min: [100, null],
      avg: [150, null],
      max: [200, null],
    });
    expect([...(result.get(GPU_A)?.keys() ?? [])]).toEqual(['temperatureC', 'powerDrawW']);
  });

  it('reads [from, to) and counts buckets from the origin', async () => {
    const store = await storeWithSamples();
    const result = await store.readSeries(
      request({ from: T0 + 4_000, to: T0 + 10_000, origin: T0 + 2_000, bucketMs: 4_000 }),
    );
    expect(result.get(GPU_A)?.get('temperatureC')).toEqual({
      ts: [T0 + 2_000, T0 + 6_000],
      min: [50, 45],
      avg: [50, 45],
      max: [50, 45],
    });
  });

  it('reads several GPUs at once; a GPU without rows in range gets empty series, an unknown uuid none', async () => {
    const store = await storeWithSamples();
    const result = await store.readSeries(
      request({
        uuids: [GPU_A, GPU_B, GPU_UNKNOWN],
        from: T0 + MINUTE,
        to: T0 + 2 * MINUTE,
        origin: T0,
        bucketMs: MINUTE,
      }),
    );
    expect([...result.keys()].sort()).toEqual([GPU_A, GPU_B]);
    expect(result.get(GPU_A)?.get('temperatureC')).toEqual({ ts: [], min: [], avg: [], max: [] });
    expect(result.get(GPU_B)?.get('temperatureC')).toEqual({ ts: [T0 + MINUTE], min: [70], avg: [72], max: [74] });
  });

  it('reads the minute rollups: min of minima, max of maxima, average over every sample', async () => {
    const store = await storeWithSamples();
    // One more reading in GPU A's first minute, in a later batch: merged into the stored row.
    await store.insertSamples([gpuSample({ uuid: GPU_A, ts: T0 + 30_000, temperatureC: 35 })]);
    const result = await store.readSeries(
      request({
        uuids: [GPU_A, GPU_B],
        metrics: ['temperatureC', 'powerDrawW'],
        to: T0 + 2 * HOUR,
        tier: '1m',
        bucketMs: 2 * MINUTE,
      }),
    );
    expect(result.get(GPU_A)?.get('temperatureC')).toEqual({
      ts: [T0],
      min: [35],
      avg: [(40 + 50 + 45 + 60 + 35) / 5],
      max: [60],
    });
    expect(result.get(GPU_A)?.get('powerDrawW')).toEqual({ ts: [T0], min: [100], avg: [150], max: [200] });
    expect(result.get(GPU_B)?.get('temperatureC')).toEqual({
      ts: [T0, T0 + HOUR],
      min: [70, 30],
      avg: [72, 30],
      max: [74, 30],
    });
  });

  it('reads the hour rollups, with null aggregates for a metric a GPU never reported', async () => {
    const store = await storeWithSamples();
    const result = await store.readSeries(
      request({
        uuids: [GPU_B],
        metrics: ['temperatureC', 'fanSpeedPct'],
        from: T0,
        to: T0 + 3 * HOUR,
        tier: '1h',
        bucketMs: HOUR,
      }),
    );
    expect(result.get(GPU_B)?.get('temperatureC')).toEqual({
      ts: [T0, T0 + HOUR],
      min: [70, 30],
      avg: [72, 30],
      max: [74, 30],
    });
    expect(result.get(GPU_B)?.get('fanSpeedPct')).toEqual({
      ts: [T0, T0 + HOUR],
      min: [null, null],
      avg: [null, null],
      max: [null, null],
    });
  });

  it('keeps the per-GPU history of raw averages', async () => {
    const store = await storeWithSamples();
    const result = await store.history({ uuid: GPU_A, from: T0, to: T0 + 20_000, points: 2 });
    expect(result.bucketMs).toBe(10_000);
    expect(result.points.map((point) => [point.ts, point.temperatureC])).toEqual([
      [T0, 45],
      [T0 + 10_000, 60],
    ]);
  });
});
