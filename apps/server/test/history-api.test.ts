import { ErrorBody, HistoryResponse } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/index.js';
import { openSideStore, samplesEvery } from './support/side-store.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STORED_ONLY = 'GPU-00000000-0000-0000-0000-00000000d00d';

describe('GET /api/v1/history', () => {
  let server: TestServer;
  let side: Store;
  let uuids: string[];
  const now = Date.now();

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 2, intervalMs: 100 });
    side = await openSideStore(server.dataDir);
    // A GPU that is gone from the live inventory: a sample a minute for the last 10 days.
    await side.insertSamples(samplesEvery(STORED_ONLY, now - 10 * DAY, now - HOUR, 60_000));
    const body = (await (await server.get('/api/v1/gpus')).json()) as { gpus: { info: { uuid: string } }[] };
    uuids = body.gpus.map((gpu) => gpu.info.uuid);
  });
  afterAll(async () => {
    await side.close();
    await server.stop();
  });

  async function history(query: string): Promise<HistoryResponse> {
    const response = await server.get(`/api/v1/history${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    // Strict: the answer holds the contract's fields and nothing else.
    return HistoryResponse.strict().parse(await response.json());
  }

  it('answers every live GPU and every metric over the last hour by default, from raw samples', async () => {
    const body = await eventually('live samples in history', async () => {
      const answer = await history('');
      const first = answer.series[uuids[0] ?? '']?.temperatureC;
      return first !== undefined && first.ts.length > 0 ? answer : undefined;
    });
    expect(body.simulated).toBe(true);
    expect(body.tier).toBe('raw');
    expect(body.to - body.from).toBe(HOUR);
    expect(Object.keys(body.series).sort()).toEqual([...uuids].sort());
    const series = body.series[uuids[0] ?? ''];
    expect(Object.keys(series ?? {})).toContain('memoryUsedMiB');
    const temperature = series?.temperatureC;
    expect(temperature?.min.length).toBe(temperature?.ts.length);
    expect(temperature?.ts.length).toBeLessThanOrEqual(1_000);
  });

  it('reads the coarsest tier that still gives the points asked for', async () => {
    const tenDays = await history(
      `?gpus=${STORED_ONLY}&metrics=temperatureC,powerDrawW&from=${now - 10 * DAY}&to=${now}&points=200`,
    );
    expect(tenDays.tier).toBe('1h');
    expect(Object.keys(tenDays.series[STORED_ONLY] ?? {}).sort()).toEqual(['powerDrawW', 'temperatureC']);
    const temperature = tenDays.series[STORED_ONLY]?.temperatureC;
    expect(temperature?.ts.length).toBeGreaterThan(100);
    expect(temperature?.ts.length).toBeLessThanOrEqual(200);
    // An hour's bucket holds 60 samples cycling 40..79: min below max, average between.
    const i = Math.floor((temperature?.ts.length ?? 0) / 2);
    expect(temperature?.min[i]).toBeLessThan(temperature?.max[i] ?? 0);

    const tenDaysFine = await history(
      `?gpus=${STORED_ONLY}&metrics=temperatureC&from=${now - 10 * DAY}&to=${now}&points=1000`,
    );
    expect(tenDaysFine.tier).toBe('10m');
    expect(tenDaysFine.bucketMs % 600_000).toBe(0);
    const fine = tenDaysFine.series[STORED_ONLY]?.temperatureC;
    expect(fine?.ts.length).toBeGreaterThan(500);
    expect(fine?.ts.length).toBeLessThanOrEqual(1_000);
    // A 20-minute bucket of a sample a minute cycling 40..79: 20 readings, min below max.
    expect(fine?.min[1]).toBeLessThan(fine?.max[1] ?? 0);

    const oneDayFine = await history(
      `?gpus=${STORED_ONLY}&metrics=temperatureC&from=${now - 2 * DAY}&to=${now - DAY}&points=1000`,
    );
    expect(oneDayFine.tier).toBe('1m');
    expect(oneDayFine.bucketMs % 60_000).toBe(0);
  });

  it('falls back to a coarser tier when the raw rows of the range are past retention', async () => {
    const old = await history(
      `?gpus=${STORED_ONLY}&metrics=temperatureC&from=${now - 5 * DAY}&to=${now - 5 * DAY + HOUR}&points=3600`,
    );
    expect(old.tier).toBe('1m');
    expect(old.series[STORED_ONLY]?.temperatureC?.ts.length).toBe(60);
  });

  it('adds the same window a day or a week earlier with compare', async () => {
    const from = now - 2 * HOUR;
    const body = await history(
      `?gpus=${STORED_ONLY}&metrics=temperatureC&from=${from}&to=${now}&points=120&compare=1d`,
    );
    expect(body.compare?.offsetMs).toBe(DAY);
    expect(body.compare?.from).toBe(from - DAY);
    expect(body.compare?.tier).toBe('1m');
    const earlier = body.compare?.series[STORED_ONLY]?.temperatureC;
    // Buckets are whole minutes from `from` floored to the minute, so 2 h in ≤ 120 points may be 2-minute buckets.
    expect(earlier?.ts.length).toBeGreaterThanOrEqual(60);
    expect(earlier?.ts.length).toBeLessThanOrEqual(120);
    expect(earlier?.ts.every((ts) => ts >= from - DAY - 60_000 && ts < now - DAY)).toBe(true);
    const week = await history(`?gpus=${STORED_ONLY}&from=${from}&to=${now}&compare=1w`);
    expect(week.compare?.offsetMs).toBe(7 * DAY);
  });

  it('takes ISO 8601 times as well as epoch milliseconds', async () => {
    const from = new Date(now - 3 * DAY).toISOString();
    const body = await history(`?gpus=${STORED_ONLY}&metrics=temperatureC&from=${from}&to=${now - 2 * DAY}`);
    expect(body.from).toBe(now - 3 * DAY);
  });

  it('answers 404 naming gpus for a uuid neither live nor stored', async () => {
    const response = await server.get(`/api/v1/history?gpus=${uuids[0] ?? ''},GPU-nobody`);
    expect(response.status).toBe(404);
    const body = ErrorBody.parse(await response.json());
    expect(body.error.field).toBe('gpus');
    expect(body.error.message).toContain('GPU-nobody');
  });

  it('answers 400 naming the field for bad parameters', async () => {
    const cases: [string, string][] = [
      ['metrics=temperatureC,volts', 'metrics.1'],
      ['points=0', 'points'],
      ['points=5001', 'points'],
      ['from=yesterday', 'from'],
      [`from=${now}&to=${now - 1}`, 'from'],
      ['compare=1y', 'compare'],
      ['gpus=a,,b', 'gpus.1'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const response = await server.get(`/api/v1/history?${query}`);
      expect(response.status, query).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.field, query).toBe(field);
    }
  });

  it('keeps GET /gpus/:uuid/history fast over long ranges, reading rollups', async () => {
    const uuid = uuids[0] ?? '';
    const response = await server.get(`/api/v1/gpus/${uuid}/history?from=${now - 30 * DAY}&to=${now}&points=500`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { bucketMs: number; points: { ts: number }[] };
    expect(body.bucketMs % HOUR).toBe(0);
    expect(body.points.length).toBeLessThanOrEqual(500);
  });
});
