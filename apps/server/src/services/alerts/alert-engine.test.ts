import { ManualClock } from '@gpu-sentinel/core';
import type { AlertMessage, GpuInfo } from '@gpu-sentinel/protocol';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessBus } from '../../bus/in-process-bus.js';
import { createSqliteStore, type Store } from '../../store/index.js';
import { gpuInfo, gpuSample } from '../../store/test-fixtures.js';
import type { IntervalTimer } from '../sample-writer.js';
import { AlertEngine } from './alert-engine.js';

const HOST = { hostId: 'host-a', hostname: 'workstation', isSourceUp: true };
const noTimer: IntervalTimer = { every: () => () => undefined };

describe('AlertEngine', () => {
  let store: Store;
  let clock: ManualClock;
  let bus: InProcessBus;
  let inventory: GpuInfo[];
  let messages: AlertMessage[];

  const engine = () =>
    new AlertEngine({
      store: store.alerts,
      bus,
      clock,
      timer: noTimer,
      facts: { inventory: () => inventory, hosts: () => [HOST] },
      log: pino({ level: 'silent' }),
      onDeliveriesQueued: () => undefined,
    });

  beforeEach(async () => {
    store = createSqliteStore({ filename: ':memory:' });
    await store.migrate();
    for (const rule of await store.alerts.listRules())
      await store.alerts.updateRule(rule.id, { ...rule, enabled: false }, 0);
    await store.alerts.createRule(
      {
        name: 'GPU went quiet',
        metric: 'gpuStaleSeconds',
        op: '>=',
        threshold: 5,
        forSeconds: 0,
        clearThreshold: null,
        severity: 'critical',
        scope: {},
        channels: [],
        repeatIntervalSeconds: null,
        enabled: true,
      },
      0,
    );
    clock = new ManualClock(1_000_000);
    bus = new InProcessBus(() => undefined);
    bus.subscribe('alert', (message) => messages.push(message));
    messages = [];
    inventory = [gpuInfo({ uuid: 'GPU-a', index: 0 }), gpuInfo({ uuid: 'GPU-b', index: 1 })];
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps watching a GPU that dropped out of the inventory, and alerts when it goes stale', async () => {
    const running = engine();
    await running.start();
    running.evaluate([
      gpuSample({ uuid: 'GPU-a', ts: clock.now() }),
      gpuSample({ uuid: 'GPU-b', ts: clock.now(), index: 1 }),
    ]);
    inventory = [gpuInfo({ uuid: 'GPU-a', index: 0 })];
    for (let second = 1; second <= 6; second += 1) {
      clock.advance(1_000);
      running.evaluate([gpuSample({ uuid: 'GPU-a', ts: clock.now() })]);
    }
    await running.close();

    const active = await store.alerts.listActiveAlerts();
    expect(active.map((alert) => [alert.uuid, alert.state, alert.ruleName])).toEqual([
      ['GPU-b', 'firing', 'GPU went quiet'],
    ]);
    expect(active[0]?.message).toMatch(/^GPU went quiet: gpuStaleSeconds 5 s \(>= 5 s\) on workstation/);
    expect(messages.map((message) => [message.change, message.alert.uuid])).toEqual([['opened', 'GPU-b']]);
  });

  it('resumes the alerts open before a restart instead of opening them again, and resolves them later', async () => {
    const first = engine();
    await first.start();
    first.evaluate([gpuSample({ uuid: 'GPU-a', ts: clock.now() })]);
    clock.advance(6_000);
    first.evaluate([gpuSample({ uuid: 'GPU-a', ts: clock.now() })]);
    await first.close();
    expect((await store.alerts.listActiveAlerts()).map((alert) => alert.uuid)).toEqual(['GPU-b']);

    const second = engine();
    await second.start();
    clock.advance(1_000);
    second.evaluate([gpuSample({ uuid: 'GPU-a', ts: clock.now() })]);
    clock.advance(1_000);
    second.evaluate([
      gpuSample({ uuid: 'GPU-a', ts: clock.now() }),
      gpuSample({ uuid: 'GPU-b', ts: clock.now(), index: 1 }),
    ]);
    await second.close();

    const all = await store.alerts.listAlerts({ limit: 10 });
    expect(all.total).toBe(1);
    expect(all.items[0]).toMatchObject({ uuid: 'GPU-b', state: 'resolved', resolvedAt: clock.now() });
    expect(messages.map((message) => message.change)).toEqual(['opened', 'resolved']);
  });
  it('gathers ticks that come closer than the gap into one evaluation, and evaluates them on the timer', async () => {
    await store.alerts.createRule(
      {
        name: 'Hot',
        metric: 'temperatureC',
        op: '>=',
        threshold: 80,
        forSeconds: 0,
        clearThreshold: null,
        severity: 'warning',
        scope: {},
        channels: [],
        repeatIntervalSeconds: null,
        enabled: true,
      },
      0,
    );
    let onTimer: () => void = () => undefined;
    const timer: IntervalTimer = {
      every: (_ms, tick) => {
        onTimer = tick;
        return () => undefined;
      },
    };
    const running = new AlertEngine({
      store: store.alerts,
      bus,
      clock,
      timer,
      facts: { inventory: () => inventory, hosts: () => [HOST] },
      log: pino({ level: 'silent' }),
      onDeliveriesQueued: () => undefined,
      minEvaluateGapMs: 200,
    });
    await running.start();
    const tick = (uuid: string, temperatureC: number) => {
      bus.publish('tick', {
        ts: clock.now(),
        hostId: 'host-a',
        samples: [gpuSample({ uuid, ts: clock.now(), temperatureC })],
      });
    };
    tick('GPU-a', 50); // evaluated at once: nothing evaluated for a while
    clock.advance(50);
    tick('GPU-b', 90); // 50 ms later: held for the next evaluation
    await new Promise((resolve) => setTimeout(resolve, 100)); // time for a store write, had there been one
    expect(messages).toEqual([]);
    clock.advance(200);
    onTimer();
    await running.close();
    expect(messages.map((message) => [message.change, message.alert.uuid])).toEqual([['opened', 'GPU-b']]);
  });
});
