import { randomBytes } from 'node:crypto';
import type { Clock } from '@gpu-sentinel/core';
import {
  ChannelBody,
  RuleBody,
  type AlertListQuery,
  type GpuSample,
  type RollupExportRow,
  type RollupTier,
  type RuleBodyInput,
} from '@gpu-sentinel/protocol';
import { afterEach } from 'vitest';
import type { NewAlert } from '../../src/store/alert-store.js';
import { createPostgresStore, type Store, type TableDump } from '../../src/store/index.js';
import { gpuInfo, gpuSample } from '../../src/store/test-fixtures.js';
import { POSTGRES_URL_ENV, type EngineUnderTest } from './engines.js';

export { gpuInfo, gpuSample };

/** 2026-01-01T00:00:00Z: a whole hour, so minute and hour buckets start at T0. */
export const T0 = 1_767_225_600_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const GPU_A = 'GPU-aaaaaaaa-0000-0000-0000-000000000001';
export const GPU_B = 'GPU-bbbbbbbb-0000-0000-0000-000000000002';
export const GPU_UNKNOWN = 'GPU-ffffffff-0000-0000-0000-00000000000f';

/**
 * Opens stores for one test and closes every one after it (a Postgres store drops its schema on
 * close), whatever the test's outcome.
 */
export function storeOpener(engine: EngineUnderTest): (options?: { clock?: Clock }) => Promise<Store> {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return async (options) => {
    const store = await engine.open(options);
    opened.push(store);
    return store;
  };
}

/** A store with GPUs A (index 0) and B (index 1) on host-a. */
export async function withTwoGpus(store: Store): Promise<Store> {
  await store.upsertInventory([gpuInfo({ uuid: GPU_A }), gpuInfo({ uuid: GPU_B, index: 1 })]);
  return store;
}

export async function collect<T>(chunks: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

export async function allSamples(store: Store, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<GpuSample[]> {
  return (await collect(store.streamSamples({ from, to, chunkRows: 1_000 }))).flat();
}

export async function allRollups(store: Store, tier: RollupTier): Promise<RollupExportRow[]> {
  return (await collect(store.streamRollups(tier, { from: 0, to: Number.MAX_SAFE_INTEGER, chunkRows: 1_000 }))).flat();
}

export interface MaterialisedDump {
  table: string;
  columns: readonly string[];
  rows: (readonly (number | string | null)[])[];
}

/** A whole dump in memory (tests only: the real backup streams it to a file). */
export async function materialise(dumps: AsyncIterable<TableDump>): Promise<MaterialisedDump[]> {
  const tables: MaterialisedDump[] = [];
  for await (const dump of dumps) {
    const rows: (readonly (number | string | null)[])[] = [];
    for await (const chunk of dump.rows) rows.push(...chunk);
    tables.push({ table: dump.table, columns: dump.columns, rows });
  }
  return tables;
}

/** Replays a materialised dump as the restore reads one, in chunks of `chunkRows`. */
export async function* replay(tables: readonly MaterialisedDump[], chunkRows = 7): AsyncGenerator<TableDump> {
  for (const table of tables) {
    await Promise.resolve();
    yield {
      table: table.table,
      columns: table.columns,
      rows: (async function* () {
        for (let start = 0; start < table.rows.length; start += chunkRows) {
          await Promise.resolve();
          yield table.rows.slice(start, start + chunkRows);
        }
      })(),
    };
  }
}

/** Integer-valued samples (sums stay exact in any order): two GPUs every 15 s from T0 for `minutes`, some metrics null. */
export function sampleRun(minutes: number, startMs = T0): GpuSample[] {
  const samples: GpuSample[] = [];
  for (let i = 0; i < minutes * 4; i += 1) {
    const ts = startMs + i * 15_000;
    samples.push(
      gpuSample({
        uuid: GPU_A,
        ts,
        temperatureC: 40 + (i % 7),
        powerDrawW: 100 + ((i * 13) % 50),
        fanSpeedPct: i % 3 === 0 ? null : 30 + (i % 5),
        pstate: 'P2',
        throttleReasons: i % 10 === 0 ? ['sw_power_cap'] : [],
      }),
      gpuSample({ uuid: GPU_B, index: 1, ts, temperatureC: 60 - (i % 11), powerDrawW: 250 + (i % 4) }),
    );
  }
  return samples;
}

/** A rule body as the API would pass it after parsing (defaults filled). */
export function ruleBody(overrides: Partial<RuleBodyInput> = {}): RuleBody {
  return RuleBody.parse({
    name: 'Hot GPU',
    metric: 'temperatureC',
    op: '>=',
    threshold: 90,
    forSeconds: 30,
    severity: 'critical',
    ...overrides,
  });
}

/** A webhook channel body (with a signing secret unless `secret` is null). */
export function webhookChannel(name: string, secret: string | null = 's3cret'): ChannelBody {
  return ChannelBody.parse({
    name,
    type: 'webhook',
    config: { url: 'https://hooks.example.com/gpu', ...(secret === null ? {} : { secret }) },
  });
}

/** An alert the engine would open for GPU A on host-a (the host must exist: see withTwoGpus). */
export function newAlert(overrides: Partial<NewAlert> = {}): NewAlert {
  return {
    ruleId: 1,
    ruleName: 'GPU temperature warning',
    hostId: 'host-a',
    uuid: GPU_A,
    severity: 'warning',
    metric: 'temperatureC',
    op: '>=',
    value: 82,
    threshold: 80,
    message: 'GPU 0 on workstation is at 82 °C (≥ 80 °C)',
    startedAt: T0,
    ...overrides,
  };
}

/** An alert list query with the API's defaults. */
export function alertQuery(overrides: Partial<AlertListQuery> = {}): AlertListQuery {
  return { limit: 100, ...overrides };
}

/**
 * Two Postgres stores on one schema, as two server replicas share a database (the first drops the
 * schema on close), or undefined when the suite runs without Postgres.
 */
export async function openPostgresReplicas(): Promise<[Store, Store] | undefined> {
  // eslint-disable-next-line no-restricted-syntax -- the test run's choice of engines, not server configuration
  const url = process.env[POSTGRES_URL_ENV];
  if (url === undefined || url === '') return undefined;
  const schema = `contract_${randomBytes(6).toString('hex')}`;
  const first = createPostgresStore({ url, schema, dropSchemaOnClose: true });
  await first.migrate();
  const second = createPostgresStore({ url, schema });
  await second.migrate();
  return [first, second];
}
