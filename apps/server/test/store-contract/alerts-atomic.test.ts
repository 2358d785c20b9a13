import { describe, expect, it, vi } from 'vitest';
import { alertQuery, newAlert, storeOpener, T0, webhookChannel, withTwoGpus } from './contract-fixtures.js';
import { ENGINES } from './engines.js';

/** Idempotency keys come from randomUUID; while `collide` is set every key is the same, so a second outbox row breaks its unique index. */
const keys = vi.hoisted(() => ({ collide: false }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    randomUUID: () => (keys.collide ? '00000000-0000-4000-8000-000000000000' : crypto.randomUUID()),
  };
});

describe.each(ENGINES)('$name store: an alert event is all or nothing', (engine) => {
  const open = storeOpener(engine);

  it('leaves neither the alert nor any notification when writing the outbox fails', async () => {
    const store = await withTwoGpus(await open());
    const ops = await store.alerts.createChannel(webhookChannel('ops'), T0);
    const pager = await store.alerts.createChannel(webhookChannel('pager'), T0);
    const targets = [{ channelId: ops.id }, { channelId: pager.id }];
    const firing = await store.alerts.openAlert(newAlert(), [], T0);

    keys.collide = true;
    try {
      await expect(store.alerts.openAlert(newAlert({ startedAt: T0 + 1 }), targets, T0 + 1)).rejects.toThrow();
      await expect(store.alerts.resolveAlert(firing.id, T0 + 2, targets, T0 + 2)).rejects.toThrow();
    } finally {
      keys.collide = false;
    }

    expect((await store.alerts.listAlerts(alertQuery())).items).toEqual([firing]);
    expect((await store.alerts.listDeliveries({ limit: 100 })).items).toEqual([]);
    // The store goes on working after the rolled-back transactions.
    const opened = await store.alerts.openAlert(newAlert({ startedAt: T0 + 3 }), targets, T0 + 3);
    expect((await store.alerts.listDeliveries({ alertId: opened.id, limit: 100 })).items).toHaveLength(2);
  });
});
