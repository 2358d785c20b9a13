import type { Alert, AlertPage } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../query-client';
import { queryKeys } from '../query-keys';
import { applyStreamMessage } from '../stream/apply-stream-message';
import { MAX_TOASTS, type AlertHistoryData } from './alerts-cache';

function alert(id: number, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    ruleId: 1,
    ruleName: 'Hot GPU',
    hostId: 'host-a',
    uuid: 'GPU-0',
    state: 'firing',
    severity: 'critical',
    metric: 'temperatureC',
    op: '>',
    value: 91,
    threshold: 85,
    message: 'GPU 0 at 91 °C',
    startedAt: 1_000 + id,
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silencedUntil: null,
    ...overrides,
  };
}

const page = (items: Alert[], total = items.length): AlertPage => ({ items, nextCursor: null, total });

describe('alert messages in the query cache', () => {
  it('adds an opened alert to the active list, replaces it when acknowledged and drops it when resolved', () => {
    const client = createQueryClient();
    client.setQueryData(queryKeys.activeAlerts, page([alert(1)]));
    applyStreamMessage(client, { type: 'alert', change: 'opened', alert: alert(2) });
    expect(client.getQueryData<AlertPage>(queryKeys.activeAlerts)?.items.map((each) => each.id)).toEqual([2, 1]);

    applyStreamMessage(client, {
      type: 'alert',
      change: 'acknowledged',
      alert: alert(1, { state: 'acknowledged', acknowledgedBy: 'ops', acknowledgedAt: 5_000 }),
    });
    const acknowledged = client.getQueryData<AlertPage>(queryKeys.activeAlerts);
    expect(acknowledged?.items.find((each) => each.id === 1)?.acknowledgedBy).toBe('ops');
    expect(acknowledged?.total).toBe(2);

    applyStreamMessage(client, { type: 'alert', change: 'resolved', alert: alert(2, { state: 'resolved' }) });
    expect(client.getQueryData<AlertPage>(queryKeys.activeAlerts)).toMatchObject({ items: [{ id: 1 }], total: 1 });
  });

  it('puts a new alert on top of the history queries whose filters take it, and updates a listed one in place', () => {
    const client = createQueryClient();
    const critical = queryKeys.alertHistory({ state: null, severity: 'critical' });
    const warnings = queryKeys.alertHistory({ state: null, severity: 'warning' });
    const history = (items: Alert[], total: number): AlertHistoryData => ({
      pages: [{ items, nextCursor: 'x', total }],
      pageParams: [null],
    });
    client.setQueryData(critical, history([alert(1)], 40));
    client.setQueryData(warnings, history([], 0));

    applyStreamMessage(client, { type: 'alert', change: 'opened', alert: alert(2) });
    expect(client.getQueryData<AlertHistoryData>(critical)?.pages[0]).toMatchObject({
      items: [{ id: 2 }, { id: 1 }],
      total: 41,
    });
    expect(client.getQueryData<AlertHistoryData>(warnings)?.pages[0]?.total).toBe(0);

    applyStreamMessage(client, { type: 'alert', change: 'resolved', alert: alert(1, { state: 'resolved' }) });
    expect(client.getQueryData<AlertHistoryData>(critical)?.pages[0]?.items[1]?.state).toBe('resolved');
  });

  it('toasts new critical alerts only, a few at most', () => {
    const client = createQueryClient();
    applyStreamMessage(client, { type: 'alert', change: 'opened', alert: alert(1, { severity: 'warning' }) });
    applyStreamMessage(client, { type: 'alert', change: 'acknowledged', alert: alert(2, { state: 'acknowledged' }) });
    expect(client.getQueryData<Alert[]>(queryKeys.alertToasts)).toBeUndefined();
    for (let id = 10; id < 10 + MAX_TOASTS + 2; id += 1) {
      applyStreamMessage(client, { type: 'alert', change: 'opened', alert: alert(id) });
    }
    const toasts = client.getQueryData<Alert[]>(queryKeys.alertToasts) ?? [];
    expect(toasts.map((each) => each.id)).toEqual([12, 13, 14, 15]);
  });
});
