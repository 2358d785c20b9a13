import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';
import type { Store, TableDump } from './store.js';
import { gpuInfo, gpuSample, makeTempDir, type TempDir } from './test-fixtures.js';

/** What only a SQLite file shows (the contract suite runs SQLite in memory): read connections, sizes, statement shapes. */
const T0 = 1_767_225_600_000;
const A = 'GPU-aaaaaaaa-0000-0000-0000-000000000001';

let dir: TempDir;
let store: Store;
beforeEach(async () => {
  dir = makeTempDir();
  store = createSqliteStore({ dataDir: dir.path });
  await store.migrate();
  await store.upsertInventory([gpuInfo({ uuid: A })]);
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

const run = (count: number, from: number) =>
  Array.from({ length: count }, (_, i) => gpuSample({ uuid: A, ts: from + i, temperatureC: (from + i) % 97 }));

async function rowsOf(dump: TableDump): Promise<number> {
  let count = 0;
  for await (const chunk of dump.rows) count += chunk.length;
  return count;
}

describe('sqlite file store', () => {
  it('stores every row of batches of any size, in order', async () => {
    let ts = T0;
    for (const size of [1, 127, 128, 129, 300, 2_000]) {
      await store.insertSamples(run(size, ts));
      ts += size;
    }
    const read: number[] = [];
    for await (const chunk of store.streamSamples({ from: 0, to: ts, chunkRows: 500 })) {
      for (const sample of chunk) read.push(sample.ts);
    }
    expect(read).toEqual(Array.from({ length: ts - T0 }, (_, i) => T0 + i));
  });

  it('streams an export on its own connection while batches keep being written', async () => {
    await store.insertSamples(run(1_000, T0));
    let exported = 0;
    let written = 0;
    for await (const chunk of store.streamSamples({ from: T0, to: T0 + 1_000, chunkRows: 100 })) {
      exported += chunk.length;
      await store.insertSamples(run(50, T0 + 10_000 + written)); // never waits for the export
      written += 50;
    }
    expect(exported).toBe(1_000);
    expect(written).toBe(500);
  });

  it('backs up one snapshot: rows written during the backup are not in it', async () => {
    await store.insertSamples(run(300, T0));
    const counts: Record<string, number> = {};
    for await (const dump of store.dumpTables()) {
      if (dump.table === 'hosts') await store.insertSamples(run(300, T0 + 5_000));
      counts[dump.table] = await rowsOf(dump);
    }
    expect(counts.gpu_metrics).toBe(300);
    expect((await store.storageStats()).tiers[0]?.rows).toBe(600);
  });

  it('reports the file size and each tier with its indexes', async () => {
    await store.insertSamples(run(5_000, T0));
    const stats = await store.storageStats();
    expect(stats.sizeBytes).toBeGreaterThan(0);
    const [raw, minute, hour] = stats.tiers;
    expect(raw?.sizeBytes).toBeGreaterThan(100_000);
    expect(minute?.sizeBytes).toBeGreaterThan(0);
    expect(hour?.sizeBytes).toBeGreaterThan(0);
    expect((raw?.sizeBytes ?? 0) + (minute?.sizeBytes ?? 0) + (hour?.sizeBytes ?? 0)).toBeLessThan(
      stats.sizeBytes ?? 0,
    );
  });

  it('reads history series, off the main thread, including what was just written', async () => {
    const series = () =>
      store.readSeries({
        uuids: [A],
        metrics: ['temperatureC'],
        from: T0,
        to: T0 + 120_000,
        tier: '1m',
        bucketMs: 60_000,
        origin: T0,
      });
    await store.insertSamples([gpuSample({ uuid: A, ts: T0, temperatureC: 40 })]);
    expect((await series()).get(A)?.get('temperatureC')).toEqual({ ts: [T0], min: [40], avg: [40], max: [40] });
    await store.insertSamples([gpuSample({ uuid: A, ts: T0 + 60_000, temperatureC: 50 })]);
    expect((await series()).get(A)?.get('temperatureC')?.avg).toEqual([40, 50]);
  });

  it('fails a history read in flight when the store closes, rather than leaving it hanging', async () => {
    await store.insertSamples(run(2_000, T0));
    const read = store.readSeries({
      uuids: [A],
      metrics: ['temperatureC'],
      from: T0,
      to: T0 + 2_000,
      tier: 'raw',
      bucketMs: 1,
      origin: T0,
    });
    await store.close();
    await expect(read).rejects.toThrow(/closed/);
    store = createSqliteStore({ dataDir: dir.path });
  });

  it('names the last migration applied as its schema version', async () => {
    expect(await store.schemaVersion()).toBe(Object.keys(migrations).at(-1));
  });
});
