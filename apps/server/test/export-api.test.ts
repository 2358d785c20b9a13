import { GpuSample, RollupExportRow } from '@gpu-sentinel/protocol';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Store } from '../src/store/index.js';
import { gpuSample } from '../src/store/test-fixtures.js';
import { appDeps, TokenTable } from './support/app-deps.js';
import { openSideStore, samplesEvery } from './support/side-store.js';
import { eventually, sleep, startTestServer, type TestServer } from './support/test-server.js';

const HOUR = 3_600_000;
const GPU = 'GPU-00000000-0000-0000-0000-0000000e4e01';
const QUOTED = 'GPU-00000000-0000-0000-0000-0000000e4e02';

describe('GET /api/v1/export', () => {
  let server: TestServer;
  let side: Store;
  const from = Date.UTC(2026, 10, 20, 10);
  const to = from + 2 * HOUR;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1 });
    side = await openSideStore(server.dataDir);
    await side.insertSamples(samplesEvery(GPU, from, to, 1_000));
    await side.insertSamples([
      gpuSample({
        uuid: QUOTED,
        ts: from + 500,
        hostId: 'rack "7", row 2',
        temperatureC: 61.5,
        pstate: 'P2',
        throttleReasons: ['sw_power_cap', 'hw_slowdown'],
      }),
    ]);
  });
  afterAll(async () => {
    await side.close();
    await server.stop();
  });

  it('streams raw samples as CSV with a header, one column per metric, quoting what needs it', async () => {
    const response = await server.get(`/api/v1/export?from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="gpu-sentinel-raw-20261120T100000Z-20261120T120000Z.csv"',
    );
    const lines = (await response.text()).trimEnd().split('\n');
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, 5)).toEqual(['ts', 'time', 'host_id', 'uuid', 'index']);
    expect(header).toContain('temperatureC');
    expect(header.slice(-2)).toEqual(['pstate', 'throttle_reasons']);
    expect(lines).toHaveLength(1 + 2 * 3_600 + 1);
    const quoted = lines.find((line) => line.includes(QUOTED)) ?? '';
    expect(quoted).toContain(`${from + 500},2026-11-20T10:00:00.500Z,"rack ""7"", row 2",${QUOTED},0,`);
    expect(quoted.endsWith(',P2,sw_power_cap;hw_slowdown')).toBe(true);
    const columns = quoted.replace('"rack ""7"", row 2"', 'host').split(',');
    expect(columns[header.indexOf('temperatureC')]).toBe('61.5');
    expect(columns[header.indexOf('powerDrawW')]).toBe('');
  });

  it('streams NDJSON: one GpuSample per line, in time order, only the GPUs asked for', async () => {
    const response = await server.get(`/api/v1/export?format=ndjson&gpus=${GPU}&from=${from}&to=${from + 60_000}`);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const samples = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => GpuSample.parse(JSON.parse(line)));
    expect(samples).toHaveLength(60);
    expect(samples.every((sample) => sample.uuid === GPU)).toBe(true);
    expect(samples.map((sample) => sample.ts)).toEqual(samples.map((_, i) => from + i * 1_000));
  });

  it('exports the 1-minute, 10-minute and 1-hour rollups with min, avg, max and samples', async () => {
    const csv = await (await server.get(`/api/v1/export?tier=1m&gpus=${GPU}&from=${from}&to=${to}`)).text();
    const [header = '', first = ''] = csv.split('\n');
    expect(header.split(',').slice(0, 6)).toEqual(['ts', 'time', 'host_id', 'uuid', 'index', 'samples']);
    expect(header).toContain('temperatureC_min,temperatureC_avg,temperatureC_max');
    expect(first.split(',')[5]).toBe('60');
    expect(csv.trimEnd().split('\n')).toHaveLength(1 + 120);

    const response = await server.get(`/api/v1/export?tier=1h&format=ndjson&gpus=${GPU}&from=${from}&to=${to}`);
    expect(response.headers.get('content-disposition')).toContain('gpu-sentinel-1h-');
    const rows = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => RollupExportRow.parse(JSON.parse(line)));
    expect(rows.map((row) => [row.ts, row.samples])).toEqual([
      [from, 3_600],
      [from + HOUR, 3_600],
    ]);
    expect(rows[0]?.metrics.temperatureC).toMatchObject({ min: 40, max: 79 });

    const tenMinutes = await server.get(`/api/v1/export?tier=10m&format=ndjson&gpus=${GPU}&from=${from}&to=${to}`);
    expect(tenMinutes.headers.get('content-disposition')).toContain('gpu-sentinel-10m-');
    const tenMinuteRows = (await tenMinutes.text())
      .trimEnd()
      .split('\n')
      .map((line) => RollupExportRow.parse(JSON.parse(line)));
    expect(tenMinuteRows).toHaveLength(12);
    expect(tenMinuteRows.every((row) => row.tier === '10m' && row.samples === 600)).toBe(true);
    expect(tenMinuteRows[1]?.ts).toBe(from + 600_000);
  });

  it('defaults to the last 24 hours', async () => {
    const response = await server.get('/api/v1/export?gpus=GPU-nothing-here');
    const disposition = response.headers.get('content-disposition') ?? '';
    const [, start = '', end = ''] = /raw-(\d{8}T\d{6}Z)-(\d{8}T\d{6}Z)\.csv/.exec(disposition) ?? [];
    const parse = (stamp: string) =>
      Date.parse(stamp.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z'));
    expect(parse(end) - parse(start)).toBe(24 * HOUR);
    expect((await response.text()).trimEnd().split('\n')).toHaveLength(1);
  });

  it('answers 400 naming the field for bad parameters', async () => {
    for (const [query, field] of [
      ['format=xlsx', 'format'],
      ['tier=5m', 'tier'],
      [`from=${to}&to=${from}`, 'from'],
    ] as const) {
      const response = await server.get(`/api/v1/export?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { field: string } }).error.field).toBe(field);
    }
  });

  it('keeps serving after a client goes away mid-export', async () => {
    await hangUpAfterFirstChunk(server.port, `/api/v1/export?format=ndjson&from=${from}&to=${to}`, server.adminToken);
    const after = await server.get(`/api/v1/export?format=ndjson&gpus=${GPU}&from=${from}&to=${from + 10_000}`);
    expect((await after.text()).trimEnd().split('\n')).toHaveLength(10);
  });
});

