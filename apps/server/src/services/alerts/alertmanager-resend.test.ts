import { ManualClock } from '@gpu-sentinel/core';
import {
  ChannelBody,
  RuleBody,
  type ChannelBodyInput,
  type NotificationPayload,
  type RuleBodyInput,
} from '@gpu-sentinel/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/receivers/http-receiver.js';
import { ALERTMANAGER_FIRING_TTL_MS } from '../../notify/alertmanager-channel.js';
import { createNotifier } from '../../notify/create-notifier.js';
import type { AlertStore } from '../../store/alert-store.js';
import { createSqliteStore, type Store } from '../../store/index.js';
import { gpuInfo } from '../../store/test-fixtures.js';
import type { IntervalTimer } from '../sample-writer.js';
import { AlertmanagerResend } from './alertmanager-resend.js';

const NOW = Date.UTC(2026, 10, 26, 12);
const MINUTE = 60_000;

/** A timer the test fires by hand. */
class ManualTimer implements IntervalTimer {
  tick: (() => void) | null = null;
  intervalMs: number | null = null;
  every(ms: number, tick: () => void): () => void {
    this.tick = tick;
    this.intervalMs = ms;
    return () => {
      this.tick = null;
    };
  }
}

interface LogLine {
  level: 'warn' | 'info';
  fields: object;
  message: string;
}

