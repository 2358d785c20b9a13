import { describe, expect, it } from 'vitest';
import { gpuSample } from '../../test/fixtures';
import { appendSample, LIVE_MAX_SAMPLES, LIVE_WINDOW_MS, samplesSince } from './live-buffer';

describe('live ring buffer', () => {
  it('keeps samples in time order and ignores repeated or older ones', () => {
    let buffer = appendSample(undefined, gpuSample(0, 1_000));
    buffer = appendSample(buffer, gpuSample(0, 1_250));
    const same = appendSample(buffer, gpuSample(0, 1_250));
    expect(same).toBe(buffer);
    expect(appendSample(buffer, gpuSample(0, 900))).toBe(buffer);
    expect(buffer.map((sample) => sample.ts)).toEqual([1_000, 1_250]);
  });

  it('drops what is older than 15 minutes before the newest sample', () => {
    let buffer = appendSample(undefined, gpuSample(0, 0));
    buffer = appendSample(buffer, gpuSample(0, 60_000));
    buffer = appendSample(buffer, gpuSample(0, LIVE_WINDOW_MS + 30_000));
    expect(buffer.map((sample) => sample.ts)).toEqual([60_000, LIVE_WINDOW_MS + 30_000]);
  });

  it('holds 15 minutes at 250 ms (3,600 samples) and stays bounded', () => {
    let buffer = appendSample(undefined, gpuSample(0, 0));
    for (let ts = 250; ts <= 2 * LIVE_WINDOW_MS; ts += 250) buffer = appendSample(buffer, gpuSample(0, ts));
    expect(buffer.length).toBe(LIVE_WINDOW_MS / 250 + 1);
    expect(buffer.length).toBeLessThanOrEqual(LIVE_MAX_SAMPLES);
  });

  it('finds the samples since a time', () => {
    let buffer = appendSample(undefined, gpuSample(0, 0));
    for (const ts of [100, 200, 300]) buffer = appendSample(buffer, gpuSample(0, ts));
    expect(samplesSince(buffer, 150).map((sample) => sample.ts)).toEqual([200, 300]);
    expect(samplesSince(buffer, 0)).toBe(buffer);
  });
});
