// Dev-only: deterministic, plausible GPU data for mock-server.mjs. A function of time, so the
// history endpoint and the live ticks agree.

const HOST = { hostId: 'mock-host', hostname: 'dev-workstation', driverVersion: '570.86.15', cudaVersion: '12.8' };

export const GPUS = [
  {
    ...HOST,
    uuid: 'GPU-5f3c1a2e-0000-4b1d-9d2e-h100000000a0',
    index: 0,
    name: 'NVIDIA H100 80GB HBM3',
    serial: '1654923007831',
    busId: '00000000:18:00.0',
    vbiosVersion: '96.00.99.00.01',
    memoryTotalMiB: 81559,
    powerLimitW: 700,
    powerLimitDefaultW: 700,
    migMode: 'Disabled',
    computeMode: 'Default',
    persistenceMode: true,
  },
  {
    ...HOST,
    uuid: 'GPU-9a0b7c55-1111-4e2f-8a11-rtx4090000001',
    index: 1,
    name: 'NVIDIA GeForce RTX 4090',
    serial: null,
    busId: '00000000:3B:00.0',
    vbiosVersion: '95.02.3C.40.E4',
    memoryTotalMiB: 24564,
    powerLimitW: 450,
    powerLimitDefaultW: 450,
    migMode: null,
    computeMode: 'Default',
    persistenceMode: false,
  },
  {
    ...HOST,
    uuid: 'GPU-2c8d9e10-2222-4c3a-b7f0-a100sxm00002',
    index: 2,
    name: 'NVIDIA A100-SXM4-40GB',
    serial: '1324020012345',
    busId: '00000000:86:00.0',
    vbiosVersion: '92.00.45.00.06',
    memoryTotalMiB: 40960,
    powerLimitW: null,
    powerLimitDefaultW: 400,
    migMode: 'Enabled',
    computeMode: 'Default',
    persistenceMode: true,
  },
  {
    ...HOST,
    uuid: 'GPU-7e6f5d4c-3333-4d4b-a5c6-teslat400003',
    index: 3,
    name: 'Tesla T4',
    serial: '1321120098765',
    busId: '00000000:AF:00.0',
    vbiosVersion: '90.04.96.00.9F',
    memoryTotalMiB: 15360,
    powerLimitW: 70,
    powerLimitDefaultW: 70,
    migMode: 'Disabled',
    computeMode: 'Default',
    persistenceMode: true,
  },
];

