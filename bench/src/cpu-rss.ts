/**
 * Server CPU (share of one core) and RSS while sampling 8 simulated GPUs at 4 Hz with one WebSocket
 * client, next to an idle Node.js process measured the same way in the same run (the floor).
 */
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { readProcUsage } from './lib/proc-usage.js';
import { benchLogin, startBenchServer, streamUrl } from './lib/bench-session.js';
import { median, round } from './lib/stats.js';

export interface CpuRssRow {
  target: 'gpu-sentinel' | 'idle-node';
  durationS: number;
  cpuPctOfOneCore: number;
  rssMedianMB: number;
  rssMaxMB: number;
}

async function observe(pid: number, warmupMs: number, durationMs: number, everyMs: number) {
  await new Promise((r) => setTimeout(r, warmupMs));
  const start = readProcUsage(pid);
  const startedAt = performance.now();
  const rss: number[] = [start.rssBytes];
  let last = start;
  while (performance.now() - startedAt < durationMs) {
    await new Promise((r) => setTimeout(r, everyMs));
    last = readProcUsage(pid);
    rss.push(last.rssBytes);
  }
  const elapsedMs = performance.now() - startedAt;
  return {
    cpuPctOfOneCore: round(((last.cpuMs - start.cpuMs) / elapsedMs) * 100, 3),
    rssMedianMB: round(median(rss) / 2 ** 20, 1),
    rssMaxMB: round(Math.max(...rss) / 2 ** 20, 1),
  };
}

export async function runCpuRssBench(options: { durationMs: number }): Promise<CpuRssRow[]> {
  const durationS = Math.round(options.durationMs / 1000);
  const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  const server = await startBenchServer([
    '--source',
    'simulated',
    '--gpus',
    '8',
    '--interval-ms',
    '250',
    '--log-level',
    'warn',
  ]);
  const client = new WebSocket(await streamUrl(server.baseUrl, await benchLogin(server.baseUrl)));
  let messages = 0;
  client.on('message', () => (messages += 1));
  try {
    const [ours, floor] = await Promise.all([
      observe(server.pid, 10_000, options.durationMs, 5_000),
      observe(idle.pid ?? 0, 10_000, options.durationMs, 5_000),
    ]);
    process.stderr.write(`cpu-rss: client received ${messages} messages\n`);
    return [
      { target: 'gpu-sentinel', durationS, ...ours },
      { target: 'idle-node', durationS, ...floor },
    ];
  } finally {
    client.terminate();
    idle.kill();
    await server.stop();
  }
}
