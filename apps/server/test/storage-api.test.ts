import { AuditResponse, ErrorBody, HistoryResponse, StorageStatus, SystemStatus } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_SETTING_KEY } from '../src/services/retention/retention-settings.js';
import type { Store } from '../src/store/index.js';
import { scratchDatabase } from './support/scratch-database.js';
import { openSideStore, samplesEvery } from './support/side-store.js';
import { POSTGRES_URL_ENV } from './store-contract/engines.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

const HOUR = 3_600_000;
const OLD_GPU = 'GPU-00000000-0000-0000-0000-0000000001d0';

describe('GET and PUT /api/v1/storage', () => {
  let server: TestServer;
  let side: Store;
  const now = Date.now();

  beforeAll(async () => {
    // The retention defaults come from the configuration until an admin changes them.
    server = await startTestServer({ source: 'simulated', gpus: 1, retentionRawHours: 24 });
    side = await openSideStore(server.dataDir);
    // Raw samples from 20 h to 2 h ago: inside 24 h, and mostly outside the 3 h set below.
    await side.insertSamples(samplesEvery(OLD_GPU, now - 20 * HOUR, now - 2 * HOUR, 60_000));
  });
  afterAll(async () => {
    await side.close();
    await server.stop();
  });

  async function status(): Promise<StorageStatus> {
    const response = await server.get('/api/v1/storage');
    expect(response.status).toBe(200);
    return StorageStatus.parse(await response.json());
  }

  it('reports the engine, rows and span per tier, the retention in force, its last run and the writer', async () => {
    const body = await eventually('the first retention run', async () => {
      const answer = await status();
      return answer.lastRetention === null ? undefined : answer;
    });
    expect(body.engine).toBe('sqlite');
    expect(body.location).toContain(server.dataDir);
    expect(body.retention).toEqual({ rawHours: 24, minuteDays: 30, tenMinuteDays: 90, hourDays: 400 });
    expect(body.lastRetention?.error).toBeNull();
    expect(body.tiers.map((tier) => tier.tier)).toEqual(['raw', '1m', '10m', '1h']);
    expect(body.tiers[2]?.retentionMs).toBe(90 * 24 * HOUR);
    const raw = body.tiers[0];
    expect(raw?.retentionMs).toBe(24 * HOUR);
    expect(raw?.rows).toBeGreaterThanOrEqual(18 * 60);
    expect(raw?.oldest).toBe(now - 20 * HOUR);
    expect(body.writer.isRecording).toBe(true);
  });

  it('changes the retention, stores and audits it, and applies it with a run', async () => {
    const before = await status();
    const response = await server.put('/api/v1/storage', JSON.stringify({ retention: { rawHours: 3 } }));
    expect(response.status).toBe(200);
    const changed = StorageStatus.parse(await response.json());
    expect(changed.retention).toEqual({ rawHours: 3, minuteDays: 30, tenMinuteDays: 90, hourDays: 400 });
    expect(changed.tiers[0]?.retentionMs).toBe(3 * HOUR);

    const after = await eventually('a run with the new retention', async () => {
      const answer = await status();
      return answer.lastRetention !== null && answer.lastRetention.at > (before.lastRetention?.at ?? 0)
        ? answer
        : undefined;
    });
    expect(after.lastRetention?.deletedRows.raw).toBeGreaterThan(16 * 60);
    expect(after.tiers[0]?.oldest).toBeGreaterThanOrEqual(now - 3 * HOUR);
    // Rollups keep what raw retention dropped.
    expect(after.tiers[1]?.oldest).toBe(now - 20 * HOUR - ((now - 20 * HOUR) % 60_000));

    expect(JSON.parse((await side.identity.getSetting(RETENTION_SETTING_KEY)) ?? '{}')).toEqual(changed.retention);
    const audit = AuditResponse.parse(await (await server.get('/api/v1/audit')).json());
    const event = audit.items.find((item) => item.type === 'settings.changed' && item.target === 'retention');
    expect(event?.actor).toBe('admin');
    expect(event?.details).toEqual({ retention: changed.retention });
  });

  it('answers 400 naming the field for a bad retention', async () => {
    for (const [body, field] of [
      ['{"retention":{"rawHours":0}}', 'retention.rawHours'],
      ['{"retention":{"minuteDays":1.5}}', 'retention.minuteDays'],
      ['{"retention":{"tenMinuteDays":3651}}', 'retention.tenMinuteDays'],
      ['{"retention":{"weeks":2}}', 'weeks'],
      ['{}', 'retention'],
    ] as const) {
      const response = await server.put('/api/v1/storage', body);
      expect(response.status, body).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.field, body).toBe(field);
    }
    expect((await status()).retention.rawHours).toBe(3);
  });

  it('shows the writer counters in /system', async () => {
    const system = await eventually('rows written', async () => {
      const answer = SystemStatus.parse(await (await server.get('/api/v1/system')).json());
      return answer.storage.writer.written > 0 ? answer : undefined;
    });
    expect(system.storage).toMatchObject({
      engine: 'sqlite',
      writer: { dropped: 0, failedBatches: 0, lastError: null },
    });
  });
});

const postgresUrl = process.env[POSTGRES_URL_ENV];

// Runs whenever GPU_SENTINEL_TEST_POSTGRES_URL is set (CI sets it); an unreachable server then fails it.
describe.runIf(postgresUrl !== undefined && postgresUrl !== '')('the server on Postgres (DATABASE_URL)', () => {
  let server: TestServer;
  let database: Awaited<ReturnType<typeof scratchDatabase>>;

  beforeAll(async () => {
    database = await scratchDatabase(postgresUrl ?? '');
    const url = new URL(database.url);
    url.password = 'not-shown';
    server = await startTestServer({ source: 'simulated', gpus: 2, databaseUrl: url.toString() });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('stores samples and rollups there, and answers history and storage from it', async () => {
    const status = await eventually('rows in Postgres', async () => {
      const response = await server.get('/api/v1/storage');
      const answer = StorageStatus.parse(await response.json());
      return (answer.tiers[1]?.rows ?? 0) > 0 && answer.lastRetention !== null ? answer : undefined;
    });
    expect(status.engine).toBe('postgres');
    expect(status.location).not.toContain('not-shown');
    expect(status.lastRetention?.error).toBeNull();
    const system = SystemStatus.parse(await (await server.get('/api/v1/system')).json());
    expect(system.storage.engine).toBe('postgres');
    const history = HistoryResponse.parse(await (await server.get('/api/v1/history?metrics=temperatureC')).json());
    expect(Object.values(history.series).every((gpu) => (gpu.temperatureC?.ts.length ?? 0) > 0)).toBe(true);
  });
});
