import type { SimulatedGpu, SimulatedState } from './simulated-state.js';
import { IDLE_JOB } from './simulated-state.js';
import { noise, uniform, type Rng } from './prng.js';

const clamp = (v: number, min: number, max: number): number => Math.min(max, Math.max(min, v));
/** The share of the gap a first-order lag with time constant `tauMs` closes in `dtMs`. */
const lag = (dtMs: number, tauMs: number): number => 1 - Math.exp(-dtMs / tauMs);

const THERMAL_TAU_MS = 25_000;
const FAN_TAU_MS = 4_000;
const UTIL_TAU_MS = 800;
const THERMAL_SLOWDOWN_C = 84;
const ECC_CORRECTED_PER_HOUR = 0.3;

/** Moves a GPU to its next phase; a job starts (with a new pid) when a ramp begins. */
function enterNextPhase(gpu: SimulatedGpu, rng: Rng, newPid: () => number): void {
  const total = (minS: number, maxS: number): number => uniform(rng, minS * 1_000, maxS * 1_000);
  switch (gpu.phase) {
    case 'idle': {
      const room = gpu.model.memoryTotalMiB - (gpu.leak?.baseMiB ?? 0);
      gpu.phase = 'ramp';
      gpu.phaseTotalMs = total(4, 15);
      gpu.job = {
        pid: newPid(),
        utilPct: uniform(rng, 88, 100),
        intensity: uniform(rng, 0.9, 1.12),
        memoryMiB: Math.round(room * uniform(rng, 0.35, 0.75)),
        memoryBoundFraction: uniform(rng, 0.3, 0.6),
      };
      break;
    }
    case 'ramp':
      gpu.phase = 'train';
      gpu.phaseTotalMs = total(60, 600);
      break;
    case 'train':
      gpu.phase = 'cooldown';
      gpu.phaseTotalMs = total(2, 6);
      break;
    case 'cooldown':
      gpu.phase = 'idle';
      gpu.phaseTotalMs = total(20, 180);
      gpu.job = { ...IDLE_JOB };
      break;
  }
  gpu.phaseLeftMs += gpu.phaseTotalMs;
}

/** The utilisation a job asks for right now, before the GPU's short lag. */
function demandedUtilPct(gpu: SimulatedGpu, dtMs: number, rng: Rng): number {
  const progress = 1 - clamp(gpu.phaseLeftMs / gpu.phaseTotalMs, 0, 1);
  switch (gpu.phase) {
    case 'idle':
      return rng.next() < 0.02 ? uniform(rng, 1, 6) : 0;
    case 'ramp':
      return gpu.job.utilPct * progress;
    case 'train':
      // The data loader stalls now and then: a short dip in utilisation.
      return rng.next() < 0.04 * (dtMs / 1_000) ? uniform(rng, 25, 55) : gpu.job.utilPct + noise(rng, 2);
    case 'cooldown':
      return gpu.job.utilPct * (1 - progress) * 0.3;
  }
}

function jobMemoryMiB(gpu: SimulatedGpu): number {
  const progress = 1 - clamp(gpu.phaseLeftMs / gpu.phaseTotalMs, 0, 1);
  if (gpu.phase === 'ramp') return gpu.job.memoryMiB * Math.min(1, progress * 2);
  return gpu.phase === 'idle' ? 0 : gpu.job.memoryMiB;
}

function stepLeak(gpu: SimulatedGpu, dtMs: number, newPid: () => number): void {
  const leak = gpu.leak;
  if (leak === null) return;
  leak.leakedMiB += (leak.rateMiBPerMin * dtMs) / 60_000;
  // Near a full GPU the leaking server dies of an out-of-memory error and its supervisor restarts it.
  if (leak.baseMiB + leak.leakedMiB + jobMemoryMiB(gpu) > gpu.model.memoryTotalMiB * 0.97) {
    gpu.leak = { ...leak, pid: newPid(), leakedMiB: 0 };
  }
}

