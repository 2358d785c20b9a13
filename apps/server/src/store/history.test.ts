import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/app-error.js';
import { StoreNotFoundError } from './errors.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';
import { gpuInfo, gpuSample, makeTempDir, type TempDir } from './test-fixtures.js';

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const A = 'GPU-aaaaaaaa-0000-0000-0000-000000000001';
const B = 'GPU-bbbbbbbb-0000-0000-0000-000000000002';

let dir: TempDir;
let store: Store;
beforeEach(async () => {
  dir = makeTempDir();
  store = createSqliteStore({ dataDir: dir.path });
  await store.migrate();
  await store.upsertInventory([gpuInfo({ uuid: A, index: 0 }), gpuInfo({ uuid: B, index: 1 })]);
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

describe('history', () => {
  it('averages each metric per bucket, stamped with the bucket start, ascending', async () => {
    // Inserted out of order on purpose: the result must still be ascending.
    await store.insertSamples([
      gpuSample({ uuid: A, ts: T0 + 1_500, temperatureC: 70, powerDrawW: 300 }),
      gpuSample({ uuid: A, ts: T0 + 0, temperatureC: 60, powerDrawW: 100 }),
      gpuSample({ uuid: A, ts: T0 + 500, temperatureC: 62, powerDrawW: 200 }),
      gpuSample({ uuid: A, ts: T0 + 1_000, temperatureC: 80, powerDrawW: 350 }),
    ]);
    const result = await store.history({ uuid: A, from: T0, to: T0 + 4_000, points: 4 });

    expect(result.bucketMs).toBe(1_000);
    expect(result.points.map((p) => [p.ts, p.temperatureC, p.powerDrawW])).toEqual([
      [T0, 61, 150],
      [T0 + 1_000, 75, 325],
    ]);
  });

  it('leaves out empty buckets', async () => {
    await store.insertSamples([
      gpuSample({ uuid: A, ts: T0 + 100, utilizationGpuPct: 10 }),
      gpuSample({ uuid: A, ts: T0 + 3_100, utilizationGpuPct: 90 }),
    ]);
    const { points } = await store.history({ uuid: A, from: T0, to: T0 + 4_000, points: 4 });
    expect(points.map((p) => [p.ts, p.utilizationGpuPct])).toEqual([
      [T0, 10],
      [T0 + 3_000, 90],
    ]);
  });

  it('ignores nulls in an average, and gives null where a metric was never reported', async () => {
    await store.insertSamples([
      gpuSample({ uuid: A, ts: T0, fanSpeedPct: 40, temperatureC: 50, utilizationGpuPct: null }),
      gpuSample({ uuid: A, ts: T0 + 10, fanSpeedPct: null, temperatureC: 52, utilizationGpuPct: null }),
    ]);
    const { points } = await store.history({ uuid: A, from: T0, to: T0 + 1_000, points: 1 });
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ ts: T0, fanSpeedPct: 40, temperatureC: 51, utilizationGpuPct: null });
    expect(points[0]?.memoryTemperatureC).toBeNull();
  });

  it('returns at most `points` buckets of ceil((to - from) / points) ms', async () => {
    const samples = Array.from({ length: 1_000 }, (_, i) => gpuSample({ uuid: A, ts: T0 + i * 250, clockSmMHz: i }));
    await store.insertSamples(samples);
    const to = T0 + 250_000;

    const result = await store.history({ uuid: A, from: T0, to, points: 7 });
    expect(result.bucketMs).toBe(Math.ceil(250_000 / 7));
    expect(result.points).toHaveLength(7);
    expect(result.points[0]?.clockSmMHz).toBeCloseTo(71); // mean of 0..142: samples in the first 35,715 ms

    const full = await store.history({ uuid: A, from: T0, to, points: 5_000 });
    expect(full.bucketMs).toBe(50);
    expect(full.points).toHaveLength(1_000);
    expect(full.points.at(-1)).toMatchObject({ ts: T0 + 249_750, clockSmMHz: 999 });
  });

  it('uses 1 ms buckets at least, so a short range never divides by zero', async () => {
    await store.insertSamples([gpuSample({ uuid: A, ts: T0, memoryUsedMiB: 512 })]);
    const result = await store.history({ uuid: A, from: T0, to: T0 + 3, points: 100 });
    expect(result.bucketMs).toBe(1);
    expect(result.points).toEqual([expect.objectContaining({ ts: T0, memoryUsedMiB: 512 })]);
  });

  it('reads [from, to): before `from` and at `to` are out, and other GPUs never leak in', async () => {
    await store.insertSamples([
      gpuSample({ uuid: A, ts: T0 - 1, temperatureC: 99 }),
      gpuSample({ uuid: A, ts: T0, temperatureC: 40 }),
      gpuSample({ uuid: A, ts: T0 + 999, temperatureC: 42 }),
      gpuSample({ uuid: A, ts: T0 + 1_000, temperatureC: 99 }),
      gpuSample({ uuid: B, ts: T0 + 500, temperatureC: 99 }),
    ]);
    const { points } = await store.history({ uuid: A, from: T0, to: T0 + 1_000, points: 1 });
    expect(points.map((p) => [p.ts, p.temperatureC])).toEqual([[T0, 41]]);
  });

  it('answers an empty list for a known GPU with no samples in range', async () => {
    const result = await store.history({ uuid: B, from: T0, to: T0 + 60_000, points: 60 });
    expect(result).toEqual({ bucketMs: 1_000, points: [] });
  });

  it('throws a not-found error naming the uuid for an unknown GPU', async () => {
    const request = { uuid: 'GPU-nope', from: T0, to: T0 + 1_000, points: 10 };
    await expect(store.history(request)).rejects.toBeInstanceOf(StoreNotFoundError);
    await expect(store.history(request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.history(request)).rejects.toMatchObject({ code: 'not_found', field: 'uuid' });
  });
});
