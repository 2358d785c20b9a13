import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlertPage,
  AlertRule,
  CreateApiKeyResponse,
  GpuSample,
  HostResponse,
  HostsResponse,
  StreamTicketResponse,
} from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL_ENV } from './store-contract/engines.js';
import { scratchDatabase } from './support/scratch-database.js';
import { startServerChild, type ServerChild } from './support/server-child.js';
import { TestStreamClient } from './support/stream-client.js';
import { eventually } from './support/test-server.js';

/**
 * Two server processes on one real Postgres and one real Redis, an agent on each, a dashboard stream
 * on each. Needs Postgres (GPU_SENTINEL_TEST_POSTGRES_URL, default the local test database) and Redis
 * on 127.0.0.1:6379: `.ci/run` has both; without them this suite fails, it does not skip.
 */
const POSTGRES_URL = process.env[POSTGRES_URL_ENV] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = 'redis://127.0.0.1:6379';
const SERVER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface Replica {
  server: ServerChild;
  token: string;
}

function startAgent(servers: readonly string[], key: string, hostname: string, spoolDir: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      SERVER_MAIN,
      'agent',
      '--server',
      servers.join(','),
      '--source',
      'simulated',
      '--gpus',
      '2',
      '--hostname',
      hostname,
      '--spool-dir',
      spoolDir,
    ],
    { env: { ...process.env, GPU_SENTINEL_AGENT_KEY: key }, stdio: 'ignore' },
  );
}