function stepGpu(gpu: SimulatedGpu, dtMs: number, rng: Rng, newPid: () => number): void {
  const { model } = gpu;
  gpu.phaseLeftMs -= dtMs;
  while (gpu.phaseLeftMs <= 0) enterNextPhase(gpu, rng, newPid);
  stepLeak(gpu, dtMs, newPid);

  const util =
    gpu.utilizationGpuPct + (demandedUtilPct(gpu, dtMs, rng) - gpu.utilizationGpuPct) * lag(dtMs, UTIL_TAU_MS);
  gpu.utilizationGpuPct = clamp(util, 0, 100);
  const memUtil = gpu.utilizationGpuPct * gpu.job.memoryBoundFraction + noise(rng, 1);
  gpu.utilizationMemoryPct = clamp(memUtil, 0, 100);

  // Power follows load; the board caps it at its limit (and says so with sw_power_cap).
  const demandW =
    model.powerIdleW +
    (model.powerLimitW - model.powerIdleW) * (gpu.utilizationGpuPct / 100) * gpu.job.intensity +
    noise(rng, model.powerLimitW * 0.01);
  const isPowerCapped = demandW >= model.powerLimitW * 0.98;
  gpu.powerDrawW = isPowerCapped
    ? model.powerLimitW * uniform(rng, 0.975, 0.998)
    : clamp(demandW, model.powerIdleW * 0.9, model.powerLimitW);

  // Temperature lags toward a target set by power; a fan (where there is one) pulls it down.
  const fan = gpu.fanSpeedPct;
  const cooling = fan === null ? 1 : 1.5 - 0.5 * (fan / 100);
  const targetC = gpu.ambientC + gpu.powerDrawW * model.thermalResistanceCPerW * cooling;
  gpu.temperatureC += (targetC - gpu.temperatureC) * lag(dtMs, THERMAL_TAU_MS) + noise(rng, 0.05);
  if (fan !== null) {
    const fanTarget = clamp(30 + (gpu.temperatureC - 45) * 2, 30, 100);
    gpu.fanSpeedPct = clamp(fan + (fanTarget - fan) * lag(dtMs, FAN_TAU_MS), 0, 100);
  }
  if (gpu.memoryTemperatureC !== null) {
    gpu.memoryTemperatureC = gpu.temperatureC + 3 + (gpu.utilizationMemoryPct / 100) * 8;
  }
  const isThermalSlowdown = gpu.temperatureC >= THERMAL_SLOWDOWN_C;

  const isBusy = gpu.phase !== 'idle' || gpu.utilizationGpuPct >= 5;
  gpu.pstate = isBusy ? 'P0' : 'P8';
  const smScale = (isPowerCapped ? uniform(rng, 0.9, 0.96) : 1) * (isThermalSlowdown ? 0.85 : 1);
  const smMHz = isBusy
    ? model.clockSmIdleMHz +
      (model.clockSmMaxMHz - model.clockSmIdleMHz) * Math.min(1, gpu.utilizationGpuPct / 40) * smScale
    : model.clockSmIdleMHz;
  gpu.clockSmMHz = Math.round(smMHz / 15) * 15;
  gpu.clockMemMHz = isBusy ? model.clockMemMaxMHz : model.clockMemIdleMHz;
  gpu.throttleReasons = [
    ...(isBusy ? [] : ['gpu_idle']),
    ...(isPowerCapped ? ['sw_power_cap'] : []),
    ...(isThermalSlowdown ? ['sw_thermal_slowdown'] : []),
  ];

  const leakMiB = gpu.leak === null ? 0 : gpu.leak.baseMiB + gpu.leak.leakedMiB;
  gpu.memoryUsedMiB = clamp(Math.round(jobMemoryMiB(gpu) + leakMiB), 0, model.memoryTotalMiB);
  gpu.pcieRxKBps = Math.max(0, (gpu.utilizationGpuPct / 100) * 1_200_000 + noise(rng, 20_000) + 50);
  gpu.pcieTxKBps = Math.max(0, gpu.pcieRxKBps * 0.15 + noise(rng, 2_000));
  if (gpu.eccErrorsCorrected !== null && rng.next() < (ECC_CORRECTED_PER_HOUR * dtMs) / 3_600_000) {
    gpu.eccErrorsCorrected += 1;
  }
}

/**
 * The host `dtMs` later. Pure: returns a new state and leaves `state` as it was; all randomness
 * comes from `rng`, so the same seed replays the same run.
 */
export function nextSimulatedState(state: SimulatedState, dtMs: number, rng: Rng): SimulatedState {
  const next = structuredClone(state);
  const dt = Math.max(0, dtMs);
  const newPid = (): number => (next.nextPid += 1 + Math.floor(rng.next() * 40));
  next.elapsedMs += dt;
  for (const gpu of next.gpus) stepGpu(gpu, dt, rng, newPid);
  return next;
}
