// Dev-only mock of the GPU Sentinel API on port 3055, for working on the dashboard without the
// real server: `node apps/web/dev/mock-server.mjs [--missing] [--real] [--fleet] [--port N]`.
// --missing: the "no driver" state; --real: labelled nvidia-smi instead of simulated;
// --fleet: 64 more hosts × 8 GPUs reporting (see mock-fleet.mjs), for the fleet view.
// Sign in as admin, user or reader with the password "password1234" (see mock-auth.mjs).
import http from 'http';
import { WebSocketServer } from 'ws';
import { handleAuth, redeemTicket } from './mock-auth.mjs';
import { BOOT_TS, GPUS, METRICS, PROCESSES, STALE_UUID, latestSample, sampleAt } from './mock-data.mjs';
import {
  FLEET_GPUS,
  fleetHosts,
  fleetLatestSample,
  fleetSampleAt,
  isFleetGpu,
  isFleetGpuSilent,
} from './mock-fleet.mjs';

const args = process.argv.slice(2);
const isMissing = args.includes('--missing');
const isSimulated = !args.includes('--real');
const port = Number(args[args.indexOf('--port') + 1]) || 3055;
const isFleet = args.includes('--fleet');
const gpus = isMissing ? [] : isFleet ? [...GPUS, ...FLEET_GPUS] : GPUS;
const sampleOf = (gpu, ts) => (isFleetGpu(gpu) ? fleetSampleAt(gpu, ts) : sampleAt(gpu, ts));
const latestOf = (gpu, ts) => (isFleetGpu(gpu) ? fleetLatestSample(gpu, ts) : latestSample(gpu, ts));
const isSilent = (gpu) => gpu.uuid === STALE_UUID || (isFleetGpu(gpu) && isFleetGpuSilent(gpu));

const system = {
  version: '0.1.0-mock',
  nodeVersion: process.version,
  hostId: 'mock-host',
  hostname: 'dev-workstation',
  startedAt: BOOT_TS - 20 * 60_000,
  source: {
    kind: isSimulated ? 'simulated' : 'nvidia-smi',
    status: isMissing ? 'missing' : 'running',
    reason: isMissing ? 'nvidia-smi not found in PATH (spawn nvidia-smi ENOENT)' : null,
    since: BOOT_TS,
    restarts: 0,
    badLines: 0,
    isSimulated,
  },
  intervalMs: 250,
  isRecording: true,
  simulated: isSimulated,
  storage: {
    engine: 'sqlite',
    location: './data/gpu-sentinel.db',
    writer: { written: 0, dropped: 0, failedBatches: 0, queued: 0, lastError: null, isRecording: true },
  },
  driverVersion: isMissing ? null : '570.86.15',
  cudaVersion: isMissing ? null : '12.8',
};

/** The server's own host, then (with --fleet) the agents' hosts. */
function hostList() {
  const now = Date.now();
  const local = {
    hostId: system.hostId,
    hostname: system.hostname,
    driverVersion: system.driverVersion,
    cudaVersion: system.cudaVersion,
    gpuCount: gpus.filter((g) => g.hostId === system.hostId).length,
    lastSeenAt: isMissing ? null : now,
    labels: { role: 'server' },
    agentVersion: null,
    status: isMissing ? 'offline' : 'online',
    source: system.source,
    isLocal: true,
    firstSeenAt: system.startedAt,
  };
  return isFleet ? fleetHosts(local, now) : [local];
}

const view = (gpu, now) => {
  const latest = latestOf(gpu, now);
  return { info: gpu, latest, isStale: now - latest.ts > 3 * system.intervalMs };
};

function history(gpu, url) {
  const now = Date.now();
  const to = Number(url.searchParams.get('to') ?? now);
  const from = Number(url.searchParams.get('from') ?? to - 15 * 60_000);
  const points = Number(url.searchParams.get('points') ?? 900);
  const bucketMs = Math.max(1, Math.ceil((to - from) / points));
  const end = isSilent(gpu) ? Math.min(to, latestOf(gpu, to).ts) : to;
  const out = [];
  for (let ts = Math.max(from, system.startedAt); ts < end; ts += bucketMs) {
    const sample = sampleOf(gpu, ts);
    out.push({ ts: Math.floor(ts), ...Object.fromEntries(METRICS.map((name) => [name, sample[name]])) });
  }
  return { simulated: isSimulated, uuid: gpu.uuid, from, to, bucketMs, points: out };
}

