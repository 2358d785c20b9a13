/**
 * Sample → client latency (sampler timestamp to client receive, same machine) at 1, 100 and 1,000
 * WebSocket clients, for GPU Sentinel and, in the same run, for a bare `ws` server broadcasting the
 * same pre-serialised message to the same number of clients.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { runNodeScript, startNodeScript } from './lib/child-output.js';
import { startServer } from './lib/server-process.js';
import { quantile, round } from './lib/stats.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const clientScript = join(here, 'lib/latency-clients.js');
const bareServerScript = join(here, 'lib/bare-ws-server.js');

export interface LatencyRow {
  clients: number;
  target: 'gpu-sentinel' | 'bare-ws';
  messages: number;
  p50Ms: number;
  p99Ms: number;
}

async function captureSamplesMessage(wsUrl: string): Promise<string> {
  const socket = new WebSocket(wsUrl);
  return new Promise((resolve) => {
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('{"type":"samples"')) {
        socket.terminate();
        resolve(text);
      }
    });
  });
}

async function measure(url: string, clients: number, warmupMs: number, durationMs: number) {
  const output = await runNodeScript(clientScript, [url, String(clients), String(warmupMs), String(durationMs)]);
  const { latenciesMs } = JSON.parse(output) as { latenciesMs: number[] };
  return { messages: latenciesMs.length, p50Ms: quantile(latenciesMs, 0.5), p99Ms: quantile(latenciesMs, 0.99) };
}

export async function runLatencyBench(options: { clientCounts: number[]; durationMs: number }): Promise<LatencyRow[]> {
  const intervalMs = 250;
  const server = await startServer([
    '--source',
    'simulated',
    '--gpus',
    '8',
    '--interval-ms',
    String(intervalMs),
    '--log-level',
    'warn',
  ]);
  const ourUrl = `${server.baseUrl.replace('http', 'ws')}/api/v1/stream`;
  const templateFile = join(tmpdir(), `gpu-sentinel-bench-template-${process.pid}.json`);
  writeFileSync(templateFile, await captureSamplesMessage(ourUrl));
  const bare = await startNodeScript(bareServerScript, [String(intervalMs), templateFile]);
  const bareUrl = `ws://127.0.0.1:${bare.firstLine.trim()}`;
  const rows: LatencyRow[] = [];
  try {
    for (const clients of options.clientCounts) {
      for (const [target, url] of [
        ['gpu-sentinel', ourUrl],
        ['bare-ws', bareUrl],
      ] as const) {
        const result = await measure(url, clients, 3_000, options.durationMs);
        rows.push({
          clients,
          target,
          messages: result.messages,
          p50Ms: round(result.p50Ms),
          p99Ms: round(result.p99Ms),
        });
        process.stderr.write(`latency ${target} clients=${clients}: ${JSON.stringify(result)}\n`);
      }
    }
  } finally {
    bare.child.kill();
    await server.stop();
  }
  return rows;
}
