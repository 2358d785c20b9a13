import type { HistorySeries, NumericMetric } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { bucketEndFor, previewValues, seriesNeededFor } from './preview-values.js';

const MINUTE = 60_000;

/** A series over buckets 0, 1, 2… minutes with the given min/max (avg halfway). */
function series(min: (number | null)[], max: (number | null)[] = min, stepMs = MINUTE): HistorySeries {
  return {
    ts: min.map((_, i) => i * stepMs),
    min,
    max,
    avg: min.map((value, i) => (value === null ? null : (value + (max[i] ?? value)) / 2)),
  };
}

const of = (entries: [NumericMetric, HistorySeries][]): Map<NumericMetric, HistorySeries> => new Map(entries);

describe('previewValues', () => {
  it('takes the bucket max for > and the min for <', () => {
    const stored = of([['temperatureC', series([60, 70], [80, 90])]]);
    expect(previewValues('temperatureC', stored, bucketEndFor('>'), MINUTE).values).toEqual([80, 90]);
    expect(previewValues('temperatureC', stored, bucketEndFor('<='), MINUTE).values).toEqual([60, 70]);
  });

  it('computes memory use as a percentage of the total, null where the total is unknown', () => {
    const stored = of([
      ['memoryUsedMiB', series([1_000, 4_000, 2_000], [2_000, 8_000, 2_000])],
      ['memoryTotalMiB', series([8_000, 8_000, null])],
    ]);
    expect(previewValues('memoryUsedPct', stored, 'max', MINUTE)).toEqual({
      ts: [0, MINUTE, 2 * MINUTE],
      values: [25, 100, null],
    });
  });

  it('computes power draw as a percentage of the limit', () => {
    const stored = of([
      ['powerDrawW', series([100, 300])],
      ['powerLimitW', series([250, 250])],
    ]);
    expect(previewValues('powerLimitPct', stored, 'max', MINUTE).values).toEqual([40, 120]);
  });

  it('computes the temperature rise per minute against the bucket a minute earlier', () => {
    const stepMs = 30_000;
    const stored = of([['temperatureC', series([50, 52, 60, 61, 61], [50, 52, 60, 61, 61], stepMs)]]);
    // Two 30 s buckets make the minute: 60 − 50, 61 − 52, 61 − 60.
    expect(previewValues('temperatureRiseCPerMin', stored, 'max', stepMs).values).toEqual([null, null, 10, 9, 1]);
  });

  it('scales the rise to a minute when buckets are wider than one', () => {
    const stepMs = 10 * MINUTE;
    const stored = of([['temperatureC', series([40, 60], [40, 60], stepMs)]]);
    expect(previewValues('temperatureRiseCPerMin', stored, 'max', stepMs).values).toEqual([null, 2]);
  });

  it('counts ECC errors added per bucket, corrected and uncorrected together, and a counter reset as none', () => {
    const stored = of([
      ['eccErrorsCorrected', series([5, 7, 7, 0], [7, 7, 9, 1])],
      ['eccErrorsUncorrected', series([0, 0, 1, 0], [0, 1, 1, 0])],
    ]);
    // Within the first bucket 5 → 7; then 7 → 8, 8 → 10, and a reset to 1.
    expect(previewValues('eccErrorsIncrease', stored, 'max', MINUTE).values).toEqual([2, 1, 2, 0]);
  });

  it('aligns metrics with different buckets, leaving nulls where one is missing', () => {
    const stored = of([
      ['powerDrawW', { ts: [0, MINUTE], min: [100, 100], avg: [100, 100], max: [100, 100] }],
      ['powerLimitW', { ts: [MINUTE], min: [200], avg: [200], max: [200] }],
    ]);
    expect(previewValues('powerLimitPct', stored, 'max', MINUTE)).toEqual({ ts: [0, MINUTE], values: [null, 50] });
  });
});

describe('seriesNeededFor', () => {
  it('reads a stored metric itself, the inputs of a derived one, and nothing for source or host state', () => {
    expect(seriesNeededFor('fanSpeedPct')).toEqual(['fanSpeedPct']);
    expect(seriesNeededFor('memoryUsedPct')).toEqual(['memoryUsedMiB', 'memoryTotalMiB']);
    expect(seriesNeededFor('hostOfflineSeconds')).toEqual([]);
  });
});
