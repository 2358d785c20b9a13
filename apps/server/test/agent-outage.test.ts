import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateApiKeyResponse, GpuSample, HostsResponse } from '@gpu-sentinel/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServerChild, type ServerChild } from './support/server-child.js';

const SERVER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const FAKE_NVIDIA_SMI = fileURLToPath(
  new URL('../../../packages/collector/fake-nvidia-smi/fake-nvidia-smi.js', import.meta.url),
);
const AGENTS = 3;
const GPUS_PER_HOST = 2;
const OUTAGE_MS = 60_000;

interface AgentChild {
  hostId: string;
  child: ChildProcess;
  output: () => string;
}

/** What an agent says when it stops cleanly (its JSON log line). */
interface AgentStopLine {
  batches: number;
  samples: number;
  droppedSamples: number;
  pendingSamples: number;
}

function startAgent(serverUrl: string, key: string, host: number, spoolDir: string): AgentChild {
  const hostId = `outage-host-${String(host)}`;
  const child = spawn(
    process.execPath,
    [
      SERVER_MAIN,
      'agent',
      '--server',
      serverUrl,
      '--source',
      'nvidia-smi',
      '--nvidia-smi-path',
      FAKE_NVIDIA_SMI,
      '--hostname',
      hostId,
      '--label',
      'suite=outage',
      '--spool-dir',
      spoolDir,
      '--interval-ms',
      '250',
    ],
    {
      // The agent inherits PATH (it finds node for the fake nvidia-smi's shebang).
      env: {
        ...process.env,
        GPU_SENTINEL_AGENT_KEY: key,
        FAKE_NVSMI_HOST: String(host),
        FAKE_NVSMI_GPUS: String(GPUS_PER_HOST),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { hostId, child, output: () => output };
}

async function stopAgent(agent: AgentChild): Promise<AgentStopLine> {
  const exited = new Promise((resolve) => agent.child.once('exit', resolve));
  agent.child.kill('SIGTERM');
  await exited;
  const line = agent
    .output()
    .split('\n')
    .map((text) => {
      try {
        return JSON.parse(text) as Partial<AgentStopLine> & { msg?: string };
      } catch {
        return null;
      }
    })
    .find((entry) => entry?.msg?.startsWith('stopped') === true);
  if (line?.samples === undefined) throw new Error(`${agent.hostId} printed no stop line:\n${agent.output()}`);
  return line as AgentStopLine;
}

async function api(server: ServerChild, token: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function onlineHosts(server: ServerChild, token: string): Promise<string[]> {
  const response = await api(server, token, '/api/v1/hosts');
  const { hosts } = HostsResponse.parse(await response.json());
  return hosts.filter((host) => host.status === 'online').map((host) => host.hostId);
}

async function storedSamples(server: ServerChild, token: string): Promise<GpuSample[]> {
  const response = await api(server, token, `/api/v1/export?format=ndjson&from=0&to=${String(Date.now() + 60_000)}`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => GpuSample.parse(JSON.parse(line)));
}

describe('agents through a server outage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gpu-sentinel-outage-'));
  const agents: AgentChild[] = [];
  let server: ServerChild | null = null;

  afterAll(async () => {
    for (const agent of agents) if (agent.child.exitCode === null) agent.child.kill('SIGKILL');
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every sample of a 60 s outage exactly once when the server comes back', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const args = ['--source', 'none'];
    server = await startServerChild(join(dataDir, 'server'), args, {}, { port });
    const token = await server.adminToken();
    const created = await api(server, token, '/api/v1/apikeys', { name: 'outage agents', scope: 'ingest' });
    expect(created.status).toBe(201);
    const { key } = CreateApiKeyResponse.parse(await created.json());
    for (let host = 1; host <= AGENTS; host += 1) {
      agents.push(startAgent(server.url, key, host, join(dataDir, `spool-${String(host)}`)));
    }
    const running = server;
    await waitFor('three agents online', 30_000, async () =>
      (await onlineHosts(running, token)).length === AGENTS ? true : null,
    );

    // A crash: no shutdown, nothing flushed. The agents keep sampling into their spools.
    await server.kill();
    const outageStart = Date.now();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const outageEnd = Date.now();
    server = await startServerChild(join(dataDir, 'server'), args, {}, { port });
    const restarted = server;
    const freshToken = await restarted.adminToken();
    await waitFor('the agents back online', 60_000, async () =>
      (await onlineHosts(restarted, freshToken)).length === AGENTS ? true : null,
    );
    // Let the spools drain, then stop the agents cleanly: each waits for its last acks.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const stops = await Promise.all(agents.map(stopAgent));
    const stored = await storedSamples(restarted, freshToken);

    const keys = stored.map((sample) => `${sample.uuid}@${String(sample.ts)}`);
    expect(new Set(keys).size).toBe(keys.length); // nothing stored twice
    agents.forEach((agent, i) => {
      const stop = stops[i];
      const ofHost = stored.filter((sample) => sample.hostId === agent.hostId);
      expect(stop?.droppedSamples).toBe(0);
      expect(stop?.pendingSamples).toBe(0);
      expect(ofHost).toHaveLength(stop?.samples ?? -1); // every sample the agent took, once
      // ... and the outage itself is covered: about 4 ticks a second of every GPU while the server was down.
      const duringOutage = ofHost.filter((sample) => sample.ts >= outageStart && sample.ts < outageEnd);
      expect(duringOutage.length).toBeGreaterThan(0.8 * (OUTAGE_MS / 250) * GPUS_PER_HOST);
    });
  });
});
