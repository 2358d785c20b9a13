// Measures the dashboard's live data path at fleet scale (64 hosts × 8 GPUs at 4 Hz, one `samples`
// message per host tick): CPU time to apply 60 s of stream messages with every buffer already full,
// and the heap the buffers retain. "before" is the path as it was (a 15-minute array per GPU in the
// query cache, copied on every append; the GPU list rewritten per message), "after" the live store
// with the coalesced GPU list.
//   node --expose-gc apps/web/scripts/measure-live-path.mjs [before|after]
// (one path per run, so that one's garbage does not weigh on the other's numbers)
import { createServer } from 'vite';

const HOSTS = 64;
const GPUS_PER_HOST = 8;
const INTERVAL_MS = 250;
const WINDOW_MS = 15 * 60_000;
const MEASURE_MS = 60_000;
const which = process.argv[2] ?? 'after';
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');

const vite = await createServer({
  root: decodeURIComponent(new URL('..', import.meta.url).pathname),
  configFile: false,
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false },
  appType: 'custom',
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
});
const load = (path) => vite.ssrLoadModule(path);
const { createQueryClient } = await load('/src/lib/query-client.ts');
const { withSamples } = await load('/src/lib/stream/gpus-cache.ts');
const { queryKeys } = await load('/src/lib/query-keys.ts');
const { createStreamApplier } = await load('/src/lib/stream/stream-applier.ts');
const { liveStoreOf } = await load('/src/lib/live/live-store.ts');
const { notifyManager } = await import('@tanstack/react-query');

const hostId = (h) => `host-${String(h).padStart(2, '0')}`;
const uuidOf = (h, i) => `GPU-${hostId(h)}-${i}`;
function sample(h, i, ts) {
  return {
    ts,
    hostId: hostId(h),
    uuid: uuidOf(h, i),
    index: i,
    utilizationGpuPct: (ts / 250 + i) % 100,
    utilizationMemoryPct: 20,
    memoryUsedMiB: 40_000,
    memoryTotalMiB: 81_559,
    temperatureC: 60 + (i % 20),
    memoryTemperatureC: null,
    powerDrawW: 300,
    powerLimitW: 700,
    fanSpeedPct: null,
    clockSmMHz: 1_980,
    clockMemMHz: 2_619,
    pstate: 'P0',
    encoderPct: 0,
    decoderPct: 0,
    pcieRxKBps: null,
    pcieTxKBps: null,
    throttleReasons: [],
    eccErrorsCorrected: 0,
    eccErrorsUncorrected: 0,
  };
}
const hostTick = (h, ts) => Array.from({ length: GPUS_PER_HOST }, (_, i) => sample(h, i, ts));
const inventory = Array.from({ length: HOSTS * GPUS_PER_HOST }, (_, n) => {
  const h = Math.floor(n / GPUS_PER_HOST);
  const i = n % GPUS_PER_HOST;
  return {
    hostId: hostId(h),
    hostname: hostId(h),
    driverVersion: '570.86.15',
    cudaVersion: '12.8',
    uuid: uuidOf(h, i),
    index: i,
    name: 'NVIDIA H100',
    serial: null,
    busId: null,
    vbiosVersion: null,
    memoryTotalMiB: 81_559,
    powerLimitW: 700,
    powerLimitDefaultW: 700,
    migMode: null,
    computeMode: null,
    persistenceMode: null,
  };
});
const system = {
  version: '0',
  nodeVersion: process.version,
  hostId: hostId(0),
  hostname: hostId(0),
  startedAt: 0,
  source: {
    kind: 'nvidia-smi',
    status: 'running',
    reason: null,
    since: 0,
    restarts: 0,
    badLines: 0,
    isSimulated: false,
  },
  intervalMs: INTERVAL_MS,
  isRecording: true,
  simulated: false,
  storage: {
    engine: 'sqlite',
    location: '-',
    writer: { written: 0, dropped: 0, failedBatches: 0, queued: 0, lastError: null, isRecording: true },
  },
  driverVersion: null,
  cudaVersion: null,
};

