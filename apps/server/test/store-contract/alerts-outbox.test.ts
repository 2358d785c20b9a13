import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { newAlert, openPostgresReplicas, storeOpener, T0, webhookChannel, withTwoGpus } from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const LEASE_MS = 30_000;

/** A store with `alerts` firing alerts, each with a pending delivery to one channel, all due at T0. */
async function withPendingDeliveries(store: Store, alerts: number): Promise<number[]> {
  await withTwoGpus(store);
  const channel = await store.alerts.createChannel(webhookChannel('ops'), T0);
  for (let i = 0; i < alerts; i += 1) {
    await store.alerts.openAlert(newAlert({ startedAt: T0 + i }), [{ channelId: channel.id }], T0);
  }
  return (await store.alerts.listDeliveries({ limit: 500 })).items.map((delivery) => delivery.id).reverse();
}

describe.each(ENGINES)('$name store: the notification outbox', (engine) => {
  const open = storeOpener(engine);

  it('claims due deliveries oldest first, at most the limit, with a lease', async () => {
    const store = await open();
    const ids = await withPendingDeliveries(store, 5);
    expect(await store.alerts.claimDueDeliveries(T0 - 1, 10, LEASE_MS)).toEqual([]);

    const claimed = await store.alerts.claimDueDeliveries(T0, 3, LEASE_MS);
    expect(claimed.map((delivery) => delivery.id)).toEqual(ids.slice(0, 3));
    expect(claimed.map((delivery) => delivery.attempts)).toEqual([1, 1, 1]);
    expect(claimed[0]?.channel).toMatchObject({ name: 'ops', config: { secret: 's3cret' } });
    expect((await store.alerts.claimDueDeliveries(T0, 10, LEASE_MS)).map((delivery) => delivery.id)).toEqual(
      ids.slice(3),
    );
    expect(await store.alerts.claimDueDeliveries(T0 + LEASE_MS - 1, 10, LEASE_MS)).toEqual([]);
    expect(await store.alerts.nextDeliveryDueAt()).toBe(T0 + LEASE_MS);
  });

  it('makes a claimed delivery due again once its lease runs out (the worker died)', async () => {
    const store = await open();
    const [id] = await withPendingDeliveries(store, 1);
    const [first] = await store.alerts.claimDueDeliveries(T0, 10, LEASE_MS);
    const [again] = await store.alerts.claimDueDeliveries(T0 + LEASE_MS, 10, LEASE_MS);
    expect(again).toMatchObject({ id, attempts: 2, idempotencyKey: first?.idempotencyKey });
  });

  it('never hands one delivery to two concurrent claims', async () => {
    const store = await open();
    const ids = await withPendingDeliveries(store, 40);
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.alerts.claimDueDeliveries(T0, 7, LEASE_MS)));
    const claimedIds = claims.flat().map((delivery) => delivery.id);
    expect(claimedIds.sort((a, b) => a - b)).toEqual(ids);
    expect(claims.flat().every((delivery) => delivery.attempts === 1)).toBe(true);
  });

  it('records a delivery, a retry later, then giving up; a dead one can be retried by hand', async () => {
    const store = await open();
    const [delivered, failing] = await withPendingDeliveries(store, 2);
    if (delivered === undefined || failing === undefined) throw new Error('two deliveries expected');
    await store.alerts.claimDueDeliveries(T0, 10, LEASE_MS);
    await store.alerts.markDelivered(delivered, T0 + 100);
    await store.alerts.markFailed(failing, 'HTTP 503', T0 + 5_000);
    expect(await store.alerts.nextDeliveryDueAt()).toBe(T0 + 5_000);
    expect(await store.alerts.retryDelivery(failing, T0 + 6_000)).toBeUndefined();

    const [retried] = await store.alerts.claimDueDeliveries(T0 + 5_000, 10, LEASE_MS);
    expect(retried).toMatchObject({ id: failing, attempts: 2 });
    await store.alerts.markFailed(failing, 'HTTP 500', null);
    expect(await store.alerts.nextDeliveryDueAt()).toBeNull();
    expect(await store.alerts.claimDueDeliveries(T0 + 3_600_000, 10, LEASE_MS)).toEqual([]);

    const page = await store.alerts.listDeliveries({ limit: 100 });
    expect(
      page.items.map((delivery) => [
        delivery.id,
        delivery.status,
        delivery.attempts,
        delivery.lastError,
        delivery.nextAttemptAt,
        delivery.deliveredAt,
      ]),
    ).toEqual([
      [failing, 'dead', 2, 'HTTP 500', null, null],
      [delivered, 'delivered', 1, null, null, T0 + 100],
    ]);

    const revived = await store.alerts.retryDelivery(failing, T0 + 7_000);
    expect(revived).toMatchObject({
      id: failing,
      status: 'pending',
      attempts: 2,
      nextAttemptAt: T0 + 7_000,
      lastError: 'HTTP 500',
    });
    expect(await store.alerts.retryDelivery(delivered, T0 + 7_000)).toBeUndefined();
    expect(await store.alerts.retryDelivery(9_999, T0 + 7_000)).toBeUndefined();
    const [third] = await store.alerts.claimDueDeliveries(T0 + 7_000, 10, LEASE_MS);
    expect(third).toMatchObject({ id: failing, attempts: 3 });
  });

  it('lists deliveries newest first by channel, alert and status, a page at a time', async () => {
    const store = await open();
    const ids = await withPendingDeliveries(store, 5);
    const other = await store.alerts.createChannel(webhookChannel('pager'), T0);
    const alert = await store.alerts.openAlert(newAlert(), [{ channelId: other.id }], T0);
    const [lastOps] = ids.slice(-1);
    if (lastOps === undefined) throw new Error('deliveries expected');
    await store.alerts.markDelivered(lastOps, T0 + 1);

    const first = await store.alerts.listDeliveries({ limit: 4 });
    expect(first.nextCursor).not.toBeNull();
    const second = await store.alerts.listDeliveries({ limit: 4, cursor: first.nextCursor ?? '' });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((delivery) => delivery.channelName)).toEqual([
      'pager',
      ...Array<string>(5).fill('ops'),
    ]);
    expect((await store.alerts.listDeliveries({ channelId: other.id, limit: 10 })).items).toHaveLength(1);
    expect((await store.alerts.listDeliveries({ alertId: alert.id, limit: 10 })).items[0]?.channelName).toBe('pager');
    expect((await store.alerts.listDeliveries({ status: 'delivered', limit: 10 })).items.map((d) => d.id)).toEqual([
      lastOps,
    ]);
    expect((await store.alerts.listDeliveries({ status: 'pending', channelId: 9_999, limit: 10 })).items).toEqual([]);
  });
});

/** Postgres only: two server replicas on one database. */
const POSTGRES = ENGINES.filter((engine) => engine.name === 'postgres');

describe.each(POSTGRES)('$name store: replicas sharing the outbox', () => {
  const replicas: Store[] = [];
  afterEach(async () => {
    // The second replica first: the first drops the shared schema.
    for (const store of replicas.splice(0).reverse()) await store.close();
  });

  it('never hand one delivery to both replicas claiming at once', async () => {
    const pair = await openPostgresReplicas();
    if (pair === undefined) throw new Error('Postgres expected');
    replicas.push(...pair);
    const [first, second] = pair;
    const ids = await withPendingDeliveries(first, 60);
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? first : second).alerts.claimDueDeliveries(T0, 12, LEASE_MS)),
    );
    expect(
      claims
        .flat()
        .map((delivery) => delivery.id)
        .sort((a, b) => a - b),
    ).toEqual(ids);
  });
});
