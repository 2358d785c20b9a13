import { describe, expect, it } from 'vitest';
import { mulberry32 } from './prng.js';
import { initialSimulatedState, type SimulatedState } from './simulated-state.js';
import { nextSimulatedState } from './simulated-step.js';
import { simulatedReadings } from './simulated-views.js';

/** Runs the step function for `seconds` at `dtMs`, calling `visit` after each step. */
function run(
  seed: number,
  gpus: number,
  seconds: number,
  dtMs: number,
  visit: (s: SimulatedState) => void = () => undefined,
) {
  const rng = mulberry32(seed);
  let state = initialSimulatedState(gpus, rng);
  for (let t = 0; t < seconds * 1_000; t += dtMs) {
    state = nextSimulatedState(state, dtMs, rng);
    visit(state);
  }
  return state;
}

describe('nextSimulatedState', () => {
  it('replays the same run for the same seed, and a different one for another seed', () => {
    const a = run(7, 4, 120, 250);
    const b = run(7, 4, 120, 250);
    const c = run(8, 4, 120, 250);
    expect(simulatedReadings(a)).toEqual(simulatedReadings(b));
    expect(a.gpus.map((g) => g.uuid)).toEqual(b.gpus.map((g) => g.uuid));
    expect(c.gpus.map((g) => g.uuid)).not.toEqual(a.gpus.map((g) => g.uuid));
  });

  it('is pure: the input state is left as it was', () => {
    const rng = mulberry32(1);
    const state = initialSimulatedState(2, rng);
    const before = structuredClone(state);
    nextSimulatedState(state, 1_000, rng);
    expect(state).toEqual(before);
  });

  it('makes N GPUs with distinct uuids shaped like real ones', () => {
    const state = initialSimulatedState(8, mulberry32(3));
    expect(state.gpus).toHaveLength(8);
    expect(new Set(state.gpus.map((g) => g.uuid)).size).toBe(8);
    for (const gpu of state.gpus)
      expect(gpu.uuid).toMatch(/^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(state.gpus.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('stays within physical ranges over six simulated hours', () => {
    const violations: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && violations.length < 10) violations.push(what);
    };
    const seen = { maxTempC: 0, maxUtil: 0, p0: 0, p8: 0 };
    run(42, 4, 6 * 3_600, 1_000, (state) => {
      for (const { index, metrics: m } of simulatedReadings(state)) {
        const model = state.gpus[index]?.model;
        if (model === undefined) throw new Error('missing gpu');
        const at = `gpu ${index} at ${state.elapsedMs} ms`;
        const within = (v: number | null, min: number, max: number): boolean => v !== null && v >= min && v <= max;
        check(within(m.utilizationGpuPct, 0, 100), `utilization ${m.utilizationGpuPct} ${at}`);
        check(within(m.temperatureC, 20, 95), `temperature ${m.temperatureC} ${at}`);
        check(within(m.powerDrawW, 1, model.powerLimitW), `power ${m.powerDrawW} ${at}`);
        check(within(m.memoryUsedMiB, 0, model.memoryTotalMiB), `memory ${m.memoryUsedMiB} ${at}`);
        check(within(m.clockSmMHz, model.clockSmIdleMHz, model.clockSmMaxMHz), `clock ${m.clockSmMHz} ${at}`);
        check(m.fanSpeedPct === null ? !model.hasFan : within(m.fanSpeedPct, 0, 100), `fan ${m.fanSpeedPct} ${at}`);
        check(m.pstate === 'P0' || m.pstate === 'P8', `pstate ${m.pstate} ${at}`);
        seen.maxTempC = Math.max(seen.maxTempC, m.temperatureC ?? 0);
        seen.maxUtil = Math.max(seen.maxUtil, m.utilizationGpuPct ?? 0);
        if (m.pstate === 'P0') seen.p0++;
        else seen.p8++;
      }
    });
    expect(violations).toEqual([]);
    // Over hours every phase shows up: hot training and cool idle.
    expect(seen.maxUtil).toBeGreaterThan(85);
    expect(seen.maxTempC).toBeGreaterThan(55);
    expect(seen.p0).toBeGreaterThan(0);
    expect(seen.p8).toBeGreaterThan(0);
  });

  it('heats up under load, the fan responds, and power sits near the limit with sw_power_cap', () => {
    const rng = mulberry32(5);
    let state = initialSimulatedState(2, rng);
    const fanGpu = state.gpus[1];
    if (fanGpu === undefined) throw new Error('missing gpu');
    // Force a long training job on the GPU with a fan (index 1 is an RTX 4090).
    fanGpu.phase = 'train';
    fanGpu.phaseTotalMs = fanGpu.phaseLeftMs = 3_600_000;
    fanGpu.job = { pid: 4242, utilPct: 100, intensity: 1.1, memoryMiB: 8_000, memoryBoundFraction: 0.4 };
    const startTempC = fanGpu.temperatureC;
    const startFan = fanGpu.fanSpeedPct ?? 0;
    let cappedTicks = 0;
    for (let t = 0; t < 300_000; t += 500) {
      state = nextSimulatedState(state, 500, rng);
      const g = state.gpus[1];
      if (g?.throttleReasons.includes('sw_power_cap') === true) cappedTicks++;
    }
    const hot = state.gpus[1];
    if (hot === undefined) throw new Error('missing gpu');
    expect(hot.temperatureC).toBeGreaterThan(startTempC + 25);
    expect(hot.fanSpeedPct ?? 0).toBeGreaterThan(startFan + 30);
    expect(hot.powerDrawW).toBeGreaterThan(hot.model.powerLimitW * 0.85);
    expect(hot.pstate).toBe('P0');
    expect(hot.clockSmMHz).toBeGreaterThan(hot.model.clockSmIdleMHz * 3);
    expect(cappedTicks).toBeGreaterThan(0);
  });

  it('cools down and drops to P8 once the job ends', () => {
    const state = run(11, 1, 1_200, 1_000);
    const idleStates: string[] = [];
    run(11, 1, 1_200, 1_000, (s) => {
      const g = s.gpus[0];
      if (g?.phase === 'idle' && s.elapsedMs > 60_000) idleStates.push(g.pstate);
    });
    expect(state.gpus).toHaveLength(1);
    expect(idleStates.length).toBeGreaterThan(0);
    expect(idleStates.filter((p) => p === 'P8').length).toBeGreaterThan(idleStates.length / 2);
  });

  it('leaks memory on one GPU: its server process grows and restarts near a full GPU', () => {
    const rng = mulberry32(9);
    let state = initialSimulatedState(4, rng);
    const leaky = state.gpus.filter((g) => g.leak !== null);
    expect(leaky.map((g) => g.index)).toEqual([1]);
    const leakedAt = (s: SimulatedState): number => s.gpus[1]?.leak?.leakedMiB ?? 0;
    state = nextSimulatedState(state, 60_000, rng);
    const afterMinute = leakedAt(state);
    state = nextSimulatedState(state, 600_000, rng);
    expect(afterMinute).toBeGreaterThan(30);
    expect(leakedAt(state)).toBeGreaterThan(afterMinute + 300);
    const pidBefore = state.gpus[1]?.leak?.pid;
    for (let i = 0; i < 24 * 60; i++) state = nextSimulatedState(state, 60_000, rng);
    expect(state.gpus[1]?.leak?.pid).not.toBe(pidBefore);
  });
});