/** GPU 3 stopped reporting shortly before the mock started: it is the stale one. */
export const BOOT_TS = Date.now();
export const STALE_UUID = GPUS[3].uuid;
export const STALE_SINCE_TS = BOOT_TS - 42_000;

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const round = (v, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;

function noise(seed, ts) {
  const x = Math.sin(seed * 12.9898 + Math.floor(ts / 250) * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

export const METRICS = [
  'utilizationGpuPct',
  'utilizationMemoryPct',
  'memoryUsedMiB',
  'memoryTotalMiB',
  'temperatureC',
  'memoryTemperatureC',
  'powerDrawW',
  'powerLimitW',
  'fanSpeedPct',
  'clockSmMHz',
  'clockMemMHz',
  'encoderPct',
  'decoderPct',
  'pcieRxKBps',
  'pcieTxKBps',
  'eccErrorsCorrected',
  'eccErrorsUncorrected',
];

function base(gpu, ts) {
  const metrics = Object.fromEntries(METRICS.map((name) => [name, null]));
  return { ts, hostId: gpu.hostId, uuid: gpu.uuid, index: gpu.index, ...metrics, pstate: 'P0', throttleReasons: [] };
}

const MODELS = [
  // H100: a training run near the power limit, short dips at checkpoints.
  (s, ts, n) => {
    const dip = (ts / 90_000) % 1 > 0.92;
    const util = dip ? 12 + 10 * n : clamp(90 + 6 * Math.sin(ts / 17_000) + 6 * (n - 0.5), 0, 100);
    Object.assign(s, {
      utilizationGpuPct: round(util),
      utilizationMemoryPct: round(util * 0.62),
      memoryUsedMiB: 71_234 + round(800 * Math.sin(ts / 50_000)),
      memoryTotalMiB: 81559,
      temperatureC: round(68 + util * 0.1 + 2 * Math.sin(ts / 120_000)),
      memoryTemperatureC: round(74 + util * 0.08),
      powerDrawW: round(180 + util * 5.2 + 20 * n, 1),
      powerLimitW: 700,
      clockSmMHz: dip ? 1755 : 1980,
      clockMemMHz: 2619,
      throttleReasons: util > 94 ? ['sw_power_cap'] : [],
    });
  },
  // RTX 4090: bursts of inference, idle in between, a slow memory leak that resets.
  (s, ts, n) => {
    const busy = (ts / 150_000) % 1 < 0.55;
    const util = busy ? 55 + 40 * n : 2 + 3 * n;
    const temp = 48 + (busy ? 22 : 4) + 3 * Math.sin(ts / 40_000);
    Object.assign(s, {
      utilizationGpuPct: round(util),
      utilizationMemoryPct: round(util * 0.4),
      memoryUsedMiB: round(5_800 + ((ts % 600_000) / 600_000) * 12_000),
      memoryTotalMiB: 24564,
      temperatureC: round(temp),
      powerDrawW: round(busy ? 240 + 150 * n : 28 + 6 * n, 1),
      powerLimitW: 450,
      fanSpeedPct: round(clamp(30 + (temp - 50) * 2, 30, 100)),
      clockSmMHz: busy ? 2520 : 210,
      clockMemMHz: busy ? 10501 : 405,
      pstate: busy ? 'P2' : 'P8',
      throttleReasons: busy ? [] : ['gpu_idle'],
    });
  },
  // A100 with MIG on: no utilisation, no power reading, no fan; running hot.
  (s, ts, n) => {
    Object.assign(s, {
      memoryUsedMiB: round(31_000 + 2_000 * Math.sin(ts / 70_000)),
      memoryTotalMiB: 40960,
      temperatureC: round(85 + 2 * Math.sin(ts / 30_000) + n),
      memoryTemperatureC: round(88 + n),
      clockSmMHz: 1410,
      clockMemMHz: 1215,
      throttleReasons: ['hw_thermal_slowdown'],
    });
  },
  // T4: idle and cool.
  (s, ts, n) => {
    Object.assign(s, {
      utilizationGpuPct: round(1 + 2 * n),
      utilizationMemoryPct: 0,
      memoryUsedMiB: 412,
      memoryTotalMiB: 15360,
      temperatureC: round(39 + n),
      powerDrawW: round(26 + 2 * n, 1),
      powerLimitW: 70,
      clockSmMHz: 585,
      clockMemMHz: 5000,
      pstate: 'P8',
      throttleReasons: ['gpu_idle'],
    });
  },
];

export function sampleAt(gpu, ts) {
  const sample = base(gpu, ts);
  MODELS[gpu.index](sample, ts, noise(gpu.index + 1, ts));
  return sample;
}

export function latestSample(gpu, nowTs) {
  if (gpu.uuid === STALE_UUID) return sampleAt(gpu, STALE_SINCE_TS);
  return sampleAt(gpu, nowTs);
}

export const PROCESSES = {
  0: [
    { pid: 48211, name: 'python train.py --model llama-70b', usedMemoryMiB: 69_880, user: 'alice', container: null },
    { pid: 48390, name: 'tensorboard', usedMemoryMiB: 512, user: 'alice', container: null },
  ],
  1: [
    { pid: 2210, name: 'ollama serve', usedMemoryMiB: 9_820, user: 'ollama', container: 'ollama' },
    { pid: 3145, name: 'python app.py', usedMemoryMiB: null, user: null, container: null },
  ],
  2: [{ pid: 7711, name: 'tritonserver', usedMemoryMiB: 30_720, user: 'triton', container: 'triton-0' }],
  3: [],
};
