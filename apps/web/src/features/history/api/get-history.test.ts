import type { HistoryResponse } from '@gpu-sentinel/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { getHistory, refetchIntervalMs, type HistoryRequest } from './get-history';

const NOW = 1_764_165_600_000;

const answer: HistoryResponse = {
  simulated: true,
  from: NOW - 3_600_000,
  to: NOW,
  tier: '1m',
  bucketMs: 60_000,
  series: { 'GPU-a': { temperatureC: { ts: [NOW - 60_000], min: [40], avg: [41], max: [42] } } },
};

function respond(status: number, body: unknown) {
  const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(() =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const request: HistoryRequest = {
  range: { kind: 'preset', preset: '1h' },
  gpus: ['GPU-a', 'GPU-b'],
  metrics: ['temperatureC', 'powerDrawW'],
  points: 512,
  compare: '1d',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('asking the server for history', () => {
  it('asks for the GPUs, metrics, window ending now, points and comparison picked', async () => {
    const fetchMock = respond(200, answer);
    await expect(getHistory(request, NOW)).resolves.toEqual(answer);
    const url = new URL(fetchMock.mock.calls[0]?.[0] ?? '', 'http://x');
    expect(url.pathname).toBe('/api/v1/history');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      gpus: 'GPU-a,GPU-b',
      metrics: 'temperatureC,powerDrawW',
      from: String(NOW - 3_600_000),
      to: String(NOW),
      points: '512',
      compare: '1d',
    });
  });

  it('leaves GPUs out for "every GPU" and asks a zoomed window as it is', async () => {
    const fetchMock = respond(200, answer);
    await getHistory({ ...request, gpus: null, compare: 'off', range: { kind: 'absolute', from: 5, to: 9 } }, NOW);
    const url = new URL(fetchMock.mock.calls[0]?.[0] ?? '', 'http://x');
    expect(url.searchParams.has('gpus')).toBe(false);
    expect(url.searchParams.has('compare')).toBe(false);
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['5', '9']);
  });

  it('turns a refusal into an error naming the field', async () => {
    respond(400, { error: { code: 'validation_failed', message: 'from must be before to', field: 'from' } });
    const error = await getHistory(request, NOW).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, field: 'from', message: 'from must be before to' });
  });

  it('refreshes a sliding window about once per point, a fixed one never', () => {
    expect(refetchIntervalMs({ ...request, range: { kind: 'preset', preset: '15m' }, points: 500 })).toBe(5_000);
    expect(refetchIntervalMs({ ...request, range: { kind: 'preset', preset: '24h' }, points: 500 })).toBe(60_000);
    expect(refetchIntervalMs({ ...request, range: { kind: 'absolute', from: 0, to: 1 } })).toBe(false);
  });
});