interface PostedAlert {
  labels: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

function postedAlerts(receiver: HttpReceiver): PostedAlert[] {
  return receiver.requests.flatMap((request) => {
    expect(request.path).toBe('/api/v2/alerts');
    return request.json() as PostedAlert[];
  });
}

function postedIds(receiver: HttpReceiver): string[] {
  return postedAlerts(receiver)
    .map((alert) => alert.labels.gpu_sentinel_alert_id ?? '')
    .sort();
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('AlertmanagerResend', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(
    options: { timeoutMs?: number; afterSend?: (payload: NotificationPayload) => Promise<void> } = {},
  ) {
    const store: Store = createSqliteStore({ filename: ':memory:' });
    await store.migrate();
    cleanups.push(() => store.close());
    const clock = new ManualClock(NOW);
    const timer = new ManualTimer();
    const logs: LogLine[] = [];
    const notifier = createNotifier({ timeoutMs: options.timeoutMs ?? 3_000, now: () => clock.now() });
    const job = new AlertmanagerResend({
      store: store.alerts,
      notifier: {
        send: async (target, payload) => {
          await notifier.send(target, payload);
          await options.afterSend?.(payload);
        },
      },
      clock,
      timer,
      log: {
        warn: (fields: object, message: string) => logs.push({ level: 'warn', fields, message }),
        info: (fields: object, message: string) => logs.push({ level: 'info', fields, message }),
      },
      publicUrl: 'https://sentinel.example/',
    });
    cleanups.push(() => job.close());
    return { store, alerts: store.alerts, clock, timer, logs, job };
  }

  async function receiver(): Promise<HttpReceiver> {
    const started = await startHttpReceiver();
    cleanups.push(() => started.close());
    return started;
  }

  async function channel(alerts: AlertStore, body: Partial<ChannelBodyInput> & { url: string }) {
    const { url, ...rest } = body;
    const parsed = ChannelBody.parse({
      name: `channel ${url}`,
      type: 'alertmanager',
      config: { url },
      ...rest,
    });
    return alerts.createChannel(parsed, NOW);
  }

  async function rule(alerts: AlertStore, name: string, fields: Partial<RuleBodyInput> = {}) {
    const body = RuleBody.parse({
      name,
      metric: 'temperatureC',
      op: '>',
      threshold: 85,
      forSeconds: 0,
      severity: 'critical',
      ...fields,
    });
    return alerts.createRule(body, NOW);
  }

  /** A firing alert for a GPU of host-a, opened ten minutes ago. */
  async function open(store: Store, ruleId: number, ruleName: string, uuid: string) {
    await store.upsertInventory([gpuInfo({ uuid })]);
    return store.alerts.openAlert(
      {
        ruleId,
        ruleName,
        hostId: 'host-a',
        uuid,
        severity: 'critical',
        metric: 'temperatureC',
        op: '>',
        value: 90,
        threshold: 85,
        message: `${uuid} is hot`,
        startedAt: NOW - 10 * MINUTE,
      },
      [],
      NOW - 10 * MINUTE,
    );
  }

  it('posts each active, unsilenced alert to the Alertmanager channels its rule routes to', async () => {
    const { store, alerts, job } = await setUp();
    const [first, second, disabled, infoOnly, webhook] = await Promise.all([
      receiver(),
      receiver(),
      receiver(),
      receiver(),
      receiver(),
    ]);
    const firstChannel = await channel(alerts, { url: first.url, name: 'first' });
    await channel(alerts, { url: second.url, name: 'second' });
    await channel(alerts, { url: disabled.url, name: 'disabled', enabled: false });
    await channel(alerts, { url: infoOnly.url, name: 'info only', severities: ['info'] });
    await alerts.createChannel(
      ChannelBody.parse({ name: 'webhook', type: 'webhook', config: { url: webhook.url } }),
      NOW,
    );
    const toFirst = await rule(alerts, 'to first', { channels: [firstChannel.id] });
    const toAll = await rule(alerts, 'to all');
    const deleted = await rule(alerts, 'deleted later');

    const routed = await open(store, toFirst.id, toFirst.name, 'GPU-routed');
    const acknowledged = await open(store, toAll.id, toAll.name, 'GPU-acknowledged');
    await alerts.acknowledgeAlert(acknowledged.id, 'alice', NOW - MINUTE);
    const silenced = await open(store, toAll.id, toAll.name, 'GPU-silenced');
    await alerts.silenceAlert(silenced.id, NOW + 10 * MINUTE);
    const silenceOver = await open(store, toAll.id, toAll.name, 'GPU-silence-over');
    await alerts.silenceAlert(silenceOver.id, NOW - 1);
    const resolved = await open(store, toAll.id, toAll.name, 'GPU-resolved');
    await alerts.resolveAlert(resolved.id, NOW - MINUTE, [], NOW - MINUTE);
    const orphan = await open(store, deleted.id, deleted.name, 'GPU-orphan');
    await alerts.deleteRule(deleted.id);

    await job.run();

    expect(postedIds(first)).toEqual([routed.id, acknowledged.id, silenceOver.id].map(String).sort());
    expect(postedIds(second)).toEqual([acknowledged.id, silenceOver.id].map(String).sort());
    expect(postedIds(first)).not.toContain(String(orphan.id));
    for (const idle of [disabled, infoOnly, webhook]) expect(idle.requests).toHaveLength(0);

    const [posted] = postedAlerts(second);
    expect(posted?.startsAt).toBe(new Date(NOW - 10 * MINUTE).toISOString());
    expect(posted?.endsAt).toBe(new Date(NOW + ALERTMANAGER_FIRING_TTL_MS).toISOString());
    expect(posted?.generatorURL).toMatch(/^https:\/\/sentinel\.example\/alerts\/\d+$/);
  });

  it('runs at start and at every tick, each post moving endsAt forward; close stops it', async () => {
    const { store, alerts, clock, timer, job } = await setUp();
    const am = await receiver();
    await channel(alerts, { url: am.url });
    const toAll = await rule(alerts, 'to all');
    await open(store, toAll.id, toAll.name, 'GPU-1');

    job.start();
    await job.run(); // the run start() began
    expect(am.requests).toHaveLength(1);
    expect(timer.intervalMs).toBeLessThan(ALERTMANAGER_FIRING_TTL_MS / 2);
    clock.advance(MINUTE);
    timer.tick?.();
    await job.run(); // the tick's run
    expect(am.requests).toHaveLength(2);
    expect(postedAlerts(am).map((alert) => Date.parse(alert.endsAt))).toEqual([
      NOW + ALERTMANAGER_FIRING_TTL_MS,
      NOW + MINUTE + ALERTMANAGER_FIRING_TTL_MS,
    ]);

    await job.close();
    expect(timer.tick).toBeNull();
    await job.run();
    expect(am.requests).toHaveLength(2);
  });

  it('posts the resolve again when the alert resolves while its refresh is in flight', async () => {
    let racing = 0;
    // The engine resolves the alert (and the outbox posts the resolve) while the refresh is on its way.
    const { store, alerts, job } = await setUp({
      afterSend: async (payload) => {
        if (payload.alert.id === racing && payload.event === 'repeat')
          await alerts.resolveAlert(racing, NOW - 1_000, [], NOW);
      },
    });
    const am = await receiver();
    await channel(alerts, { url: am.url });
    const toAll = await rule(alerts, 'to all');
    racing = (await open(store, toAll.id, toAll.name, 'GPU-1')).id;

    await job.run();
    expect(postedAlerts(am).map((alert) => alert.endsAt)).toEqual([
      new Date(NOW + ALERTMANAGER_FIRING_TTL_MS).toISOString(),
      new Date(NOW - 1_000).toISOString(),
    ]);
    await job.run();
    expect(am.requests).toHaveLength(2);
  });

  it('sends nothing when there is no Alertmanager channel or no active alert', async () => {
    const { alerts, job } = await setUp();
    const am = await receiver();
    await channel(alerts, { url: am.url });
    await job.run();
    expect(am.requests).toHaveLength(0);
  });

  it('skips ticks while a run is in flight and warns once per failure streak, never throwing', async () => {
    const { store, alerts, timer, logs, job } = await setUp({ timeoutMs: 300 });
    const am = await receiver();
    const down = await channel(alerts, { url: am.url, name: 'down' });
    const toAll = await rule(alerts, 'to all');
    await open(store, toAll.id, toAll.name, 'GPU-1');
    await open(store, toAll.id, toAll.name, 'GPU-2');
    am.reply('hang');

    job.start();
    await am.waitForRequests(1);
    timer.tick?.();
    timer.tick?.();
    await job.run(); // the run in flight: it gives up on the channel after the first timeout
    await settle();
    expect(am.requests).toHaveLength(1);
    expect(logs.map((line) => line.level)).toEqual(['warn']);
    expect(logs[0]?.fields).toMatchObject({ channelId: down.id, channel: 'down' });
    expect(JSON.stringify(logs[0]?.fields)).toContain(`POST ${am.url}/api/v2/alerts failed`);

    await job.run();
    expect(am.requests).toHaveLength(2);
    expect(logs).toHaveLength(1);

    am.reply({ status: 200 });
    await job.run();
    expect(am.requests).toHaveLength(4);
    expect(logs.map((line) => line.level)).toEqual(['warn', 'info']);

    am.reply({ status: 503 });
    await expect(job.run()).resolves.toBeUndefined();
    expect(logs.map((line) => line.level)).toEqual(['warn', 'info', 'warn']);
  });
});