/** The path as it was: the whole buffer copied on each append, one cache write per sample and per message. */
function oldAppendSample(buffer, s) {
  if (buffer === undefined || buffer.length === 0) return [s];
  const last = buffer[buffer.length - 1];
  if (last !== undefined && s.ts <= last.ts) return buffer;
  const cutoffTs = s.ts - WINDOW_MS;
  let start = Math.max(0, buffer.length + 1 - 9_001);
  while (start < buffer.length && (buffer[start]?.ts ?? 0) < cutoffTs) start += 1;
  const next = buffer.slice(start);
  next.push(s);
  return next;
}
function beforePath(client) {
  return (message) =>
    notifyManager.batch(() => {
      client.setQueryData(queryKeys.gpus, (r) => (r ? withSamples(r, message.samples, message.ts, INTERVAL_MS) : r));
      for (const s of message.samples) client.setQueryData(queryKeys.live(s.uuid), (b) => oldAppendSample(b, s));
    });
}

global.gc();
const baseHeap = process.memoryUsage().heapUsed;
const client = createQueryClient();
const startTs = 1_000_000;
const fullTs = startTs + WINDOW_MS;
client.setQueryData(queryKeys.system, system);
client.setQueryData(queryKeys.gpus, {
  simulated: false,
  gpus: inventory.map((info) => ({ info, latest: null, isStale: true })),
});

// Fill every buffer with 15 minutes, as after a quarter of an hour of watching.
let apply;
let flushEvery = () => undefined;
if (which === 'before') {
  for (let h = 0; h < HOSTS; h += 1) {
    for (let i = 0; i < GPUS_PER_HOST; i += 1) {
      const buffer = [];
      for (let ts = startTs; ts < fullTs; ts += INTERVAL_MS) buffer.push(sample(h, i, ts));
      client.setQueryData(queryKeys.live(uuidOf(h, i)), buffer);
    }
  }
  apply = beforePath(client);
} else {
  const timers = [];
  const applier = createStreamApplier(client, 100, {
    setTimer: (cb) => timers.push(cb),
    clearTimer: () => timers.splice(0),
  });
  const store = liveStoreOf(client);
  store.setLocalHost(system.hostId);
  for (let ts = startTs; ts < fullTs; ts += INTERVAL_MS)
    for (let h = 0; h < HOSTS; h += 1) store.append(hostTick(h, ts));
  apply = (message) => applier.apply(message);
  flushEvery = () => timers.splice(0).forEach((cb) => cb());
}
global.gc();
const filledHeap = process.memoryUsage().heapUsed;

// 60 s of stream: each host's tick is its own message; the GPU list flushes every 100 ms of stream time.
let messages = 0;
let generateUs = 0;
const cpu = process.cpuUsage();
const wall = performance.now();
for (let ts = fullTs; ts < fullTs + MEASURE_MS; ts += INTERVAL_MS) {
  for (let h = 0; h < HOSTS; h += 1) {
    const g = performance.now();
    const message = { type: 'samples', ts: ts + h, samples: hostTick(h, ts + h) };
    generateUs += (performance.now() - g) * 1_000;
    apply(message);
    messages += 1;
    if (h % 26 === 25) flushEvery();
  }
  flushEvery();
}
const used = process.cpuUsage(cpu);
const wallMs = performance.now() - wall;
global.gc();
const afterHeap = process.memoryUsage().heapUsed;
const samplesHeld =
  which === 'before'
    ? inventory.reduce((n, info) => n + (client.getQueryData(queryKeys.live(info.uuid))?.length ?? 0), 0)
    : liveStoreOf(client).stats().samples;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
console.log(
  JSON.stringify(
    {
      path: which,
      messages,
      samples: messages * GPUS_PER_HOST,
      cpuMs: Math.round((used.user + used.system) / 1_000),
      wallMs: Math.round(wallMs),
      generatingMessagesMs: Math.round(generateUs / 1_000),
      samplesHeld,
      retainedHeapFull: mb(filledHeap - baseHeap),
      retainedHeapAfter60s: mb(afterHeap - baseHeap),
    },
    null,
    2,
  ),
);
await vite.close();
