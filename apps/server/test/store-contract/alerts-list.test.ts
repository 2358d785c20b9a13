import type { Alert, AlertListQuery } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/app-error.js';
import type { Store } from '../../src/store/index.js';
import { alertQuery, GPU_A, GPU_B, newAlert, storeOpener, T0, withTwoGpus } from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const MINUTE = 60_000;

/** Every page of a listing, following nextCursor. */
async function allPages(store: Store, query: Partial<AlertListQuery>, limit: number): Promise<Alert[][]> {
  const pages: Alert[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.alerts.listAlerts(
      alertQuery({ ...query, limit, ...(cursor === undefined ? {} : { cursor }) }),
    );
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
}

describe.each(ENGINES)('$name store: listing alerts', (engine) => {
  const open = storeOpener(engine);

  it('pages 250 alerts newest first without duplicates or gaps', async () => {
    const store = await withTwoGpus(await open());
    const opened: number[] = [];
    for (let i = 0; i < 250; i += 1) {
      const alert = await store.alerts.openAlert(
        newAlert({ uuid: i % 2 === 0 ? GPU_A : GPU_B, startedAt: T0 + i * MINUTE }),
        [],
        T0 + i * MINUTE,
      );
      opened.push(alert.id);
    }
    const pages = await allPages(store, {}, 40);
    expect(pages.map((page) => page.length)).toEqual([40, 40, 40, 40, 40, 40, 10]);
    expect(pages.flat().map((alert) => alert.id)).toEqual([...opened].reverse());

    const first = await store.alerts.listAlerts(alertQuery({ uuid: GPU_B, limit: 50 }));
    expect(first.total).toBe(125);
    const gpuB = (await allPages(store, { uuid: GPU_B }, 50)).flat();
    expect(gpuB).toHaveLength(125);
    expect(gpuB.every((alert) => alert.uuid === GPU_B)).toBe(true);

    const exact = await store.alerts.listAlerts(alertQuery({ limit: 250 }));
    expect(exact).toMatchObject({ nextCursor: null, total: 250 });
  });

  it('filters by state, activity, severity, host, rule and start time', async () => {
    const store = await withTwoGpus(await open());
    const a = await store.alerts.openAlert(newAlert({ startedAt: T0 }), [], T0);
    const b = await store.alerts.openAlert(
      newAlert({ ruleId: 2, severity: 'critical', uuid: GPU_B, startedAt: T0 + MINUTE }),
      [],
      T0,
    );
    const c = await store.alerts.openAlert(
      newAlert({ ruleId: 7, uuid: null, metric: 'nvidiaSmiDown', startedAt: T0 + 2 * MINUTE }),
      [],
      T0,
    );
    await store.alerts.acknowledgeAlert(b.id, 'ada', T0 + 3 * MINUTE);
    await store.alerts.resolveAlert(c.id, T0 + 3 * MINUTE, [], T0 + 3 * MINUTE);

    const ids = async (query: Partial<AlertListQuery>) => {
      const page = await store.alerts.listAlerts(alertQuery(query));
      expect(page.total).toBe(page.items.length);
      return page.items.map((alert) => alert.id);
    };
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ state: 'firing' })).toEqual([a.id]);
    expect(await ids({ state: 'acknowledged' })).toEqual([b.id]);
    expect(await ids({ state: 'resolved' })).toEqual([c.id]);
    expect(await ids({ active: 'true' })).toEqual([b.id, a.id]);
    expect(await ids({ active: 'true', state: 'resolved' })).toEqual([b.id, a.id]);
    expect(await ids({ active: 'false' })).toEqual([c.id]);
    expect(await ids({ severity: 'critical' })).toEqual([b.id]);
    expect(await ids({ uuid: GPU_A })).toEqual([a.id]);
    expect(await ids({ hostId: 'host-a' })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ hostId: 'host-b' })).toEqual([]);
    expect(await ids({ ruleId: 7 })).toEqual([c.id]);
    expect(await ids({ from: T0 + MINUTE })).toEqual([c.id, b.id]);
    expect(await ids({ to: T0 + MINUTE })).toEqual([b.id, a.id]);
    expect(await ids({ from: T0 + MINUTE, to: T0 + MINUTE, severity: 'critical' })).toEqual([b.id]);
  });

  it('refuses a cursor it did not make', async () => {
    const store = await open();
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('-5').toString('base64url'),
      'MTA=',
      Buffer.from('1e3').toString('base64url'),
    ]) {
      await expect(store.alerts.listAlerts(alertQuery({ cursor }))).rejects.toMatchObject({
        constructor: ValidationError,
        field: 'cursor',
      });
    }
    await expect(store.alerts.listDeliveries({ cursor: 'nope', limit: 10 })).rejects.toBeInstanceOf(ValidationError);
  });
});
