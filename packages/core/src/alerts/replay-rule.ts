import { isWorse, newConditionState, stepCondition, type ConditionRule } from './condition.js';

/** One period a replayed rule would have fired. `resolvedAt` null: still firing at the end of the series. */
export interface ReplayedFiring {
  startedAt: number;
  resolvedAt: number | null;
  /** The worst value seen while firing. */
  peakValue: number;
}

/** A history series for one target: bucket start times (ascending) and their values (null: no data or N/A). */
export interface ReplaySeries {
  ts: readonly number[];
  values: readonly (number | null)[];
}

/**
 * When `rule` would have fired over a history series, with the live evaluator's condition, duration and
 * hysteresis semantics (the same `stepCondition`). A gap between buckets wider than 2 × stepMs ends a
 * pending period: missing data is not "the condition held". A firing period spans gaps, as a live alert
 * would (null values keep it firing), and resolves only on a value past the clear threshold.
 */
export function replayRule(rule: ConditionRule, points: ReplaySeries, stepMs: number): ReplayedFiring[] {
  const firings: ReplayedFiring[] = [];
  const state = newConditionState();
  const maxGapMs = 2 * stepMs;
  const count = Math.min(points.ts.length, points.values.length);
  let current: ReplayedFiring | null = null;
  let previousTs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const ts = points.ts[i] ?? previousTs;
    const value = points.values[i] ?? null;
    if (state.phase === 'pending' && ts - previousTs > maxGapMs) state.phase = 'inactive';
    previousTs = ts;
    const step = stepCondition(state, rule, value, ts);
    if (step === 'fire' && value !== null) {
      current = { startedAt: ts, resolvedAt: null, peakValue: value };
      firings.push(current);
    } else if (step === 'resolve' && current !== null) {
      current.resolvedAt = ts;
      current = null;
    } else if (current !== null && value !== null && isWorse(rule.op, value, current.peakValue)) {
      current.peakValue = value;
    }
  }
  return firings;
}