describe('export backpressure', () => {
  it('reads the store only as fast as the client takes the body, and stops when it hangs up', async () => {
    let chunksRead = 0;
    let isReadClosed = false;
    // An endless store: without backpressure the server would read it until memory runs out.
    async function* endless(): AsyncGenerator<GpuSample[]> {
      try {
        for (let i = 0; ; i += 1) {
          chunksRead += 1;
          await Promise.resolve();
          yield Array.from({ length: 500 }, (_, j) => gpuSample({ uuid: GPU, ts: i * 500 + j, temperatureC: 50 }));
        }
      } finally {
        isReadClosed = true;
      }
    }
    const tokens = new TokenTable();
    tokens.add('admin-token', { kind: 'user', userId: 1, username: 'admin', role: 'admin', sessionId: 's1' });
    const base = appDeps();
    const app = await buildApp({ ...base, authenticator: tokens, store: { ...base.store, streamSamples: endless } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as AddressInfo).port;
      await hangUpAfterFirstChunk(port, '/api/v1/export?format=ndjson', 'admin-token', 300);
      // While the client held off for 300 ms, the server read no more than its buffers hold.
      expect(chunksRead).toBeLessThan(50);
      await eventually('the store read to close', () => (isReadClosed ? true : undefined));
      const settled = chunksRead;
      await sleep(100);
      expect(chunksRead).toBe(settled);
    } finally {
      await app.close();
    }
  });
});

/** A client that reads the first chunk of a response, waits, then drops the connection. */
function hangUpAfterFirstChunk(port: number, path: string, token: string, pauseMs = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.once('data', () => {
        res.pause();
        setTimeout(() => {
          req.destroy();
          resolve();
        }, pauseMs);
      });
    });
    req.on('error', reject);
    req.end();
  });
}
