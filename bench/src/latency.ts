/**
 * Sample → client latency (sampler timestamp to client receive, same machine) at 1, 100 and 1,000
 * WebSocket clients, for GPU Sentinel and, in the same run, for a bare `ws` server broadcasting the
 * same pre-serialised message to the same number of clients.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeScript } from './lib/child-output.js';
import { benchLogin, startBenchServer, streamUrl } from './lib/bench-session.js';
import { captureSamplesMessage, measureLatency, ticketTarget, type LatencyRun } from './lib/measure-latency.js';
import { median, round } from './lib/stats.js';

const bareServerScript = join(fileURLToPath(new URL('.', import.meta.url)), 'lib/bare-ws-server.js');

export interface LatencyRow {
  clients: number;
  target: 'gpu-sentinel' | 'bare-ws';
  runs: number;
  messagesPerRun: number;
  /** Medians over the runs of each run's p50 and p99. */
  p50Ms: number;
  p99Ms: number;
  p99MsPerRun: number[];
}

export async function runLatencyBench(options: {
  clientCounts: number[];
  durationMs: number;
  runs: number;
}): Promise<LatencyRow[]> {
  const intervalMs = 250;
  const server = await startBenchServer([
    '--source',
    'simulated',
    '--gpus',
    '8',
    '--interval-ms',
    String(intervalMs),
    '--log-level',
    'warn',
  ]);
  const accessToken = await benchLogin(server.baseUrl);
  const ourTarget = ticketTarget(server.baseUrl, accessToken);
  const templateFile = join(tmpdir(), `gpu-sentinel-bench-template-${process.pid}.json`);
  writeFileSync(templateFile, await captureSamplesMessage(await streamUrl(server.baseUrl, accessToken)));
  const bare = await startNodeScript(bareServerScript, [String(intervalMs), templateFile]);
  const bareUrl = `ws://127.0.0.1:${bare.firstLine.trim()}`;
  const rows: LatencyRow[] = [];
  try {
    for (const clients of options.clientCounts) {
      const targets = [
        ['gpu-sentinel', ourTarget],
        ['bare-ws', bareUrl],
      ] as const;
      const results = new Map<string, LatencyRun[]>();
      // Alternate the two targets run by run, so that drift on a noisy machine hits both alike.
      for (let run = 0; run < options.runs; run += 1) {
        for (const [target, url] of targets) {
          const result = await measureLatency(url, clients, 3_000, options.durationMs);
          results.set(target, [...(results.get(target) ?? []), result]);
          process.stderr.write(`latency ${target} clients=${clients} run=${run + 1}: ${JSON.stringify(result)}\n`);
        }
      }
      for (const [target] of targets) {
        const runs = results.get(target) ?? [];
        rows.push({
          clients,
          target,
          runs: runs.length,
          messagesPerRun: median(runs.map((r) => r.messages)),
          p50Ms: round(median(runs.map((r) => r.p50Ms))),
          p99Ms: round(median(runs.map((r) => r.p99Ms))),
          p99MsPerRun: runs.map((r) => r.p99Ms),
        });
      }
    }
  } finally {
    bare.child.kill();
    await server.stop();
  }
  return rows;
}
