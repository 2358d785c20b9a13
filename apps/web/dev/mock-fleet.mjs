// Dev-only: a simulated fleet of 64 GPU hosts × 8 GPUs for mock-server.mjs (`--fleet`), a function of
// time like mock-data.mjs. Three hosts are offline, one GPU is stale, one agent's source is restarting.
import { BOOT_TS, METRICS } from './mock-data.mjs';

export const FLEET_HOST_COUNT = 64;
const GPUS_PER_HOST = 8;

const MODELS = {
  training: { name: 'NVIDIA H100 80GB HBM3', memoryTotalMiB: 81559, powerLimitW: 700 },
  inference: { name: 'NVIDIA L40S', memoryTotalMiB: 46068, powerLimitW: 350 },
  dev: { name: 'NVIDIA GeForce RTX 4090', memoryTotalMiB: 24564, powerLimitW: 450 },
};
const POOLS = ['training', 'training', 'inference', 'dev'];

/** Host number (1-based) → how long before the mock started it last reported. */
const OFFLINE_SINCE_MS = { 14: 42_000, 38: 6 * 60_000, 59: 2 * 3_600_000 };
const STALE_GPU = { host: 22, index: 5, sinceMs: 30_000 };
const HOT_HOSTS = new Set([8, 30]);
const RESTARTING_HOST = 45;

const pad = (n) => String(n).padStart(2, '0');
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const round = (v) => Math.round(v);

