import { describe, expect, it } from 'vitest';
import { gpuSample } from '../store/test-fixtures.js';
import { liveSamples, MIN_LIVE_WINDOW_MS } from './live-gate.js';

const NOW = 1_767_225_600_000;
const at = (ts: number, uuid = 'GPU-a') => gpuSample({ uuid, ts });

describe('liveSamples', () => {
  it('passes a fresh batch, oldest first', () => {
    const batch = [at(NOW - 250, 'GPU-b'), at(NOW - 500), at(NOW)];
    expect(liveSamples(batch, 0, NOW, 250).map((s) => s.ts)).toEqual([NOW - 500, NOW - 250, NOW]);
  });

  it('holds back a replayed batch whose newest sample is older than the live window', () => {
    expect(liveSamples([at(NOW - MIN_LIVE_WINDOW_MS - 1)], 0, NOW, 250)).toEqual([]);
    expect(liveSamples([at(NOW - 20 * 1_000)], 0, NOW, 5_000)).toHaveLength(1); // 8 intervals of a slow agent
  });

  it('never goes back in time: only samples newer than the last published', () => {
    expect(liveSamples([at(NOW - 250), at(NOW)], NOW - 250, NOW, 250).map((s) => s.ts)).toEqual([NOW]);
    expect(liveSamples([at(NOW - 250)], NOW, NOW, 250)).toEqual([]);
  });
});
