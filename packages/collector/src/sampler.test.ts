import { ManualClock } from '@gpu-sentinel/core';
import { describe, expect, it } from 'vitest';
import type { GpuReading } from './gpu-source.js';
import { emptyMetrics } from './metrics.js';
import { Sampler } from './sampler.js';

const reading = (index: number, temperatureC: number): GpuReading => ({
  uuid: `GPU-${index}`,
  index,
  metrics: { ...emptyMetrics(), temperatureC, pstate: 'P0' },
});

describe('Sampler', () => {
  it('stamps host and time from the clock and keeps the latest sample per GPU', () => {
    const clock = new ManualClock(1_700_000_000_000);
    const sampler = new Sampler({ hostId: 'h1', clock });
    const first = sampler.sample([reading(0, 40), reading(1, 50)]);
    expect(first).toHaveLength(2);
    expect(first[0]).toMatchObject({ ts: 1_700_000_000_000, hostId: 'h1', uuid: 'GPU-0', temperatureC: 40 });
    clock.advance(250);
    sampler.sample([reading(0, 42)]);
    expect(sampler.latest('GPU-0')).toMatchObject({ ts: 1_700_000_000_250, temperatureC: 42 });
    expect(sampler.latestAll().map((s) => s.uuid)).toEqual(['GPU-0', 'GPU-1']);
    sampler.retain(new Set(['GPU-1']));
    expect(sampler.latestAll().map((s) => s.uuid)).toEqual(['GPU-1']);
  });

  it('counts and drops an invalid reading instead of throwing, and keeps the valid ones', () => {
    const problems: string[] = [];
    const sampler = new Sampler({ hostId: 'h1', clock: new ManualClock(5), onInvalid: (_, p) => problems.push(p) });
    const bad: GpuReading = { uuid: '', index: -1, metrics: { ...emptyMetrics(), temperatureC: Number.NaN } };
    const samples = sampler.sample([bad, reading(0, 40)]);
    expect(samples.map((s) => s.uuid)).toEqual(['GPU-0']);
    expect(sampler.invalidCount).toBe(1);
    expect(problems).toHaveLength(1);
    expect(sampler.latest('')).toBeUndefined();
  });
});
