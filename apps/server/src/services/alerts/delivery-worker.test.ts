import { ManualClock } from '@gpu-sentinel/core';
import type { Delivery } from '@gpu-sentinel/protocol';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type Notifier } from '../../notify/notifier.js';
import { createSqliteStore, type Store } from '../../store/index.js';
import type { IntervalTimer } from '../sample-writer.js';
import { DeliveryWorker } from './delivery-worker.js';

const noTimer: IntervalTimer = { every: () => () => undefined };

describe('DeliveryWorker', () => {
  let store: Store;
  let clock: ManualClock;
  let answers: (Error | null)[];
  let sent: string[];
  const notifier: Notifier = {
    send: (_channel, payload) => {
      sent.push(payload.idempotencyKey);
      const answer = answers.shift() ?? null;
      return answer === null ? Promise.resolve() : Promise.reject(answer);
    },
  };

  const worker = (maxAttempts = 3) =>
    new DeliveryWorker({
      store: store.alerts,
      notifier,
      clock,
      timer: noTimer,
      log: pino({ level: 'silent' }),
      maxAttempts,
      retryBaseMs: 1_000,
      leaseMs: 30_000,
      publicUrl: 'https://gpus.example.org/',
      random: () => 0,
    });
  const onlyDelivery = async (): Promise<Delivery | undefined> =>
    (await store.alerts.listDeliveries({ limit: 10 })).items[0];
  const drained = async (running: DeliveryWorker) => {
    await running.wake();
    await running.close();
  };

  beforeEach(async () => {
    store = createSqliteStore({ filename: ':memory:' });
    await store.migrate();
    clock = new ManualClock(1_000_000);
    answers = [];
    sent = [];
    const rule = (await store.alerts.listRules())[0];
    const channel = await store.alerts.createChannel(
      { name: 'hook', type: 'webhook', config: { url: 'http://127.0.0.1:9/' }, severities: ['warning'], enabled: true },
      0,
    );
    await store.alerts.openAlert(
      {
        ruleId: rule?.id ?? 1,
        ruleName: 'GPU temperature warning',
        hostId: null,
        uuid: null,
        severity: 'warning',
        metric: 'temperatureC',
        op: '>=',
        value: 81,
        threshold: 80,
        message: 'warm',
        startedAt: clock.now(),
      },
      [{ channelId: channel.id }],
      clock.now(),
    );
  });
  afterEach(async () => {
    await store.close();
  });

  it('retries a failing receiver after a doubling delay, with the same idempotency key, until it accepts', async () => {
    answers = [new DeliveryError('503 from receiver', false), new DeliveryError('503 from receiver', false)];
    await drained(worker());
    expect(await onlyDelivery()).toMatchObject({ status: 'pending', attempts: 1, lastError: '503 from receiver' });
    expect((await onlyDelivery())?.nextAttemptAt).toBe(clock.now() + 500);

    clock.advance(499);
    await drained(worker());
    expect(sent).toHaveLength(1);
    clock.advance(1);
    await drained(worker());
    expect((await onlyDelivery())?.nextAttemptAt).toBe(clock.now() + 1_000);
    clock.advance(1_000);
    await drained(worker());
    expect(await onlyDelivery()).toMatchObject({ status: 'delivered', attempts: 3, deliveredAt: clock.now() });
    expect(new Set(sent).size).toBe(1);
  });

  it('gives up after the last try, and at once on a permanent refusal', async () => {
    answers = [new Error('connection refused'), new Error('connection refused')];
    await drained(worker(2));
    clock.advance(60_000);
    await drained(worker(2));
    expect(await onlyDelivery()).toMatchObject({ status: 'dead', attempts: 2, lastError: 'connection refused' });

    await store.alerts.retryDelivery((await onlyDelivery())?.id ?? 0, clock.now());
    answers = [new DeliveryError('400 bad payload', true)];
    await drained(worker(10));
    expect(await onlyDelivery()).toMatchObject({ status: 'dead', attempts: 3, lastError: '400 bad payload' });
  });
});
