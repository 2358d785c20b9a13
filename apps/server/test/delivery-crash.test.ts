import { createHmac } from 'node:crypto';
import {
  AlertPage,
  AlertRule,
  Channel,
  DeliveryPage,
  RuleList,
  ruleBodyOf,
  type Delivery,
} from '@gpu-sentinel/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from './support/receivers/http-receiver.js';
import { startServerChild, type ServerChild } from './support/server-child.js';
import { eventually, tempDir } from './support/test-server.js';

const SECRET = 'crash test secret';
const GPUS = 3;
const ARGS = ['--source', 'simulated', '--gpus', String(GPUS), '--interval-ms', '200'];
// A short lease so the deliveries the killed server had in flight come due again within the test.
const ENV = { GPU_SENTINEL_NOTIFY_LEASE_MS: '2000', GPU_SENTINEL_NOTIFY_RETRY_BASE_MS: '200' };

type Call = (method: string, path: string, body?: unknown) => Promise<unknown>;

function caller(server: ServerChild, token: string): Call {
  return async (method, path, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${String(response.status)} ${text}`);
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
}

function keyOf(request: ReceivedRequest): string {
  return String(request.headers['x-gpu-sentinel-idempotency-key']);
}

function isSigned(request: ReceivedRequest): boolean {
  const expected = `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`;
  return request.headers['x-gpu-sentinel-signature'] === expected;
}

describe('a server killed in the middle of delivering', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('delivers every notification after it restarts: at least once, never lost, never fired twice', async () => {
    const data = await tempDir('crash');
    cleanups.push(data.remove);
    const receiver: HttpReceiver = await startHttpReceiver();
    cleanups.push(() => receiver.close());
    // The receiver takes the requests and never answers: the server dies with them in flight.
    receiver.reply('hang');

    const first = await startServerChild(data.dir, ARGS, ENV);
    cleanups.push(() => first.kill());
    const call = caller(first, await first.adminToken());
    const defaults = RuleList.parse(await call('GET', '/api/v1/rules')).items;
    for (const rule of defaults) {
      await call('PUT', `/api/v1/rules/${String(rule.id)}`, { ...ruleBodyOf(rule), enabled: false });
    }
    const channel = Channel.parse(
      await call('POST', '/api/v1/channels', {
        name: 'on-call hook',
        type: 'webhook',
        config: { url: `${receiver.url}/hook`, secret: SECRET },
      }),
    );
    const rule = AlertRule.parse(
      await call('POST', '/api/v1/rules', {
        name: 'every GPU is warm',
        metric: 'temperatureC',
        op: '>',
        threshold: -100,
        forSeconds: 0,
        severity: 'critical',
        channels: [channel.id],
      }),
    );
    await receiver.waitForRequests(GPUS, 15_000);
    const inFlight = receiver.requests.map(keyOf);
    await first.kill();

    receiver.reply({ status: 200, body: 'ok' });
    const second = await startServerChild(data.dir, ARGS, ENV);
    cleanups.push(() => second.stop());
    const again = caller(second, await second.adminToken());
    const deliveries = await eventually(
      'every delivery marked delivered after the restart',
      async () => {
        const page = DeliveryPage.parse(await again('GET', `/api/v1/deliveries?channelId=${String(channel.id)}`));
        return page.items.length === GPUS && page.items.every((item) => item.status === 'delivered')
          ? page.items
          : undefined;
      },
      20_000,
    );

    const received = new Map<string, ReceivedRequest[]>();
    for (const request of receiver.requests)
      received.set(keyOf(request), [...(received.get(keyOf(request)) ?? []), request]);
    const keys = deliveries.map((delivery: Delivery) => delivery.idempotencyKey);
    expect(new Set(keys).size).toBe(GPUS);
    for (const key of keys) {
      // Each notification reached the receiver; those in flight at the crash, twice with the same key.
      expect(received.get(key)?.length ?? 0).toBeGreaterThanOrEqual(inFlight.includes(key) ? 2 : 1);
    }
    expect(receiver.requests.every(isSigned)).toBe(true);
    // The restart resumed the open alerts instead of opening them again.
    const alerts = AlertPage.parse(await again('GET', `/api/v1/alerts?ruleId=${String(rule.id)}`));
    expect(alerts.total).toBe(GPUS);
    expect(alerts.items.every((alert) => alert.state === 'firing')).toBe(true);
  }, 60_000);
});
