import { rollupSamples } from '@gpu-sentinel/core';
import {
  ROLLUP_TIERS,
  TIER_BUCKET_MS,
  type GpuSample,
  type RollupExportRow,
  type RollupTier,
} from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import {
  allRollups,
  allSamples,
  GPU_A,
  GPU_B,
  gpuSample,
  MINUTE,
  sampleRun,
  storeOpener,
  T0,
  withTwoGpus,
} from './contract-fixtures.js';
import { ENGINES } from './engines.js';

/** What a tier must hold for these samples: every sample folded at once. */
function expectedRollups(samples: readonly GpuSample[], tier: RollupTier): RollupExportRow[] {
  return rollupSamples(samples, TIER_BUCKET_MS[tier])
    .map((bucket) => ({
      ts: bucket.ts,
      tier,
      hostId: bucket.hostId,
      uuid: bucket.uuid,
      index: bucket.uuid === GPU_A ? 0 : 1,
      samples: bucket.samples,
      metrics: Object.fromEntries(
        Object.entries(bucket.metrics).map(([metric, a]) => [
          metric,
          { min: a.min, avg: a.n === 0 ? null : a.sum / a.n, max: a.max },
        ]),
      ),
    }))
    .sort((a, b) => a.ts - b.ts || a.uuid.localeCompare(b.uuid));
}

/** A deterministic shuffle, so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

describe.each(ENGINES)('$name store: rollups kept as samples are written', (engine) => {
  const open = storeOpener(engine);

  it('writes the raw rows and the minute, 10-minute and hour rollups of a batch together', async () => {
    const store = await withTwoGpus(await open());
    const samples = sampleRun(3);
    await store.insertSamples(samples);

    expect(await allSamples(store)).toHaveLength(samples.length);
    const minutes = await allRollups(store, '1m');
    expect(minutes.map((row) => [row.ts, row.uuid, row.samples])).toEqual([
      [T0, GPU_A, 4],
      [T0, GPU_B, 4],
      [T0 + MINUTE, GPU_A, 4],
      [T0 + MINUTE, GPU_B, 4],
      [T0 + 2 * MINUTE, GPU_A, 4],
      [T0 + 2 * MINUTE, GPU_B, 4],
    ]);
    expect(minutes[0]?.metrics.temperatureC).toEqual({ min: 40, avg: (40 + 41 + 42 + 43) / 4, max: 43 });
    // Samples 0 and 3 of the first minute have no fan reading: the average is over the two that do.
    expect(minutes[0]?.metrics.fanSpeedPct).toEqual({ min: 31, avg: 31.5, max: 32 });
    expect(minutes[1]?.metrics.fanSpeedPct).toEqual({ min: null, avg: null, max: null });
    expect(await allRollups(store, '10m')).toEqual(expectedRollups(samples, '10m'));
    expect((await allRollups(store, '10m')).map((row) => [row.ts, row.uuid, row.samples])).toEqual([
      [T0, GPU_A, 12],
      [T0, GPU_B, 12],
    ]);
    expect(await allRollups(store, '1h')).toEqual(expectedRollups(samples, '1h'));
  });

  it('keeps the same rollups however the samples are split into batches and ordered', async () => {
    const samples = sampleRun(130, T0 + 55 * MINUTE); // crosses three hour and thirteen 10-minute boundaries
    const inOneBatch = await withTwoGpus(await open());
    await inOneBatch.insertSamples(samples);

    const inPieces = await withTwoGpus(await open());
    const mixed = shuffled(samples, 7);
    for (let start = 0, size = 1; start < mixed.length; start += size, size = (size * 7) % 97) {
      await inPieces.insertSamples(mixed.slice(start, start + size));
    }

    for (const tier of ROLLUP_TIERS) {
      const expected = expectedRollups(samples, tier);
      expect(await allRollups(inOneBatch, tier)).toEqual(expected);
      expect(await allRollups(inPieces, tier)).toEqual(expected);
    }
  });

  it('leaves raw rows and rollups untouched when a batch fails', async () => {
    const store = await withTwoGpus(await open());
    await store.insertSamples(sampleRun(2));
    const everything = async () => ({
      raw: await allSamples(store),
      rollups: await Promise.all(ROLLUP_TIERS.map((tier) => allRollups(store, tier))),
    });
    const before = await everything();

    const broken = gpuSample({ uuid: GPU_B, ts: null as unknown as number });
    const batch = [gpuSample({ uuid: GPU_A, ts: T0 + 30 * MINUTE, temperatureC: 99 }), broken];
    await expect(store.insertSamples(batch)).rejects.toThrow();

    expect(await everything()).toEqual(before);
  });

  it('registers a GPU first seen in a sample and keeps its rollups', async () => {
    const store = await open();
    await store.insertSamples([gpuSample({ uuid: GPU_A, ts: T0 + 1_000, temperatureC: 50 })]);
    expect(await allRollups(store, '1m')).toEqual([
      expect.objectContaining({ ts: T0, uuid: GPU_A, hostId: 'host-a', samples: 1 }),
    ]);
  });
});
