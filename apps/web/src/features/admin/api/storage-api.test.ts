import type { StorageStatus } from '@gpu-sentinel/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { getStorage } from './get-storage';
import { updateStorage } from './update-storage';

const status: StorageStatus = {
  engine: 'sqlite',
  location: '/data/history.db',
  sizeBytes: 4_096,
  tiers: [{ tier: 'raw', rows: 10, oldest: 1, newest: 2, sizeBytes: null, retentionMs: 86_400_000 }],
  retention: { rawHours: 24, minuteDays: 30, tenMinuteDays: 90, hourDays: 400 },
  lastRetention: null,
  writer: { written: 10, dropped: 0, failedBatches: 0, duplicates: 0, queued: 0, lastError: null, isRecording: true },
};

function respond(statusCode: number, body: unknown) {
  const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status: statusCode, headers: { 'content-type': 'application/json' } }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the storage API', () => {
  it('reads the storage status', async () => {
    const fetchMock = respond(200, status);
    await expect(getStorage()).resolves.toEqual(status);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/storage');
  });

  it('saves retention with a PUT of only the settings given', async () => {
    const fetchMock = respond(200, status);
    await expect(updateStorage({ retention: { rawHours: 24 } })).resolves.toEqual(status);
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('PUT');
    expect(init?.body).toBe('{"retention":{"rawHours":24}}');
  });

  it('turns a 400 into an error naming the field', async () => {
    respond(400, {
      error: { code: 'validation_failed', message: 'retention.rawHours: Too big', field: 'retention.rawHours' },
    });
    const failure = updateStorage({ retention: { rawHours: 99_999 } });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, field: 'retention.rawHours' });
  });
});
