/**
 * Fleet ingest: simulated agents × 8 GPUs at 4 Hz into servers on Postgres, stepping the agent
 * count up. Per step: p99 agent → browser latency (the agent stamps each batch as it sends it; one
 * stream client, on the last replica, reads it) and whether the server keeps up (the backlog of
 * batches sent but not yet stored and acknowledged must not grow over the window, no agent may be
 * disconnected). One replica (Postgres) and two replicas (Postgres + Redis, half the agents on
 * each, the browser on the second) run in the same invocation, step by step alternating.
 * Usage: npm run bench:fleet. BENCH_AGENTS (default 50,100,150,200,250,300), BENCH_REPLICAS
 * (default 1,2), BENCH_RUNS (default 1: every step that many times, the whole sweep repeated),
 * BENCH_DURATION_MS (default 15000), BENCH_OUT (default bench/results/fleet.json),
 * BENCH_POSTGRES_URL, BENCH_REDIS_URL. A count keeps up when most of its runs do.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CreateApiKeyResponse, SystemStatus } from '@gpu-sentinel/protocol';
import { benchLogin, startBenchServer } from './lib/bench-session.js';
import { runNodeScript } from './lib/child-output.js';
import { measureLatency, ticketTarget, type LatencyRun } from './lib/measure-latency.js';
import type { RunningServer } from './lib/server-process.js';
import { round } from './lib/stats.js';
import { markdownTable } from './lib/table.js';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const agentCounts = (process.env.BENCH_AGENTS ?? '50,100,150,200,250,300').split(',').map(Number);
const replicaCounts = (process.env.BENCH_REPLICAS ?? '1,2').split(',').map(Number);
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 15_000);
const runs = Number(process.env.BENCH_RUNS ?? 1);
const outFile = process.env.BENCH_OUT ?? 'bench/results/fleet.json';
const GPUS = 8;
const INTERVAL_MS = 250;
const WARMUP_MS = 6_000;
const P99_GOAL_MS = 250;
const agentsScript = join(fileURLToPath(new URL('.', import.meta.url)), 'lib/fleet-agents.js');

interface AgentsRun {
  agents: number;
  batchesAcked: number;
  ackLagP50Ms: number;
  ackLagP99Ms: number;
  backlogAtStart: number;
  backlogAtEnd: number;
  closedUnexpectedly: number;
}

export interface FleetRow {
  run: number;
  replicas: number;
  agents: number;
  gpus: number;
  latency: LatencyRun;
  agentsRun: AgentsRun;
  writerQueuedAtEnd: number;
  writerDropped: number;
  /** p99 ≤ 250 ms, backlog not growing, nobody disconnected, nothing dropped. */
  keepsUp: boolean;
}

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_fleet_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function createIngestKey(baseUrl: string, accessToken: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/apikeys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench-agents', scope: 'ingest' }),
  });
  if (!response.ok) throw new Error(`creating the ingest key failed: ${response.status} ${await response.text()}`);
  return CreateApiKeyResponse.parse(await response.json()).key;
}

async function writerStats(baseUrl: string, accessToken: string): Promise<SystemStatus['storage']['writer']> {
  const response = await fetch(`${baseUrl}/api/v1/system`, { headers: { authorization: `Bearer ${accessToken}` } });
  return SystemStatus.parse(await response.json()).storage.writer;
}

async function runStep(run: number, replicas: number, agents: number): Promise<FleetRow> {
  const database = await scratchDatabase();
  const servers: RunningServer[] = [];
  try {
    // One secret for the deployment: a token one replica signs, the other accepts.
    const secret = randomBytes(32).toString('hex');
    const env = {
      DATABASE_URL: database.url,
      GPU_SENTINEL_SECRET: secret,
      ...(replicas > 1 ? { REDIS_URL, GPU_SENTINEL_REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}:` } : {}),
    };
    for (let i = 0; i < replicas; i += 1) {
      servers.push(await startBenchServer(['--source', 'none', '--log-level', 'warn'], { env }));
    }
    const browserSide = servers.at(-1);
    if (browserSide === undefined) throw new Error('no server started');
    const accessToken = await benchLogin(browserSide.baseUrl);
    const key = await createIngestKey(browserSide.baseUrl, accessToken);
    const urls = servers.map((server) => server.baseUrl).join(',');
    const agentsOutput = runNodeScript(agentsScript, [
      urls,
      key,
      String(agents),
      String(GPUS),
      String(INTERVAL_MS),
      String(WARMUP_MS),
      String(durationMs),
    ]);
    const latency = await measureLatency(
      ticketTarget(browserSide.baseUrl, accessToken),
      1,
      WARMUP_MS + 1_000,
      durationMs - 2_000,
    );
    const agentsRun = JSON.parse(await agentsOutput) as AgentsRun;
    const writers = await Promise.all(servers.map((server) => writerStats(server.baseUrl, accessToken)));
    const writerQueuedAtEnd = writers.reduce((sum, writer) => sum + writer.queued, 0);
    const writerDropped = writers.reduce((sum, writer) => sum + writer.dropped, 0);
    const backlogGrowth = agentsRun.backlogAtEnd - agentsRun.backlogAtStart;
    const keepsUp =
      latency.p99Ms <= P99_GOAL_MS &&
      backlogGrowth <= 2 * agents &&
      agentsRun.closedUnexpectedly === 0 &&
      writerDropped === 0;
    return {
      run,
      replicas,
      agents,
      gpus: agents * GPUS,
      latency,
      agentsRun,
      writerQueuedAtEnd,
      writerDropped,
      keepsUp,
    };
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
  }
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const postgres = execFileSync('psql', [POSTGRES_URL, '-Atc', 'show server_version'], { encoding: 'utf8' }).trim();
  return `${String(cpus().length)} × ${cpu}, ${String(Math.round(totalmem() / 2 ** 30))} GiB, Node ${process.version}, Postgres ${postgres}`;
}

const rows: FleetRow[] = [];
for (let run = 1; run <= runs; run += 1) {
  for (const agents of agentCounts) {
    for (const replicas of replicaCounts) {
      const row = await runStep(run, replicas, agents);
      rows.push(row);
      process.stderr.write(`fleet run=${run} replicas=${replicas} agents=${agents}: ${JSON.stringify(row)}\n`);
    }
  }
}
const keepsUp = (replicas: number, agents: number): boolean => {
  const of = rows.filter((row) => row.replicas === replicas && row.agents === agents);
  return of.filter((row) => row.keepsUp).length * 2 > of.length;
};
const largest = (replicas: number): number => Math.max(0, ...agentCounts.filter((agents) => keepsUp(replicas, agents)));
const result = {
  date: new Date().toISOString(),
  machine: machine(),
  durationMs,
  runs,
  rows,
  largestKeepingUp: Object.fromEntries(replicaCounts.map((replicas) => [replicas, largest(replicas)])),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(
  markdownTable(
    ['run', 'replicas', 'agents', 'GPUs', 'p50 ms', 'p99 ms', 'ack p99 ms', 'backlog start→end', 'keeps up'],
    rows.map((row) => [
      String(row.run),
      String(row.replicas),
      String(row.agents),
      String(row.gpus),
      String(round(row.latency.p50Ms)),
      String(round(row.latency.p99Ms)),
      String(row.agentsRun.ackLagP99Ms),
      `${String(row.agentsRun.backlogAtStart)}→${String(row.agentsRun.backlogAtEnd)}`,
      row.keepsUp ? 'yes' : 'no',
    ]),
  ),
);
process.stdout.write(`\nlargest agent count keeping up: ${JSON.stringify(result.largestKeepingUp)}\n`);
