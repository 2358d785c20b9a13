import { createHmac } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/notify/create-notifier.js';
import { DeliveryError } from '../../src/notify/notifier.js';
import { startHttpReceiver, type HttpReceiver } from '../support/receivers/http-receiver.js';
import { alert, channel, payload } from './fixtures.js';

const notifier = createNotifier({ timeoutMs: 1_000 });

async function failure(promise: Promise<void>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe('webhook channel', () => {
  let receiver: HttpReceiver;
  beforeEach(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('POSTs the payload as JSON, signed over the exact body bytes', async () => {
    const sent = payload();
    await notifier.send(channel('webhook', { url: `${receiver.url}/hooks/gpu`, secret: 'hook-secret' }), sent);
    const [request] = await receiver.waitForRequests(1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hooks/gpu');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-gpu-sentinel-idempotency-key']).toBe('delivery-42-firing');
    const expected = createHmac('sha256', 'hook-secret')
      .update(request?.body ?? Buffer.alloc(0))
      .digest('hex');
    expect(request?.headers['x-gpu-sentinel-signature']).toBe(`sha256=${expected}`);
    expect(request?.json()).toEqual(sent);
    expect(request?.json()).toMatchObject({
      idempotencyKey: 'delivery-42-firing',
      alert: { id: 42, state: 'firing', severity: 'critical', metric: 'temperatureC', value: 86, threshold: 85 },
    });
  });

  it('sends no signature without a secret', async () => {
    await notifier.send(channel('webhook', { url: receiver.url }), payload());
    const [request] = await receiver.waitForRequests(1);
    expect(request?.headers['x-gpu-sentinel-signature']).toBeUndefined();
  });

  it('renders a template with JSON-escaped values and signs the rendered body', async () => {
    const template =
      '{"key":"{{idempotencyKey}}","text":"{{ alert.message }}","value":{{alert.value}},"host":"{{alert.hostId}}","ack":{{alert.acknowledgedBy}},"nope":"{{alert.constructor}}{{unknown}}"}';
    const hostile = payload({ alert: alert({ message: 'quote " backslash \\ newline\n <tag> é' }) });
    await notifier.send(channel('webhook', { url: receiver.url, secret: 's', template }), hostile);
    const [request] = await receiver.waitForRequests(1);
    expect(request?.json()).toEqual({
      key: 'delivery-42-firing',
      text: 'quote " backslash \\ newline\n <tag> é',
      value: 86,
      host: 'host-a',
      ack: null,
      nope: '',
    });
    const expected = createHmac('sha256', 's')
      .update(request?.body ?? Buffer.alloc(0))
      .digest('hex');
    expect(request?.headers['x-gpu-sentinel-signature']).toBe(`sha256=${expected}`);
  });

  it('classifies answers: 500 and 429 retryable, 400 permanent, redirects not followed', async () => {
    const hook = channel('webhook', { url: receiver.url });
    receiver.reply({ status: 500, body: 'database on fire' });
    const serverError = await failure(notifier.send(hook, payload()));
    expect(serverError.isPermanent).toBe(false);
    expect(serverError.message).toContain('500: database on fire');

    receiver.reply({ status: 429 });
    expect((await failure(notifier.send(hook, payload()))).isPermanent).toBe(false);

    receiver.reply({ status: 400, body: 'x'.repeat(10_000) });
    const badRequest = await failure(notifier.send(hook, payload()));
    expect(badRequest.isPermanent).toBe(true);
    expect(badRequest.message.length).toBeLessThan(500);

    receiver.reply({ status: 302, headers: { location: `${receiver.url}/elsewhere` } });
    const redirect = await failure(notifier.send(hook, payload()));
    expect(redirect.isPermanent).toBe(true);
    expect(receiver.requests.map((request) => request.path)).not.toContain('/elsewhere');
  });

  it('gives up on a receiver that never answers, as retryable', async () => {
    receiver.reply('hang');
    const started = Date.now();
    const error = await failure(notifier.send(channel('webhook', { url: receiver.url }), payload()));
    expect(error.isPermanent).toBe(false);
    expect(error.message).toContain('no answer within 1000 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('treats a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(notifier.send(channel('webhook', { url: `http://127.0.0.1:${port}/` }), payload()));
    expect(error.isPermanent).toBe(false);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails for good on a config that does not parse', async () => {
    const error = await failure(notifier.send(channel('webhook', { url: 'ftp://example.com/x' }), payload()));
    expect(error.isPermanent).toBe(true);
    expect(error.message).toContain('invalid webhook config (url:');
  });
});
