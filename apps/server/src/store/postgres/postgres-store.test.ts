import { afterEach, describe, expect, it } from 'vitest';
import type { GpuSample } from '@gpu-sentinel/protocol';
import { UsernameTakenError } from '../identity-store.js';
import type { Store } from '../store.js';
import { gpuInfo, gpuSample } from '../test-fixtures.js';
import { createPostgresStore } from './postgres-store.js';
import {
  isPostgresTestRun,
  inspectSchema,
  openTestStore,
  testPostgresUrl,
  testSchemaName,
} from './postgres-test-store.js';
import { DAY_MS, DROP_LOCK_TIMEOUT_MS } from './partitions.js';

const DAY0 = Date.UTC(2026, 0, 10);
const uuid = 'GPU-aaaa';

let stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  stores = [];
});

async function open(schema = testSchemaName()): Promise<{ store: Store; schema: string }> {
  const store = await openTestStore({ schema });
  stores.push(store);
  return { store, schema };
}

const partitionsOf = (schema: string) =>
  inspectSchema(schema, async (client) => {
    const { rows } = await client.query<{ relname: string }>(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'gpu_metrics'::regclass ORDER BY c.relname`,
    );
    return rows.map((row) => row.relname);
  });

describe.skipIf(!isPostgresTestRun)('Postgres store', () => {
  it('creates one raw partition per UTC day a batch touches', async () => {
    const { store, schema } = await open();
    await store.upsertInventory([gpuInfo({ uuid })]);
    await store.insertSamples([
      gpuSample({ uuid, ts: DAY0 + 1000, temperatureC: 50 }),
      gpuSample({ uuid, ts: DAY0 + DAY_MS - 1, temperatureC: 51 }),
      gpuSample({ uuid, ts: DAY0 + DAY_MS, temperatureC: 52 }),
    ]);
    await store.insertSamples([gpuSample({ uuid, ts: DAY0 + 2 * DAY_MS + 5, temperatureC: 53 })]);
    expect(await partitionsOf(schema)).toEqual([
      'gpu_metrics_p20260110',
      'gpu_metrics_p20260111',
      'gpu_metrics_p20260112',
    ]);
  });

  it('drops whole day partitions at retention and trims the day that straddles the cutoff', async () => {
    const { store, schema } = await open();
    await store.upsertInventory([gpuInfo({ uuid })]);
    const samples: GpuSample[] = [];
    for (let day = 0; day < 4; day++) {
      for (let hour = 0; hour < 24; hour += 6)
        samples.push(gpuSample({ uuid, ts: DAY0 + day * DAY_MS + hour * 3_600_000 }));
    }
    await store.insertSamples(samples);
    // Cutoff at noon of day 2: days 0 and 1 go whole; day 2 keeps 12:00 and 18:00.
    const result = await store.applyRetention({ raw: DAY0 + 2 * DAY_MS + 12 * 3_600_000, '1m': 0, '10m': 0, '1h': 0 });
    expect(result.droppedPartitions).toBe(2);
    expect(result.deletedRows.raw).toBe(4 + 4 + 2);
    expect(await partitionsOf(schema)).toEqual(['gpu_metrics_p20260112', 'gpu_metrics_p20260113']);
    const stats = await store.storageStats();
    expect(stats.tiers.find((tier) => tier.tier === 'raw')).toMatchObject({
      rows: 6,
      oldest: DAY0 + 2 * DAY_MS + 12 * 3_600_000,
    });
    // A late sample for a dropped day gets its partition back rather than failing the batch.
    await store.insertSamples([gpuSample({ uuid, ts: DAY0 + 5 })]);
    expect(await partitionsOf(schema)).toContain('gpu_metrics_p20260110');
  });

  it('keeps tabs, newlines, backslashes and quotes in pstate and throttle reasons intact through COPY', async () => {
    const { store } = await open();
    const odd = ['tab\there', 'line\nbreak', 'back\\slash', 'cr\rlf', '\\N', 'quote"s', 'ünïcødé ✓'];
    await store.insertSamples([
      gpuSample({ uuid, ts: DAY0, pstate: 'P\t0\\\n', throttleReasons: odd, powerDrawW: 1.5e-7 }),
      gpuSample({ uuid, ts: DAY0 + 1, pstate: '\\N', throttleReasons: [] }),
    ]);
    const chunks: GpuSample[][] = [];
    for await (const chunk of store.streamSamples({ from: DAY0, to: DAY0 + 10, chunkRows: 100 })) chunks.push(chunk);
    const rows = chunks.flat();
    expect(rows.map((row) => [row.pstate, row.throttleReasons, row.powerDrawW])).toEqual([
      ['P\t0\\\n', odd, 1.5e-7],
      ['\\N', [], null],
    ]);
  });

  it('leaves a partition for the next run rather than stall behind a long query on the raw table', async () => {
    const { store, schema } = await open();
    await store.upsertInventory([gpuInfo({ uuid })]);
    await store.insertSamples([gpuSample({ uuid, ts: DAY0 }), gpuSample({ uuid, ts: DAY0 + DAY_MS })]);
    const cutoffs = { raw: DAY0 + DAY_MS, '1m': 0, '10m': 0, '1h': 0 };
    await inspectSchema(schema, async (reader) => {
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM gpu_metrics');
      const startedAt = Date.now();
      const blocked = await store.applyRetention(cutoffs);
      expect(blocked).toMatchObject({ droppedPartitions: 0, deletedRows: { raw: 0 } });
      expect(Date.now() - startedAt).toBeLessThan(DROP_LOCK_TIMEOUT_MS * 3);
      await store.insertSamples([gpuSample({ uuid, ts: DAY0 + DAY_MS + 1 })]);
      await reader.query('COMMIT');
    });
    expect(await store.applyRetention(cutoffs)).toMatchObject({ droppedPartitions: 1, deletedRows: { raw: 1 } });
  });

  it('lets two stores sharing a database create the same day partitions at once', async () => {
    const schema = testSchemaName();
    const first = (await open(schema)).store;
    const second = createPostgresStore({ url: testPostgresUrl(), schema });
    stores.push(second);
    await first.upsertInventory([gpuInfo({ uuid }), gpuInfo({ uuid: 'GPU-bbbb', index: 1 })]);
    const batch = (gpu: string, day: number) =>
      Array.from({ length: 50 }, (_, i) => gpuSample({ uuid: gpu, ts: DAY0 + day * DAY_MS + i * 1000 }));
    // Each day is new to both stores, so both try to create its partition at the same moment.
    for (let day = 3; day < 8; day++) {
      await Promise.all([first.insertSamples(batch(uuid, day)), second.insertSamples(batch('GPU-bbbb', day))]);
    }
    expect(await partitionsOf(schema)).toEqual([13, 14, 15, 16, 17].map((d) => `gpu_metrics_p202601${String(d)}`));
    const stats = await first.storageStats();
    expect(stats.tiers.find((tier) => tier.tier === 'raw')?.rows).toBe(500);
  });

  it("writes a late sample for a day another server's retention dropped", async () => {
    const schema = testSchemaName();
    const writer = (await open(schema)).store;
    const janitor = createPostgresStore({ url: testPostgresUrl(), schema });
    stores.push(janitor);
    await writer.upsertInventory([gpuInfo({ uuid })]);
    await writer.insertSamples([gpuSample({ uuid, ts: DAY0 + 1 })]);
    const result = await janitor.applyRetention({ raw: DAY0 + DAY_MS, '1m': 0, '10m': 0, '1h': 0 });
    expect(result.droppedPartitions).toBe(1);
    // The writer still believes the day's partition exists; the batch must not be lost for it.
    await writer.insertSamples([gpuSample({ uuid, ts: DAY0 + 2, temperatureC: 40 })]);
    const stats = await writer.storageStats();
    expect(stats.tiers.find((tier) => tier.tier === 'raw')).toMatchObject({ rows: 1, oldest: DAY0 + 2 });
  });

  it('takes overlapping batches that merge into the same rollup rows in opposite orders', async () => {
    const { store } = await open();
    const gpus = ['GPU-1', 'GPU-2', 'GPU-3', 'GPU-4'];
    await store.upsertInventory(gpus.map((gpu, index) => gpuInfo({ uuid: gpu, index })));
    const batch = (order: string[], offset: number) =>
      Array.from({ length: 200 }, (_, i) =>
        gpuSample({ uuid: order[i % order.length] ?? '', ts: DAY0 + offset + i * 100, temperatureC: 50 }),
      );
    const reversed = [...gpus].reverse();
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => store.insertSamples(batch(i % 2 === 0 ? gpus : reversed, i))),
    );
    let samples = 0;
    for await (const rows of store.streamRollups('1m', { from: DAY0, to: DAY0 + DAY_MS, chunkRows: 100 })) {
      for (const row of rows) samples += row.samples;
    }
    expect(samples).toBe(6 * 200);
  });

  it('says so when a backup table is read after its snapshot ended', async () => {
    const { store } = await open();
    await store.upsertInventory([gpuInfo({ uuid })]);
    const dumps = [];
    for await (const dump of store.dumpTables()) dumps.push(dump);
    const hosts = dumps.find((dump) => dump.table === 'hosts');
    if (hosts === undefined) throw new Error('no hosts table in the dump');
    await expect(hosts.rows[Symbol.asyncIterator]().next()).rejects.toThrow(/handed back/);
  });

  it('matches usernames without regard to case, as SQLite does', async () => {
    const { store } = await open();
    await store.identity.insertUser({ username: 'Admin', passwordHash: 'x', role: 'admin' }, DAY0);
    expect((await store.identity.findUserByUsername('aDMIN'))?.username).toBe('Admin');
    await expect(
      store.identity.insertUser({ username: 'ADMIN', passwordHash: 'y', role: 'user' }, DAY0),
    ).rejects.toBeInstanceOf(UsernameTakenError);
  });

  it('migrates while other schemas in the database come and go', async () => {
    let churning = true;
    const churn = inspectSchema('public', async (other) => {
      for (let i = 0; churning || i < 5; i++) {
        const schema = `${testSchemaName()}_churn`;
        await other.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (a int, b text, c bigint)`);
        await other.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    });
    try {
      for (let round = 0; round < 3; round++) await Promise.all([open(), open(), open()]);
    } finally {
      churning = false;
      await churn;
    }
  });

  it('names the server, without its password, when Postgres cannot be reached', async () => {
    const store = createPostgresStore({ url: 'postgres://sentinel:hunter2@127.0.0.1:1/nowhere' });
    stores.push(store);
    const error = await store.migrate().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('cannot connect to Postgres at postgres://sentinel:***@127.0.0.1:1/nowhere');
    expect(message).not.toContain('hunter2');
    expect(store.location).toBe('postgres://sentinel:***@127.0.0.1:1/nowhere');
  });
});
