import type { Alert, ChannelType, NotificationPayload } from '@gpu-sentinel/protocol';
import type { ChannelRecord } from '../../src/store/alert-store.js';

export const STARTED_AT = Date.parse('2026-03-01T12:00:00.000Z');

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 42,
    ruleId: 7,
    ruleName: 'GPU temperature critical',
    hostId: 'host-a',
    uuid: 'GPU-1111-2222',
    state: 'firing',
    severity: 'critical',
    metric: 'temperatureC',
    op: '>=',
    value: 86,
    threshold: 85,
    message: 'GPU 0 is at 86 °C',
    startedAt: STARTED_AT,
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silencedUntil: null,
    ...overrides,
  };
}

export function payload(overrides: Partial<NotificationPayload> = {}): NotificationPayload {
  return {
    idempotencyKey: 'delivery-42-firing',
    event: 'firing',
    alert: alert(),
    url: 'https://sentinel.example/alerts/42',
    sentBy: 'gpu-sentinel',
    ...overrides,
  };
}

export function resolvedPayload(resolvedAt: number): NotificationPayload {
  return payload({
    idempotencyKey: 'delivery-42-resolved',
    event: 'resolved',
    alert: alert({ state: 'resolved', resolvedAt, value: 70 }),
  });
}

export function channel(type: ChannelType, config: Record<string, unknown>): ChannelRecord {
  return {
    id: 1,
    name: `${type} channel`,
    type,
    config,
    severities: ['info', 'warning', 'critical'],
    enabled: true,
    createdAt: 0,
    updatedAt: 0,
  };
}
