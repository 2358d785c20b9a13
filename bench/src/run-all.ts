/**
 * Runs the live-path benchmarks and prints their results as JSON (copy them into BENCHMARKS.md).
 * BENCH_CPU_S (default 600) sets the CPU/RSS run's length; BENCH_LATENCY_S (default 15) each latency
 * run's, BENCH_RUNS (default 3) how many latency runs per client count and target, and BENCH_CLIENTS
 * (default 1,100,1000) the client counts.
 * Usage: npm run bench [-- cpu|latency]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runCpuRssBench } from './cpu-rss.js';
import { runLatencyBench } from './latency.js';

const which = process.argv[2] ?? 'all';
const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1000;
const machine = {
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
};
const results: Record<string, unknown> = { machine };
if (which === 'all' || which === 'latency') {
  results.latency = await runLatencyBench({
    clientCounts: (process.env.BENCH_CLIENTS ?? '1,100,1000').split(',').map(Number),
    durationMs: seconds('BENCH_LATENCY_S', 15),
    runs: Number(process.env.BENCH_RUNS ?? 3),
  });
}
if (which === 'all' || which === 'cpu') {
  results.cpuRss = await runCpuRssBench({ durationMs: seconds('BENCH_CPU_S', 600) });
}
const json = JSON.stringify(results, null, 2);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/live-path-${which}.json`, `${json}\n`);
process.stdout.write(`${json}\n`);
