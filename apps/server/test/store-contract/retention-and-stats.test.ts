import { HISTORY_TIERS } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import {
  allRollups,
  allSamples,
  GPU_A,
  GPU_B,
  gpuSample,
  HOUR,
  MINUTE,
  storeOpener,
  T0,
  withTwoGpus,
} from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const DAY = 24 * HOUR;

describe.each(ENGINES)('$name store: storage stats and retention per tier', (engine) => {
  const open = storeOpener(engine);

  it('reports rows, oldest and newest per tier, and sizes as numbers or null', async () => {
    const store = await withTwoGpus(await open());
    const empty = await store.storageStats();
    expect(empty.tiers.map((tier) => [tier.tier, tier.rows, tier.oldest, tier.newest])).toEqual([
      ['raw', 0, null, null],
      ['1m', 0, null, null],
      ['10m', 0, null, null],
      ['1h', 0, null, null],
    ]);

    await store.insertSamples([
      gpuSample({ uuid: GPU_A, ts: T0 + 5_000, temperatureC: 40 }),
      gpuSample({ uuid: GPU_B, ts: T0 + 65_000, temperatureC: 41 }),
      gpuSample({ uuid: GPU_A, ts: T0 + HOUR + 1, temperatureC: 42 }),
    ]);
    const stats = await store.storageStats();
    expect(stats.tiers.map((tier) => [tier.tier, tier.rows, tier.oldest, tier.newest])).toEqual([
      ['raw', 3, T0 + 5_000, T0 + HOUR + 1],
      ['1m', 3, T0, T0 + HOUR],
      ['10m', 3, T0, T0 + HOUR],
      ['1h', 3, T0, T0 + HOUR],
    ]);
    expect(stats.sizeBytes === null || stats.sizeBytes > 0).toBe(true);
    for (const tier of stats.tiers) expect(tier.sizeBytes === null || tier.sizeBytes >= 0).toBe(true);
  });

  it('deletes each tier only before its own cutoff and says how many rows went', async () => {
    const store = await withTwoGpus(await open());
    // One sample a day for five days, at the same minute of the day.
    const days = [0, 1, 2, 3, 4];
    await store.insertSamples(
      days.map((day) => gpuSample({ uuid: GPU_A, ts: T0 + day * DAY + MINUTE, temperatureC: day })),
    );

    const cutoffs = { raw: T0 + 4 * DAY, '1m': T0 + 3 * DAY, '10m': T0 + 2 * DAY, '1h': T0 + DAY };
    const result = await store.applyRetention(cutoffs);
    expect(result.deletedRows).toEqual({ raw: 4, '1m': 3, '10m': 2, '1h': 1 });
    expect(result.droppedPartitions).toBeGreaterThanOrEqual(0);

    expect((await allSamples(store)).map((sample) => sample.temperatureC)).toEqual([4]);
    expect((await allRollups(store, '1m')).map((row) => row.ts)).toEqual([3, 4].map((day) => T0 + day * DAY + MINUTE));
    expect((await allRollups(store, '10m')).map((row) => row.ts)).toEqual([2, 3, 4].map((day) => T0 + day * DAY));
    expect((await allRollups(store, '1h')).map((row) => row.ts)).toEqual([1, 2, 3, 4].map((day) => T0 + day * DAY));

    const again = await store.applyRetention(cutoffs);
    expect(again.deletedRows).toEqual({ raw: 0, '1m': 0, '10m': 0, '1h': 0 });
  });

  it('leaves a rollup tier without a cutoff as it is', async () => {
    const store = await withTwoGpus(await open());
    await store.insertSamples(
      [0, 1, 2].map((day) => gpuSample({ uuid: GPU_A, ts: T0 + day * DAY, temperatureC: day })),
    );
    const result = await store.applyRetention({ raw: T0 + 2 * DAY, '1h': T0 + DAY });
    expect(result.deletedRows).toEqual({ raw: 2, '1m': 0, '10m': 0, '1h': 1 });
    expect(await allRollups(store, '10m')).toHaveLength(3);
    expect(await allRollups(store, '1m')).toHaveLength(3);
  });

  it('removes a large backlog of raw rows in one run', async () => {
    const store = await withTwoGpus(await open());
    const samples = Array.from({ length: 25_000 }, (_, i) =>
      gpuSample({ uuid: i % 2 ? GPU_A : GPU_B, ts: T0 + i * 10 }),
    );
    for (let start = 0; start < samples.length; start += 2_000)
      await store.insertSamples(samples.slice(start, start + 2_000));
    const result = await store.applyRetention({ raw: T0 + 24_000 * 10, '1m': 0, '10m': 0, '1h': 0 });
    expect(result.deletedRows.raw).toBe(24_000);
    const stats = await store.storageStats();
    expect(stats.tiers.find((tier) => tier.tier === 'raw')).toMatchObject({ rows: 1_000, oldest: T0 + 24_000 * 10 });
    expect(HISTORY_TIERS).toEqual(stats.tiers.map((tier) => tier.tier));
  });
});
