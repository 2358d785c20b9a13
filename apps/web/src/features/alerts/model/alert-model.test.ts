import type { Alert } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { sortActiveAlerts } from './alert-order';
import { conditionSummary, formatMetricValue } from './metric-labels';
import { timelineRows } from './preview-timeline';
import { EMPTY_RULE, placeApiError, ruleBodyOf } from './rule-form';

function alert(id: number, overrides: Partial<Alert>): Alert {
  return {
    id,
    ruleId: 1,
    ruleName: 'r',
    hostId: 'h',
    uuid: 'GPU-0',
    state: 'firing',
    severity: 'warning',
    metric: 'temperatureC',
    op: '>',
    value: 1,
    threshold: 0,
    message: '',
    startedAt: 0,
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silencedUntil: null,
    ...overrides,
  };
}

describe('alert views', () => {
  it('orders active alerts unacknowledged first, then by severity, then newest', () => {
    const sorted = sortActiveAlerts([
      alert(1, { severity: 'critical', state: 'acknowledged', startedAt: 50 }),
      alert(2, { severity: 'info', startedAt: 90 }),
      alert(3, { severity: 'critical', startedAt: 10 }),
      alert(4, { severity: 'critical', startedAt: 20 }),
      alert(5, { severity: 'warning', startedAt: 99 }),
    ]);
    expect(sorted.map((each) => each.id)).toEqual([4, 3, 5, 2, 1]);
  });

  it('says a condition the way an engineer would write it', () => {
    expect(
      conditionSummary({ metric: 'temperatureC', op: '>=', threshold: 85, forSeconds: 30, clearThreshold: 80 }),
    ).toBe('temperatureC ≥ 85 for 30 s, clears < 80');
    expect(
      conditionSummary({ metric: 'memoryUsedPct', op: '>', threshold: 95, forSeconds: 300, clearThreshold: null }),
    ).toBe('memoryUsedPct > 95 for 5 min');
    expect(formatMetricValue('temperatureC', 91.25)).toBe('91.25 °C');
    expect(formatMetricValue('nvidiaSmiDown', 1)).toBe('1');
  });

  it('lays preview firings out per GPU over the span, a still-firing one to the end', () => {
    const rows = timelineRows({
      from: 0,
      to: 1_000,
      stepMs: 10,
      gpus: 2,
      unsupportedReason: null,
      firings: [
        { hostId: 'h', uuid: 'GPU-1', startedAt: 500, resolvedAt: null, peakValue: 9 },
        { hostId: 'h', uuid: 'GPU-0', startedAt: 100, resolvedAt: 200, peakValue: 5 },
        { hostId: 'h', uuid: 'GPU-0', startedAt: 300, resolvedAt: 301, peakValue: 6 },
      ],
    });
    expect(rows.map((row) => [row.uuid, row.segments.map((s) => [s.leftPct, s.widthPct])])).toEqual([
      [
        'GPU-0',
        [
          [10, 10],
          [30, 0.4],
        ],
      ],
      ['GPU-1', [[50, 50]]],
    ]);
  });

  it('turns the form into a rule body, and places the API refusal next to its field', () => {
    expect(ruleBodyOf({ ...EMPTY_RULE, threshold: 'hot' })).toEqual({
      ok: false,
      errors: { threshold: 'Enter a number' },
    });
    const body = ruleBodyOf({ ...EMPTY_RULE, name: 'Hot', clearThreshold: '80', uuid: 'GPU-1' });
    expect(body).toMatchObject({ ok: true, value: { threshold: 85, clearThreshold: 80, scope: { uuid: 'GPU-1' } } });
    const refusal = new ApiError(
      'validation_failed',
      'clearThreshold must be on the quiet side',
      400,
      'clearThreshold',
    );
    expect(placeApiError(refusal)).toEqual({
      field: 'clearThreshold',
      message: 'clearThreshold must be on the quiet side',
    });
    expect(placeApiError(new ApiError('conflict', 'taken', 409, 'rule.scope.uuid')).field).toBe('scope');
    expect(placeApiError(new ApiError('internal', 'boom', 500)).field).toBeNull();
  });
});
