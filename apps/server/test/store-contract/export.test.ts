import { describe, expect, it } from 'vitest';
import {
  collect,
  GPU_A,
  GPU_B,
  GPU_UNKNOWN,
  gpuSample,
  HOUR,
  MINUTE,
  sampleRun,
  storeOpener,
  T0,
  withTwoGpus,
} from './contract-fixtures.js';
import { ENGINES } from './engines.js';

describe.each(ENGINES)('$name store: exports streamed in chunks', (engine) => {
  const open = storeOpener(engine);

  it('streams every sample as written, ordered by time then GPU, in chunks of the requested size', async () => {
    const store = await withTwoGpus(await open());
    const samples = sampleRun(2).reverse(); // written newest first: the export still reads oldest first
    await store.insertSamples(samples);

    const chunks = await collect(store.streamSamples({ from: 0, to: T0 + HOUR, chunkRows: 3 }));
    expect(chunks.map((chunk) => chunk.length)).toEqual([3, 3, 3, 3, 3, 1]);
    const read = chunks.flat();
    expect(read.map((sample) => [sample.ts, sample.uuid])).toEqual(
      [...samples]
        .sort((a, b) => a.ts - b.ts || a.uuid.localeCompare(b.uuid))
        .map((sample) => [sample.ts, sample.uuid]),
    );
    expect(read[0]).toEqual(samples.find((sample) => sample.uuid === GPU_A && sample.ts === T0));
  });

  it('filters by GPU and by the half-open range [from, to)', async () => {
    const store = await withTwoGpus(await open());
    await store.insertSamples(sampleRun(2));

    const onlyB = (
      await collect(store.streamSamples({ uuids: [GPU_B], from: T0 + 15_000, to: T0 + MINUTE, chunkRows: 100 }))
    ).flat();
    expect(onlyB.map((sample) => [sample.ts, sample.uuid, sample.index])).toEqual([
      [T0 + 15_000, GPU_B, 1],
      [T0 + 30_000, GPU_B, 1],
      [T0 + 45_000, GPU_B, 1],
    ]);
    expect(await collect(store.streamSamples({ uuids: [GPU_UNKNOWN], from: 0, to: T0 + HOUR, chunkRows: 10 }))).toEqual(
      [],
    );
    expect(await collect(store.streamSamples({ from: T0 + HOUR, to: T0 + 2 * HOUR, chunkRows: 10 }))).toEqual([]);
  });

  it('never skips or repeats samples that share a time and GPU across a chunk boundary', async () => {
    const store = await withTwoGpus(await open());
    const twins = [1, 2, 3, 4].map((value) => gpuSample({ uuid: GPU_A, ts: T0 + 1_000, temperatureC: value }));
    await store.insertSamples([
      gpuSample({ uuid: GPU_A, ts: T0, temperatureC: 0 }),
      ...twins,
      gpuSample({ uuid: GPU_B, ts: T0 + 1_000 }),
    ]);

    const read = (await collect(store.streamSamples({ from: 0, to: T0 + HOUR, chunkRows: 2 }))).flat();
    expect(
      read
        .map((sample) => sample.temperatureC)
        .slice(0, 5)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4]);
    expect(read).toHaveLength(6);
  });

  it('streams rollup rows of a tier with min, avg and max per metric', async () => {
    const store = await withTwoGpus(await open());
    await store.insertSamples([
      gpuSample({ uuid: GPU_B, index: 1, ts: T0 + 1_000, temperatureC: 50, powerDrawW: 200 }),
      gpuSample({ uuid: GPU_B, index: 1, ts: T0 + 2_000, temperatureC: 54, powerDrawW: null }),
      gpuSample({ uuid: GPU_A, ts: T0 + MINUTE, temperatureC: 30 }),
      gpuSample({ uuid: GPU_A, ts: T0 + 2 * HOUR, temperatureC: 20 }),
    ]);

    const minutes = (await collect(store.streamRollups('1m', { from: T0, to: T0 + HOUR, chunkRows: 1 }))).flat();
    expect(minutes).toHaveLength(2);
    expect(minutes[0]).toMatchObject({ ts: T0, tier: '1m', hostId: 'host-a', uuid: GPU_B, index: 1, samples: 2 });
    expect(minutes[0]?.metrics.temperatureC).toEqual({ min: 50, avg: 52, max: 54 });
    expect(minutes[0]?.metrics.powerDrawW).toEqual({ min: 200, avg: 200, max: 200 });
    expect(minutes[0]?.metrics.fanSpeedPct).toEqual({ min: null, avg: null, max: null });
    expect(minutes[1]).toMatchObject({ ts: T0 + MINUTE, uuid: GPU_A, samples: 1 });

    const hours = (
      await collect(store.streamRollups('1h', { uuids: [GPU_A], from: 0, to: T0 + 3 * HOUR, chunkRows: 10 }))
    ).flat();
    expect(hours.map((row) => [row.ts, row.tier, row.uuid, row.metrics.temperatureC?.avg])).toEqual([
      [T0, '1h', GPU_A, 30],
      [T0 + 2 * HOUR, '1h', GPU_A, 20],
    ]);
  });
});
