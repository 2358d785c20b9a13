import { ManualClock } from '@gpu-sentinel/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from '../../notify/create-notifier.js';
import { createSqliteStore, type Store } from '../../store/index.js';
import { TEST_MESSAGE, testChannel } from './test-channel.js';

describe('testChannel', () => {
  let store: Store;
  let receiver: Server;
  let url: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    store = createSqliteStore({ filename: ':memory:' });
    await store.migrate();
    // Reads the request, then never answers.
    receiver = createServer((request) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => bodies.push(body));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await store.close();
  });

  it('gives up on a receiver that does not answer in time, as a failed test rather than an error', async () => {
    const channel = await store.alerts.createChannel(
      { name: 'silent hook', type: 'webhook', config: { url }, severities: ['critical'], enabled: true },
      1_000,
    );
    const deps = {
      alertStore: store.alerts,
      notifier: createNotifier({ timeoutMs: 60_000 }),
      clock: new ManualClock(5_000),
    };
    const result = await testChannel(deps, channel.id, 300);
    expect(result.ok).toBe(false);
    expect(result.error).toContain('no answer from the receiver');
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(5_000);
    // The synthetic test alert did reach it, obviously a test.
    expect(JSON.parse(bodies[0] ?? '{}')).toMatchObject({
      event: 'test',
      alert: { message: TEST_MESSAGE, startedAt: 5_000 },
    });
  });

  it('answers 404 naming the id of a channel that does not exist', async () => {
    const deps = { alertStore: store.alerts, notifier: createNotifier(), clock: new ManualClock(0) };
    await expect(testChannel(deps, 4_040)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('4040') as unknown,
    });
  });
});
