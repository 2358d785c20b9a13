import { SIMULATED_MODELS, type GpuModel } from './gpu-models.js';
import { hex, uniform, type Rng } from './prng.js';

/** A training job's life on one GPU: nothing, load ramping up, steady training, winding down. */
export type SimulatedPhase = 'idle' | 'ramp' | 'train' | 'cooldown';

/** A long-running inference server whose memory grows a little every minute. */
export interface SimulatedLeak {
  pid: number;
  baseMiB: number;
  leakedMiB: number;
  rateMiBPerMin: number;
}

/** One simulated GPU: its identity, its current job and its physical state. */
export interface SimulatedGpu {
  index: number;
  uuid: string;
  serial: string | null;
  busId: string;
  model: GpuModel;
  ambientC: number;
  phase: SimulatedPhase;
  phaseTotalMs: number;
  phaseLeftMs: number;
  /** The current job: how hard it drives the GPU and how much memory it takes. */
  job: { pid: number | null; utilPct: number; intensity: number; memoryMiB: number; memoryBoundFraction: number };
  leak: SimulatedLeak | null;
  utilizationGpuPct: number;
  utilizationMemoryPct: number;
  memoryUsedMiB: number;
  temperatureC: number;
  memoryTemperatureC: number | null;
  fanSpeedPct: number | null;
  powerDrawW: number;
  clockSmMHz: number;
  clockMemMHz: number;
  pstate: 'P0' | 'P8';
  throttleReasons: string[];
  pcieRxKBps: number;
  pcieTxKBps: number;
  eccErrorsCorrected: number | null;
}

export interface SimulatedState {
  elapsedMs: number;
  nextPid: number;
  gpus: SimulatedGpu[];
}

/** Bus ids of an 8-GPU HGX board, so simulated hosts look like real ones. */
const BUS_IDS = ['18', '2A', '3A', '5D', '9A', 'AB', 'BA', 'DB'];

const IDLE_JOB = { pid: null, utilPct: 0, intensity: 1, memoryMiB: 0, memoryBoundFraction: 0.4 };

function uuidFrom(rng: Rng): string {
  return `GPU-${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`;
}

function initialGpu(index: number, gpuCount: number, rng: Rng, nextPid: () => number): SimulatedGpu {
  const model = SIMULATED_MODELS[index % SIMULATED_MODELS.length];
  if (model === undefined) throw new Error('no simulated GPU models');
  const ambientC = 26 + uniform(rng, 0, 5);
  const isLeaking = index === Math.min(1, gpuCount - 1);
  const bus = BUS_IDS[index % BUS_IDS.length] ?? '18';
  const domain = Math.floor(index / BUS_IDS.length);
  const idleTempC = ambientC + model.powerIdleW * model.thermalResistanceCPerW * (model.hasFan ? 1.35 : 1);
  return {
    index,
    uuid: uuidFrom(rng),
    serial: model.hasEcc ? `165${Math.floor(uniform(rng, 1e9, 1e10))}` : null,
    busId: `0000000${domain}:${bus}:00.0`,
    model,
    ambientC,
    // GPU 0 starts a job at once, so a fresh dashboard shows a ramp within seconds.
    phase: 'idle',
    phaseTotalMs: index === 0 ? 2_000 : uniform(rng, 2_000, 45_000),
    phaseLeftMs: index === 0 ? 2_000 : uniform(rng, 2_000, 45_000),
    job: { ...IDLE_JOB },
    leak: isLeaking
      ? { pid: nextPid(), baseMiB: Math.round(model.memoryTotalMiB * 0.12), leakedMiB: 0, rateMiBPerMin: 40 }
      : null,
    utilizationGpuPct: 0,
    utilizationMemoryPct: 0,
    memoryUsedMiB: 0,
    temperatureC: idleTempC,
    memoryTemperatureC: model.hasMemoryTemperature ? idleTempC + 4 : null,
    fanSpeedPct: model.hasFan ? 30 : null,
    powerDrawW: model.powerIdleW,
    clockSmMHz: model.clockSmIdleMHz,
    clockMemMHz: model.clockMemIdleMHz,
    pstate: 'P8',
    throttleReasons: ['gpu_idle'],
    pcieRxKBps: 0,
    pcieTxKBps: 0,
    eccErrorsCorrected: model.hasEcc ? 0 : null,
  };
}

/** A fresh host of `gpuCount` simulated GPUs; identities (uuids, serials) follow from the seed. */
export function initialSimulatedState(gpuCount: number, rng: Rng): SimulatedState {
  let pid = 2_000 + Math.floor(uniform(rng, 0, 30_000));
  const nextPid = (): number => (pid += 1 + Math.floor(uniform(rng, 0, 40)));
  const gpus = Array.from({ length: gpuCount }, (_, i) => initialGpu(i, gpuCount, rng, nextPid));
  return { elapsedMs: 0, nextPid: nextPid(), gpus };
}

export { IDLE_JOB };