const send = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const fail = (res, status, code, message, field) => send(res, status, { error: { code, message, field } });

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(data));
      } catch {
        resolve(undefined);
      }
    });
  });
}

async function route(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const path = url.pathname;
  if (path === '/healthz') return send(res, 200, { status: 'ok' });
  if (await handleAuth(req, res, path, { send, fail, readBody })) return;
  if (path === '/api/v1/system' && req.method === 'GET') return send(res, 200, system);
  if (path === '/api/v1/system/recording' && req.method === 'PUT') {
    const body = await readBody(req);
    if (typeof body?.recording !== 'boolean')
      return fail(res, 400, 'validation_failed', 'Expected a boolean', 'recording');
    system.isRecording = body.recording;
    broadcast({ type: 'system', system });
    return send(res, 200, system);
  }
  if (path === '/api/v1/system/interval' && req.method === 'PUT') {
    const body = await readBody(req);
    const ms = body?.intervalMs;
    if (!Number.isInteger(ms) || ms < 100 || ms > 60_000) {
      return fail(res, 400, 'validation_failed', 'Expected an integer from 100 to 60000', 'intervalMs');
    }
    system.intervalMs = ms;
    restartTicker();
    broadcast({ type: 'system', system });
    return send(res, 200, system);
  }
  if (path === '/api/v1/hosts') return send(res, 200, { simulated: isSimulated, hosts: hostList() });
  const hostMatch = /^\/api\/v1\/hosts\/([^/]+)$/.exec(path);
  if (hostMatch) {
    const host = hostList().find((h) => h.hostId === decodeURIComponent(hostMatch[1]));
    if (!host) return fail(res, 404, 'not_found', `No host ${decodeURIComponent(hostMatch[1])}`);
    const now = Date.now();
    const hostGpus = gpus.filter((g) => g.hostId === host.hostId).map((g) => view(g, now));
    return send(res, 200, { simulated: isSimulated, host, gpus: hostGpus });
  }
  if (path === '/api/v1/gpus')
    return send(res, 200, { simulated: isSimulated, gpus: gpus.map((g) => view(g, Date.now())) });
  const match = /^\/api\/v1\/gpus\/([^/]+)(\/processes|\/history)?$/.exec(path);
  const gpu = match && gpus.find((g) => g.uuid === decodeURIComponent(match[1]));
  if (match && !gpu) return fail(res, 404, 'not_found', `No GPU ${decodeURIComponent(match[1])}`);
  if (gpu && match[2] === '/processes') {
    const now = Date.now();
    const processes = (isSilent(gpu) || isFleetGpu(gpu) ? [] : PROCESSES[gpu.index]).map((p) => ({
      ...p,
      ts: now,
      hostId: gpu.hostId,
      uuid: gpu.uuid,
    }));
    return send(res, 200, { simulated: isSimulated, uuid: gpu.uuid, processes });
  }
  if (gpu && match[2] === '/history') return send(res, 200, history(gpu, url));
  if (gpu) return send(res, 200, { simulated: isSimulated, gpu: view(gpu, Date.now()) });
  return fail(res, 404, 'not_found', `No route ${path}`);
}

const server = http.createServer((req, res) => {
  route(req, res).catch((error) => fail(res, 500, 'internal', String(error)));
});
const wss = new WebSocketServer({
  server,
  path: '/api/v1/stream',
  verifyClient: ({ req }) => redeemTicket(req.url),
});

function broadcast(message) {
  const text = JSON.stringify(message);
  for (const client of wss.clients) if (client.readyState === 1) client.send(text);
}

wss.on('connection', (socket) => {
  const now = Date.now();
  socket.send(
    JSON.stringify({ type: 'snapshot', system, inventory: gpus, samples: gpus.map((g) => latestOf(g, now)) }),
  );
});

let ticker;
function restartTicker() {
  clearInterval(ticker);
  ticker = setInterval(() => {
    const ts = Date.now();
    const samples = gpus.filter((g) => !isSilent(g)).map((g) => sampleOf(g, ts));
    broadcast({ type: 'samples', ts, samples });
  }, system.intervalMs);
}
restartTicker();

server.listen(port, () => console.log(`mock GPU Sentinel API on http://localhost:${port}`));
