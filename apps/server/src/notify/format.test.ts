import { describe, expect, it } from 'vitest';
import type { Alert, NotificationPayload } from '@gpu-sentinel/protocol';
import {
  describeNotification,
  escapeHtml,
  formatCondition,
  formatTarget,
  formatValue,
  metricUnit,
  oneLine,
  truncate,
} from './format.js';

const alert: Alert = {
  id: 1,
  ruleId: 1,
  ruleName: 'GPU temperature critical',
  hostId: 'host-a',
  uuid: 'GPU-1',
  state: 'firing',
  severity: 'critical',
  metric: 'temperatureC',
  op: '>=',
  value: 86,
  threshold: 85,
  message: 'hot',
  startedAt: Date.parse('2026-03-01T12:00:00.000Z'),
  resolvedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  silencedUntil: null,
};

function payload(overrides: Partial<NotificationPayload> = {}): NotificationPayload {
  return { idempotencyKey: 'k', event: 'firing', alert, url: null, sentBy: 'gpu-sentinel', ...overrides };
}

describe('value formatting', () => {
  it('writes each metric with its unit', () => {
    expect(formatValue('temperatureC', 86)).toBe('86 °C');
    expect(formatValue('memoryTemperatureC', 90.25)).toBe('90.3 °C');
    expect(formatValue('utilizationGpuPct', 93.5)).toBe('93.5%');
    expect(formatValue('powerDrawW', 301.04)).toBe('301 W');
    expect(formatValue('memoryUsedMiB', 81_920)).toBe('81920 MiB');
    expect(formatValue('clockSmMHz', 1_980)).toBe('1980 MHz');
    expect(formatValue('pcieRxKBps', 12)).toBe('12 KB/s');
    expect(formatValue('hostOfflineSeconds', 120)).toBe('120 s');
    expect(formatValue('temperatureRiseCPerMin', 4.5)).toBe('4.5 °C/min');
    expect(formatValue('eccErrorsUncorrected', 3)).toBe('3');
    expect(formatValue('nvidiaSmiDown', 1)).toBe('1');
    expect(formatValue('temperatureC', null)).toBe('n/a');
    expect(metricUnit('powerLimitPct')).toBe('%');
  });

  it('writes the condition with the rule operator', () => {
    expect(formatCondition(alert)).toBe('temperatureC 86 °C ≥ 85 °C');
    expect(formatCondition({ ...alert, metric: 'fanSpeedPct', op: '<', value: 10, threshold: 20 })).toBe(
      'fanSpeedPct 10% < 20%',
    );
  });

  it('names the GPU and host, or the host alone for host-wide alerts', () => {
    expect(formatTarget(alert)).toBe('GPU-1 on host-a');
    expect(formatTarget({ uuid: null, hostId: 'host-b' })).toBe('host-b');
  });
});

describe('notification text', () => {
  it('leads with the severity while firing, RESOLVED once ended, TEST for a test', () => {
    expect(describeNotification(payload()).subject).toBe(
      '[CRITICAL] GPU temperature critical — GPU-1 on host-a: temperatureC 86 °C ≥ 85 °C',
    );
    expect(describeNotification(payload({ event: 'repeat' })).subject).toMatch(/^\[CRITICAL\] Still firing: GPU/);
    const resolved = describeNotification(
      payload({ event: 'resolved', alert: { ...alert, resolvedAt: alert.startedAt + 60_000 } }),
    );
    expect(resolved.subject).toMatch(/^\[RESOLVED\] /);
    expect(resolved.color).toBe(0x2e7d32);
    expect(resolved.details).toContainEqual(['Resolved', '2026-03-01T12:01:00.000Z']);
    expect(describeNotification(payload({ event: 'test' })).label).toBe('TEST');
  });

  it('colours by severity', () => {
    expect(describeNotification(payload()).color).toBe(0xd32f2f);
    expect(describeNotification(payload({ alert: { ...alert, severity: 'warning' } })).color).toBe(0xf9a825);
    expect(describeNotification(payload({ alert: { ...alert, severity: 'info' } })).color).toBe(0x1976d2);
  });

  it('keeps the subject one short line whatever the rule name holds', () => {
    const subject = describeNotification(
      payload({ alert: { ...alert, ruleName: `a\r\nBcc: x@y\n${'z'.repeat(500)}` } }),
    ).subject;
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.length).toBeLessThanOrEqual(250);
    expect(subject.endsWith('…')).toBe(true);
  });
});

describe('text helpers', () => {
  it('escapes HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('truncates without splitting a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('ab🔴cd', 4)).toBe('ab…');
    expect(oneLine('a\nb\t\tc')).toBe('a b c');
  });
});