function noise(seed, ts) {
  const x = Math.sin(seed * 12.9898 + Math.floor(ts / 250) * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

function hostFacts(number) {
  const pool = POOLS[number % 4];
  return {
    number,
    pool,
    hostId: `gpu-node-${pad(number)}`,
    hostname: `gpu-node-${pad(number)}.lab.example`,
    driverVersion: number % 9 === 0 ? '550.127.05' : '570.86.15',
    cudaVersion: number % 9 === 0 ? '12.4' : '12.8',
    labels: { pool, rack: `r${1 + Math.floor((number - 1) / 16)}`, zone: number <= 32 ? 'eu-west-1a' : 'eu-west-1b' },
    agentVersion: number % 10 === 0 ? '0.1.0' : '0.1.1',
    firstSeenAt: BOOT_TS - (3 + (number % 20)) * 86_400_000,
  };
}

const HOSTS = Array.from({ length: FLEET_HOST_COUNT }, (_, i) => hostFacts(i + 1));

export const FLEET_GPUS = HOSTS.flatMap((host) =>
  Array.from({ length: GPUS_PER_HOST }, (_, index) => {
    const model = MODELS[host.pool];
    return {
      hostId: host.hostId,
      hostname: host.hostname,
      driverVersion: host.driverVersion,
      cudaVersion: host.cudaVersion,
      uuid: `GPU-f1ee7${pad(host.number)}${index}-0000-4000-8000-${String(host.number * 100 + index).padStart(12, '0')}`,
      index,
      name: model.name,
      serial: null,
      busId: `00000000:${(0x18 + index * 0x10).toString(16).toUpperCase()}:00.0`,
      vbiosVersion: null,
      memoryTotalMiB: model.memoryTotalMiB,
      powerLimitW: model.powerLimitW,
      powerLimitDefaultW: model.powerLimitW,
      migMode: host.pool === 'dev' ? null : 'Disabled',
      computeMode: 'Default',
      persistenceMode: host.pool !== 'dev',
    };
  }),
);

const hostOf = (gpu) => HOSTS.find((host) => host.hostId === gpu.hostId);
export const isFleetGpu = (gpu) => gpu.uuid.startsWith('GPU-f1ee7');

/** When a GPU last reported, if it went silent; null while it reports. */
function silentSince(gpu) {
  const host = hostOf(gpu);
  const offlineMs = OFFLINE_SINCE_MS[host.number];
  if (offlineMs !== undefined) return BOOT_TS - offlineMs;
  if (host.number === STALE_GPU.host && gpu.index === STALE_GPU.index) return BOOT_TS - STALE_GPU.sinceMs;
  return null;
}

export const isFleetGpuSilent = (gpu) => silentSince(gpu) !== null;

function utilization(host, gpu, ts, n) {
  const phase = (ts / 60_000 + host.number * 0.37 + gpu.index * 0.11) % 1;
  if (host.pool === 'training')
    return phase > 0.93 ? 10 + 10 * n : clamp(86 + 10 * Math.sin(ts / 9_000 + host.number) + 4 * n, 0, 100);
  if (host.pool === 'inference') return clamp(45 + 40 * Math.sin(ts / 7_000 + gpu.index + host.number) + 8 * n, 0, 100);
  return gpu.index % 3 === 0 && phase < 0.4 ? 60 + 30 * n : 1 + 4 * n;
}

export function fleetSampleAt(gpu, ts) {
  const host = hostOf(gpu);
  const n = noise(host.number * 10 + gpu.index, ts);
  const util = utilization(host, gpu, ts, n);
  const hot = HOT_HOSTS.has(host.number) ? 22 : 0;
  const memoryShare =
    host.pool === 'dev'
      ? 0.1 + 0.5 * ((gpu.index * 0.17 + host.number * 0.05) % 1)
      : 0.55 + 0.4 * ((gpu.index * 0.13 + host.number * 0.07) % 1);
  const metrics = Object.fromEntries(METRICS.map((name) => [name, null]));
  return {
    ts,
    hostId: gpu.hostId,
    uuid: gpu.uuid,
    index: gpu.index,
    ...metrics,
    utilizationGpuPct: round(util),
    utilizationMemoryPct: round(util * 0.5),
    memoryUsedMiB: round(gpu.memoryTotalMiB * memoryShare),
    memoryTotalMiB: gpu.memoryTotalMiB,
    temperatureC: round(clamp(34 + util * 0.42 + hot + 3 * n, 25, 95)),
    powerDrawW: round(gpu.powerLimitW * (0.12 + 0.8 * (util / 100)) + 10 * n),
    powerLimitW: gpu.powerLimitW,
    fanSpeedPct: host.pool === 'dev' ? round(30 + util * 0.5) : null,
    clockSmMHz: util > 20 ? 1_980 : 345,
    clockMemMHz: 2_619,
    pstate: util > 20 ? 'P0' : 'P8',
    throttleReasons: util > 20 ? [] : ['gpu_idle'],
  };
}

export function fleetLatestSample(gpu, nowTs) {
  return fleetSampleAt(gpu, silentSince(gpu) ?? nowTs);
}

/** The hosts as `GET /api/v1/hosts` lists them (the server's own host first among the online ones). */
export function fleetHosts(localHost, nowTs) {
  const hosts = HOSTS.map((host) => {
    const offlineMs = OFFLINE_SINCE_MS[host.number];
    const isRestarting = host.number === RESTARTING_HOST;
    return {
      hostId: host.hostId,
      hostname: host.hostname,
      driverVersion: host.driverVersion,
      cudaVersion: host.cudaVersion,
      labels: host.labels,
      agentVersion: host.agentVersion,
      firstSeenAt: host.firstSeenAt,
      gpuCount: GPUS_PER_HOST,
      lastSeenAt: offlineMs === undefined ? nowTs : BOOT_TS - offlineMs,
      status: offlineMs === undefined ? 'online' : 'offline',
      isLocal: false,
      source: {
        kind: 'simulated',
        status: isRestarting ? 'restarting' : 'running',
        reason: isRestarting ? 'nvidia-smi exited with code 1; restarting in 4 s' : null,
        since: BOOT_TS - 60_000,
        restarts: isRestarting ? 3 : 0,
        badLines: 0,
        isSimulated: true,
      },
    };
  });
  const byName = (a, b) => a.hostname.localeCompare(b.hostname);
  return [
    localHost,
    ...hosts.filter((h) => h.status === 'online').sort(byName),
    ...hosts.filter((h) => h.status === 'offline').sort(byName),
  ];
}
