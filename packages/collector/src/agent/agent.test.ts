import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentLogger } from './agent-logger.js';
import type { ShipperTuning } from './shipper-tuning.js';
import { startAgent, type RunningAgent, type StartAgentOptions } from './start-agent.js';
import { AgentTestServer, type AgentTestServerOptions } from './test-support/agent-test-server.js';
import { AgentTestStore } from './test-support/agent-test-store.js';
import { SteppedGpuSource } from './test-support/stepped-gpu-source.js';

const FAST: Partial<ShipperTuning> = {
  initialMs: 20,
  maxMs: 200,
  welcomeTimeoutMs: 5_000,
  pingIntervalMs: 5_000,
  httpRetryWebSocketMs: 60_000,
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function spoolDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function server(options: AgentTestServerOptions = {}): Promise<AgentTestServer> {
  const started = await AgentTestServer.start(options);
  cleanups.push(() => started.close());
  return started;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function recordingLogger(): AgentLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), lines };
}

interface TestAgent {
  agent: RunningAgent;
  source: SteppedGpuSource;
}

async function agentFor(servers: string[], overrides: Partial<StartAgentOptions> = {}): Promise<TestAgent> {
  const source = new SteppedGpuSource({ hostId: 'gpu-node-1', hostname: 'gpu-node-1' });
  const agent = await startAgent({
    servers,
    key: 'test-key',
    spoolDir: overrides.spoolDir ?? (await spoolDir()),
    agentVersion: '0.1.0-test',
    hostname: 'gpu-node-1',
    source,
    tuning: FAST,
    ...overrides,
  });
  cleanups.push(() => agent.stop());
  return { agent, source };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('agent shipping', () => {
  it('spools while the server is down and delivers every batch once, in order, when it comes up', async () => {
    const port = await freePort();
    const { agent, source } = await agentFor([`http://127.0.0.1:${String(port)}`]);
    source.tick(20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(agent.stats().shipper.connected).toBe(false);
    expect(agent.stats().spool.pendingBatches).toBe(20);

    const up = await server({ port });
    const streamId = agent.identity.streamId;
    await waitFor('the spooled batches', () => up.store.seqsOf(streamId).length === 20);
    source.tick(5);
    await waitFor('the live batches', () => up.store.seqsOf(streamId).length === 25);
    expect(up.store.seqsOf(streamId)).toEqual(range(1, 25));
    expect(up.store.duplicates).toBe(0);
    await waitFor('the acks', () => agent.stats().spool.pendingBatches === 0);
    expect(agent.stats().shipper).toMatchObject({ connected: true, transport: 'websocket', ackedSeq: 25 });
    expect(up.hellos[0]).toMatchObject({ hostId: 'gpu-node-1', streamId, agentVersion: '0.1.0-test', protocol: 1 });
    expect(up.latestInventory).toHaveLength(2);
  });

  it('resumes after the server’s mark when the connection drops mid-stream: no gap, no duplicate', async () => {
    const up = await server({ ackDelayMs: 400 });
    const { agent, source } = await agentFor([up.url]);
    const streamId = agent.identity.streamId;
    await waitFor('the connection', () => agent.stats().shipper.connected);
    source.tick(10);
    await waitFor('the first batches', () => up.store.seqsOf(streamId).length === 10);
    // Stored but not acked yet: the agent must learn the mark from the next welcome, not resend them.
    up.dropConnections();
    source.tick(10);
    await waitFor('the reconnect', () => up.counts.sockets >= 2 && agent.stats().shipper.connected);
    source.tick(10);
    await waitFor('every batch', () => up.store.seqsOf(streamId).length === 30);
    expect(up.store.seqsOf(streamId)).toEqual(range(1, 30));
    expect(up.store.duplicates).toBe(0);
    expect(agent.stats().shipper.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('moves to the next server when one dies', async () => {
    const store = new AgentTestStore();
    const first = await server({ store });
    const second = await server({ store });
    const { agent, source } = await agentFor([first.url, second.url]);
    const streamId = agent.identity.streamId;
    source.tick(5);
    await waitFor('the first server', () => store.seqsOf(streamId).length === 5);
    await first.close();
    source.tick(5);
    await waitFor('the second server', () => store.seqsOf(streamId).length === 10);
    expect(store.seqsOf(streamId)).toEqual(range(1, 10));
    expect(second.counts.sockets).toBeGreaterThanOrEqual(1);
    expect(agent.stats().shipper.serverUrl).toBe(second.url);
  });

  it('falls back to HTTP ingest when the WebSocket upgrade is refused by something in the way', async () => {
    const up = await server({ refuseUpgradeStatus: 404 });
    const logger = recordingLogger();
    const { agent, source } = await agentFor([up.url], { logger });
    const streamId = agent.identity.streamId;
    source.tick(300);
    await waitFor('every batch over HTTP', () => up.store.seqsOf(streamId).length === 300);
    source.tick(2);
    await waitFor('the live batches over HTTP', () => up.store.seqsOf(streamId).length === 302);
    expect(up.store.seqsOf(streamId)).toEqual(range(1, 302));
    expect(up.counts.ingestRequests).toBeGreaterThanOrEqual(2);
    expect(up.latestInventory).toHaveLength(2);
    expect(agent.stats().shipper.transport).toBe('http');
    await waitFor('the acks', () => agent.stats().spool.pendingBatches === 0);
    expect(logger.lines.join('\n')).toMatch(/refused the WebSocket upgrade \(HTTP 404\)/);
  });

  it('says clearly when the key is refused, and keeps retrying', async () => {
    const up = await server({ keys: ['the-right-key'] });
    const logger = recordingLogger();
    const { agent, source } = await agentFor([up.url], { logger, key: 'a-wrong-key' });
    source.tick(3);
    await waitFor('several refusals', () => up.counts.refusedKeys >= 3);
    const errors = logger.lines.filter((line) => line.startsWith('error: '));
    expect(errors[0]).toMatch(/the server refused the key: .*HTTP 401/);
    expect(errors).toHaveLength(1);
    expect(logger.lines.join('\n')).not.toContain('a-wrong-key');
    expect(agent.stats().shipper.connected).toBe(false);
    expect(agent.stats().spool.pendingBatches).toBe(3);
  });

  it('keeps its stream across a restart and continues the seq', async () => {
    const up = await server();
    const dir = await spoolDir();
    const first = await agentFor([up.url], { spoolDir: dir });
    first.source.tick(5);
    await waitFor('the first run', () => up.store.seqsOf(first.agent.identity.streamId).length === 5);
    await first.agent.stop();

    const second = await agentFor([up.url], { spoolDir: dir });
    expect(second.agent.identity.streamId).toBe(first.agent.identity.streamId);
    second.source.tick(5);
    await waitFor('the second run', () => up.store.seqsOf(first.agent.identity.streamId).length === 10);
    expect(up.store.seqsOf(first.agent.identity.streamId)).toEqual(range(1, 10));
    expect(up.store.duplicates).toBe(0);
  });

  it('runs many agents in one process', async () => {
    const up = await server();
    const agents: TestAgent[] = [];
    for (let i = 0; i < 24; i++) agents.push(await agentFor([up.url], { hostname: `node-${String(i)}` }));
    for (const { source } of agents) source.tick(4);
    await waitFor('every stream', () =>
      agents.every(({ agent }) => up.store.seqsOf(agent.identity.streamId).length === 4),
    );
    expect(new Set(up.hellos.map((hello) => hello.hostId)).size).toBe(24);
  });
});