async function call(replica: Replica, path: string, body?: unknown): Promise<Response> {
  return fetch(`${replica.server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${replica.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A dashboard stream on `on`, with a ticket issued by `issuer` (tickets are shared through Redis). */
async function streamOn(on: Replica, issuer: Replica): Promise<TestStreamClient> {
  const response = await call(issuer, '/api/v1/stream/ticket', {});
  const { ticket } = StreamTicketResponse.parse(await response.json());
  return TestStreamClient.connect(`${on.server.url.replace(/^http/, 'ws')}/api/v1/stream?ticket=${ticket}`);
}

function samplesOf(client: TestStreamClient, hostId: string, after = 0): GpuSample[] {
  return client
    .ofType('samples')
    .flatMap((message) => message.samples)
    .filter((sample) => sample.hostId === hostId && sample.ts > after);
}

async function firingAlerts(replica: Replica, ruleId: number): Promise<number> {
  const response = await call(replica, '/api/v1/alerts?state=firing&limit=100');
  return AlertPage.parse(await response.json()).items.filter((alert) => alert.ruleId === ruleId).length;
}

describe('two replicas on Postgres and Redis', () => {
  const work = mkdtempSync(join(tmpdir(), 'gpu-sentinel-replicas-'));
  const agents: ChildProcess[] = [];
  const streams: TestStreamClient[] = [];
  let database: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    database = await scratchDatabase(POSTGRES_URL);
    env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      GPU_SENTINEL_REDIS_PREFIX: `gs-test-${randomBytes(4).toString('hex')}:`,
      // One secret for the deployment: a token one replica signs, the other accepts.
      GPU_SENTINEL_SECRET: randomBytes(32).toString('hex'),
    };
    // One after the other: the first creates the admin, the second finds it.
    const serverA = await startServerChild(join(work, 'a'), ['--source', 'none'], env);
    a = { server: serverA, token: await serverA.adminToken() };
    const serverB = await startServerChild(join(work, 'b'), ['--source', 'none'], env);
    b = { server: serverB, token: await serverB.adminToken() };
  }, 60_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    for (const agent of agents) agent.kill('SIGKILL');
    await a.server.stop();
    await b.server.stop();
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'shares live samples and alerts, evaluates each rule once, and moves agents when a replica dies',
    { timeout: 120_000 },
    async () => {
      const created = await call(a, '/api/v1/apikeys', { name: 'replica agents', scope: 'ingest' });
      const { key } = CreateApiKeyResponse.parse(await created.json());
      const onA = await streamOn(a, b);
      const onB = await streamOn(b, a);
      streams.push(onA, onB);
      agents.push(startAgent([a.server.url, b.server.url], key, 'replica-host-a', join(work, 'spool-a')));
      agents.push(startAgent([b.server.url, a.server.url], key, 'replica-host-b', join(work, 'spool-b')));

      // Each dashboard sees both hosts, whichever replica their agent talks to.
      await eventually(
        'host a on replica b',
        () => (samplesOf(onB, 'replica-host-a').length > 0 ? true : undefined),
        30_000,
      );
      await eventually(
        'host b on replica a',
        () => (samplesOf(onA, 'replica-host-b').length > 0 ? true : undefined),
        30_000,
      );

      // A rule that holds at once for host a's two GPUs: two alerts, not one per replica.
      const rule = await call(b, '/api/v1/rules', {
        name: 'warm (replicas)',
        metric: 'temperatureC',
        op: '>=',
        threshold: 0,
        forSeconds: 0,
        severity: 'info',
        scope: { hostId: 'replica-host-a' },
        channels: [],
        enabled: true,
      });
      expect(rule.status).toBe(201);
      const { id: ruleId } = AlertRule.parse(await rule.json());
      await eventually('two alerts', async () => ((await firingAlerts(a, ruleId)) === 2 ? true : undefined), 20_000);
      await eventually('both dashboards told', () =>
        [onA, onB].every((s) => s.ofType('alert').filter((m) => m.alert.ruleId === ruleId).length >= 2)
          ? true
          : undefined,
      );

      // A replica started now (a rolling upgrade) lists the GPUs of hosts whose agents talk to the others.
      const late = await startServerChild(join(work, 'c'), ['--source', 'none'], env);
      try {
        const lateToken = await late.adminToken();
        const host = await fetch(`${late.url}/api/v1/hosts/replica-host-a`, {
          headers: { authorization: `Bearer ${lateToken}` },
        });
        expect(HostResponse.parse(await host.json()).gpus).toHaveLength(2);
      } finally {
        await late.stop();
      }

      // Replica a dies: its agent moves to b, b's dashboard keeps getting host a live, b takes the rules over.
      await a.server.kill();
      const killedAt = Date.now();
      await eventually(
        'host a live through replica b',
        () => (samplesOf(onB, 'replica-host-a', killedAt + 1_000).length > 0 ? true : undefined),
        30_000,
      );
      const hosts = HostsResponse.parse(await (await call(b, '/api/v1/hosts')).json()).hosts;
      expect(hosts.filter((host) => host.status === 'online').map((host) => host.hostId)).toEqual(
        expect.arrayContaining(['replica-host-a', 'replica-host-b']),
      );
      // Past the lease's ttl, b evaluates: the open alerts are carried on, not opened again.
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      expect(await firingAlerts(b, ruleId)).toBe(2);
      const later = await call(b, '/api/v1/rules', {
        name: 'warm after the move (replicas)',
        metric: 'temperatureC',
        op: '>=',
        threshold: 0,
        forSeconds: 0,
        severity: 'info',
        scope: { hostId: 'replica-host-b' },
        channels: [],
        enabled: true,
      });
      const { id: laterRuleId } = AlertRule.parse(await later.json());
      await eventually('b evaluates a new rule', async () =>
        (await firingAlerts(b, laterRuleId)) === 2 ? true : undefined,
      );

      // Nothing host a sent was stored twice across the move.
      const exported = await call(b, `/api/v1/export?format=ndjson&from=0&to=${String(Date.now() + 60_000)}`);
      const keys = (await exported.text())
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => GpuSample.parse(JSON.parse(line)))
        .filter((sample) => sample.hostId === 'replica-host-a')
        .map((sample) => `${sample.uuid}@${String(sample.ts)}`);
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys).size).toBe(keys.length);
    },
  );
});
