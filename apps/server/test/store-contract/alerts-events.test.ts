import { describe, expect, it } from 'vitest';
import { GPU_A, newAlert, storeOpener, T0, webhookChannel, withTwoGpus } from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const MINUTE = 60_000;

describe.each(ENGINES)('$name store: alert events and their notifications', (engine) => {
  const open = storeOpener(engine);

  async function storeWithChannels() {
    const store = await withTwoGpus(await open());
    const ops = await store.alerts.createChannel(webhookChannel('ops'), T0);
    const pager = await store.alerts.createChannel(webhookChannel('pager'), T0);
    return { store, ops, pager };
  }

  it('opens a firing alert with one pending delivery per existing target, due at once', async () => {
    const { store, ops, pager } = await storeWithChannels();
    const alert = await store.alerts.openAlert(
      newAlert(),
      [{ channelId: ops.id }, { channelId: 9_999 }, { channelId: pager.id }, { channelId: ops.id }],
      T0 + 1,
    );
    expect(alert).toMatchObject({
      state: 'firing',
      ruleId: 1,
      ruleName: 'GPU temperature warning',
      hostId: 'host-a',
      uuid: GPU_A,
      op: '>=',
      value: 82,
      threshold: 80,
      startedAt: T0,
      resolvedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      silencedUntil: null,
    });
    expect(await store.alerts.getAlert(alert.id)).toEqual(alert);

    const deliveries = (await store.alerts.listDeliveries({ alertId: alert.id, limit: 100 })).items;
    expect(deliveries.map((delivery) => [delivery.channelName, delivery.event, delivery.status])).toEqual([
      ['pager', 'firing', 'pending'],
      ['ops', 'firing', 'pending'],
    ]);
    expect(new Set(deliveries.map((delivery) => delivery.idempotencyKey)).size).toBe(2);
    expect(await store.alerts.nextDeliveryDueAt()).toBe(T0 + 1);

    const claimed = await store.alerts.claimDueDeliveries(T0 + 1, 10, MINUTE);
    expect(claimed.map((delivery) => delivery.payload)).toEqual(
      deliveries.reverse().map((delivery) => ({
        idempotencyKey: delivery.idempotencyKey,
        event: 'firing',
        alert,
        sentBy: 'gpu-sentinel',
      })),
    );
  });

  it('opens an alert for a host whose inventory is not stored yet, under a placeholder host', async () => {
    const { store, ops } = await storeWithChannels();
    const alert = await store.alerts.openAlert(newAlert({ hostId: 'host-nowhere' }), [{ channelId: ops.id }], T0);
    expect(alert.hostId).toBe('host-nowhere');
    expect((await store.listHosts()).map((host) => host.hostId)).toContain('host-nowhere');
    expect((await store.alerts.listDeliveries({ limit: 100 })).items).toHaveLength(1);
  });

  it('opens a host-wide alert without a uuid', async () => {
    const { store } = await storeWithChannels();
    const alert = await store.alerts.openAlert(
      newAlert({ uuid: null, metric: 'nvidiaSmiDown', value: 1, threshold: 1 }),
      [],
      T0,
    );
    expect(alert).toMatchObject({ uuid: null, hostId: 'host-a', metric: 'nvidiaSmiDown' });
    expect(await store.alerts.listActiveAlerts()).toEqual([alert]);
  });

  it('repeats an active alert with a snapshot of it, and not a resolved one', async () => {
    const { store, ops } = await storeWithChannels();
    const alert = await store.alerts.openAlert(newAlert(), [], T0);
    await store.alerts.silenceAlert(alert.id, T0 + 10 * MINUTE);
    const repeated = await store.alerts.repeatAlert(alert.id, [{ channelId: ops.id }], T0 + MINUTE);
    expect(repeated).toMatchObject({ id: alert.id, state: 'firing', silencedUntil: T0 + 10 * MINUTE });
    const [claimed] = await store.alerts.claimDueDeliveries(T0 + MINUTE, 10, MINUTE);
    expect(claimed).toMatchObject({ event: 'repeat', payload: { event: 'repeat', alert: repeated } });
    expect(claimed?.channel?.name).toBe('ops');

    await store.alerts.resolveAlert(alert.id, T0 + 2 * MINUTE, [], T0 + 2 * MINUTE);
    expect(await store.alerts.repeatAlert(alert.id, [{ channelId: ops.id }], T0 + 3 * MINUTE)).toBeUndefined();
    expect(await store.alerts.repeatAlert(9_999, [{ channelId: ops.id }], T0)).toBeUndefined();
    expect((await store.alerts.listDeliveries({ limit: 100 })).items).toHaveLength(1);
  });

  it('acknowledges a firing alert once, then resolves it with a resolved notification', async () => {
    const { store, ops } = await storeWithChannels();
    const alert = await store.alerts.openAlert(newAlert(), [], T0);
    const acked = await store.alerts.acknowledgeAlert(alert.id, 'ada', T0 + MINUTE);
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'ada', acknowledgedAt: T0 + MINUTE });
    expect(await store.alerts.acknowledgeAlert(alert.id, 'grace', T0 + 2 * MINUTE)).toEqual(acked);
    expect(await store.alerts.listActiveAlerts()).toEqual([acked]);

    const resolved = await store.alerts.resolveAlert(
      alert.id,
      T0 + 3 * MINUTE,
      [{ channelId: ops.id }],
      T0 + 3 * MINUTE,
    );
    expect(resolved).toMatchObject({ state: 'resolved', resolvedAt: T0 + 3 * MINUTE, acknowledgedBy: 'ada' });
    expect(await store.alerts.listActiveAlerts()).toEqual([]);
    expect(await store.alerts.acknowledgeAlert(alert.id, 'grace', T0 + 4 * MINUTE)).toEqual(resolved);
    expect(
      await store.alerts.resolveAlert(alert.id, T0 + 5 * MINUTE, [{ channelId: ops.id }], T0 + 5 * MINUTE),
    ).toBeUndefined();
    const deliveries = (await store.alerts.listDeliveries({ limit: 100 })).items;
    expect(deliveries.map((delivery) => delivery.event)).toEqual(['resolved']);
    const [claimed] = await store.alerts.claimDueDeliveries(T0 + 3 * MINUTE, 10, MINUTE);
    expect(claimed?.payload.alert).toEqual(resolved);

    expect(await store.alerts.acknowledgeAlert(9_999, 'ada', T0)).toBeUndefined();
    expect(await store.alerts.silenceAlert(9_999, T0)).toBeUndefined();
  });

  it('keeps a delivery to a channel deleted since, claimed without its channel', async () => {
    const { store, ops } = await storeWithChannels();
    const alert = await store.alerts.openAlert(newAlert(), [{ channelId: ops.id }], T0);
    await store.alerts.deleteChannel(ops.id);
    const [claimed] = await store.alerts.claimDueDeliveries(T0, 10, MINUTE);
    expect(claimed).toMatchObject({ alertId: alert.id, channel: null, attempts: 1 });
    const [delivery] = (await store.alerts.listDeliveries({ limit: 100 })).items;
    expect(delivery).toMatchObject({ channelId: null, channelName: 'ops', channelType: 'webhook' });
  });
});
