import { describe, expect, it } from 'vitest';
import type { ConditionRule } from './condition.js';
import { replayRule } from './replay-rule.js';

const STEP = 60_000;
const hot: ConditionRule = { op: '>=', threshold: 80, forSeconds: 120, clearThreshold: null };

/** Buckets every minute from 0, one per value. */
function series(values: (number | null)[], stepMs = STEP) {
  return { ts: values.map((_, i) => i * stepMs), values };
}

describe('replayRule', () => {
  const cases: {
    name: string;
    rule: ConditionRule;
    points: { ts: number[]; values: (number | null)[] };
    expected: { startedAt: number; resolvedAt: number | null; peakValue: number }[];
  }[] = [
    {
      name: 'fires once the condition has held forSeconds, and resolves when it stops',
      rule: hot,
      points: series([70, 85, 86, 90, 88, 75, 70]),
      expected: [{ startedAt: 3 * STEP, resolvedAt: 5 * STEP, peakValue: 90 }],
    },
    {
      name: 'does not fire when the condition breaks before forSeconds',
      rule: hot,
      points: series([85, 86, 70, 85, 86, 70]),
      expected: [],
    },
    {
      name: 'fires on the first breaching bucket with forSeconds 0',
      rule: { ...hot, forSeconds: 0 },
      points: series([70, 81, 70]),
      expected: [{ startedAt: STEP, resolvedAt: 2 * STEP, peakValue: 81 }],
    },
    {
      name: 'is still firing at the end of the series',
      rule: { ...hot, forSeconds: 0 },
      points: series([81, 95, 82]),
      expected: [{ startedAt: 0, resolvedAt: null, peakValue: 95 }],
    },
    {
      name: 'a value hovering at the threshold flaps without a clear threshold',
      rule: { ...hot, forSeconds: 0 },
      points: series([81, 79, 81, 79]),
      expected: [
        { startedAt: 0, resolvedAt: STEP, peakValue: 81 },
        { startedAt: 2 * STEP, resolvedAt: 3 * STEP, peakValue: 81 },
      ],
    },
    {
      name: 'hysteresis: the same values stay one firing with a clear threshold, resolving below it',
      rule: { ...hot, forSeconds: 0, clearThreshold: 75 },
      points: series([81, 79, 81, 79, 74]),
      expected: [{ startedAt: 0, resolvedAt: 4 * STEP, peakValue: 81 }],
    },
    {
      name: 'the peak of a < rule is its lowest value',
      rule: { op: '<', threshold: 10, forSeconds: 0, clearThreshold: 20 },
      points: series([50, 9, 3, 15, 21]),
      expected: [{ startedAt: STEP, resolvedAt: 4 * STEP, peakValue: 3 }],
    },
    {
      name: 'a gap wider than two steps ends a pending period',
      rule: hot,
      points: { ts: [0, STEP, 4 * STEP, 5 * STEP, 6 * STEP], values: [85, 85, 85, 85, 85] },
      expected: [{ startedAt: 6 * STEP, resolvedAt: null, peakValue: 85 }],
    },
    {
      name: 'a gap of exactly two steps does not end a pending period',
      rule: hot,
      points: { ts: [0, 2 * STEP, 3 * STEP], values: [85, 85, 85] },
      expected: [{ startedAt: 2 * STEP, resolvedAt: null, peakValue: 85 }],
    },
    {
      name: 'a firing period spans a gap and resolves on the next clearing value',
      rule: { ...hot, forSeconds: 0 },
      points: { ts: [0, 10 * STEP, 11 * STEP], values: [90, 85, 60] },
      expected: [{ startedAt: 0, resolvedAt: 11 * STEP, peakValue: 90 }],
    },
    {
      name: 'null buckets neither start, break nor clear the condition',
      rule: hot,
      points: series([85, null, 85, null, 70]),
      expected: [{ startedAt: 2 * STEP, resolvedAt: 4 * STEP, peakValue: 85 }],
    },
    {
      name: 'a null bucket alone never fires',
      rule: { ...hot, forSeconds: 60 },
      points: series([85, null, null]),
      expected: [],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(replayRule(c.rule, c.points, STEP)).toEqual(c.expected);
    });
  }
});
