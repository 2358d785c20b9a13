/**
 * Server RSS while and after it ingests 24 h of 8 GPUs at 4 Hz (2.76 M samples) into SQLite
 * through its real writer path, fast-forwarded (lib/fast-forward-server.ts), next to an idle
 * Node.js process measured the same way at the same time (the floor). RSS read from /proc every
 * 500 ms; after the ingest the server keeps sampling live at 4 Hz for the "after" window.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readProcUsage } from './lib/proc-usage.js';
import { median, round } from './lib/stats.js';
import { grouped, markdownTable } from './lib/table.js';

const script = join(fileURLToPath(new URL('.', import.meta.url)), 'lib/fast-forward-server.js');
const GOAL_MB = 150;
const POLL_MS = 500;
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

export interface RssIngestRun {
  samples: number;
  ingestSeconds: number;
  samplesPerSecond: number;
  dropped: number;
  startRssMB: number;
  ingestRssMedianMB: number;
  ingestRssMaxMB: number;
  afterRssMedianMB: number;
  afterRssMaxMB: number;
  idleNodeRssMB: number;
}

export interface RssIngestResult {
  runs: RssIngestRun[];
  /** Medians over the runs. */
  summary: RssIngestRun;
  goalMB: number;
  goalMet: boolean;
}

async function runOnce(hours: number, afterMs: number): Promise<RssIngestRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gpu-sentinel-bench-rss-'));
  const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  const server = spawn(process.execPath, [script, dataDir, String(hours)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rss = { start: 0, ingest: [] as number[], after: [] as number[], idle: [] as number[] };
  let phase: 'starting' | 'ingest' | 'after' = 'starting';
  const poll = setInterval(() => {
    if (phase === 'starting') return;
    rss[phase].push(readProcUsage(server.pid ?? 0).rssBytes);
    rss.idle.push(readProcUsage(idle.pid ?? 0).rssBytes);
  }, POLL_MS);
  try {
    const exited = new Promise<never>((_, reject) =>
      server.once('exit', (code) => reject(new Error(`fast-forward server exited with ${code}`))),
    );
    const ingested = new Promise<{ samples: number; seconds: number; dropped: number }>((resolve) => {
      createInterface({ input: server.stdout }).on('line', (line) => {
        const event = JSON.parse(line) as { event: string; samples: number; seconds: number; dropped: number };
        if (event.event === 'started') {
          rss.start = readProcUsage(server.pid ?? 0).rssBytes;
          phase = 'ingest';
        } else if (event.event === 'ingested') {
          phase = 'after';
          resolve(event);
        }
      });
    });
    const done = await Promise.race([ingested, exited]);
    await Promise.race([new Promise((r) => setTimeout(r, afterMs)), exited]);
    return {
      samples: done.samples,
      ingestSeconds: round(done.seconds, 1),
      samplesPerSecond: Math.round(done.samples / done.seconds),
      dropped: done.dropped,
      startRssMB: mb(rss.start),
      ingestRssMedianMB: mb(median(rss.ingest)),
      ingestRssMaxMB: mb(Math.max(...rss.ingest)),
      afterRssMedianMB: mb(median(rss.after)),
      afterRssMaxMB: mb(Math.max(...rss.after)),
      idleNodeRssMB: mb(median(rss.idle)),
    };
  } finally {
    clearInterval(poll);
    idle.kill();
    if (server.exitCode === null) {
      const gone = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      // It flushes and closes on SIGTERM; one that hangs must not hang the benchmark.
      const hung = setTimeout(() => server.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(hung);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runRssIngestBench(options: {
  runs: number;
  hours: number;
  afterMs: number;
}): Promise<RssIngestResult> {
  const runs: RssIngestRun[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const result = await runOnce(options.hours, options.afterMs);
    runs.push(result);
    process.stderr.write(`rss-ingest run=${run + 1}: ${JSON.stringify(result)}\n`);
  }
  const mid = (pick: (run: RssIngestRun) => number) => median(runs.map(pick));
  const summary: RssIngestRun = {
    samples: mid((r) => r.samples),
    ingestSeconds: mid((r) => r.ingestSeconds),
    samplesPerSecond: mid((r) => r.samplesPerSecond),
    dropped: Math.max(...runs.map((r) => r.dropped)),
    startRssMB: mid((r) => r.startRssMB),
    ingestRssMedianMB: mid((r) => r.ingestRssMedianMB),
    ingestRssMaxMB: mid((r) => r.ingestRssMaxMB),
    afterRssMedianMB: mid((r) => r.afterRssMedianMB),
    afterRssMaxMB: mid((r) => r.afterRssMaxMB),
    idleNodeRssMB: mid((r) => r.idleNodeRssMB),
  };
  return {
    runs,
    summary,
    goalMB: GOAL_MB,
    goalMet: runs.every((r) => Math.max(r.ingestRssMaxMB, r.afterRssMaxMB) <= GOAL_MB),
  };
}

export function rssIngestTable(result: RssIngestResult): string {
  const row = (name: string, r: RssIngestRun) => [
    name,
    grouped(r.samples),
    `${r.ingestSeconds} s (${grouped(r.samplesPerSecond)}/s)`,
    r.dropped,
    r.startRssMB,
    `${r.ingestRssMedianMB} / ${r.ingestRssMaxMB}`,
    `${r.afterRssMedianMB} / ${r.afterRssMaxMB}`,
    r.idleNodeRssMB,
  ];
  return markdownTable(
    [
      'run',
      'samples',
      'ingest time',
      'dropped',
      'RSS at start MB',
      'RSS ingesting median / max MB',
      'RSS after median / max MB',
      'idle Node.js MB',
    ],
    [...result.runs.map((r, i) => row(String(i + 1), r)), row('median', result.summary)],
  );
}
