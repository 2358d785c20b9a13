/**
 * Prometheus scrape: the time to write the fleet's GPU series (17 dcgm-named families) at 64, 512 and
 * 2,000 GPUs (8 per host), which is also how long the scrape holds the event loop: live ticks and
 * requests wait meanwhile. Targets, alternating run by run:
 * - text (ours): `gpuExposition`, the GPU series written as text with one escaped label set per GPU;
 * - prom-client gauges: the same families as labelled prom-client Gauges set at collect time, then
 *   `registry.metrics()` — how /metrics wrote them before.
 * Both outputs are checked equal (as sets of lines) before timing.
 * Usage: npm run bench:metrics. BENCH_RUNS (default 5) runs per size and target.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { GpuView } from '@gpu-sentinel/protocol';
import { GPU_LABELS, GPU_SERIES, gpuExposition, gpuLabels } from '@gpu-sentinel/server';
import { Gauge, Registry } from 'prom-client';
import { SimulatedFleet } from './lib/simulated-fleet.js';
import { median, quantile, round } from './lib/stats.js';
import { markdownTable } from './lib/table.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = [64, 512, 2_000] as const;
const WARMUP = 3;
const SCRAPES = 20;

type Target = (views: readonly GpuView[]) => Promise<string>;

/** How /metrics wrote the GPU series before: labelled prom-client gauges filled at scrape time. */
function promClientGauges(): Target {
  const registry = new Registry();
  let current: readonly GpuView[] = [];
  for (const series of GPU_SERIES) {
    new Gauge({
      name: series.name,
      help: series.help,
      labelNames: GPU_LABELS,
      registers: [registry],
      collect() {
        this.reset();
        for (const view of current) {
          const value = view.latest === null ? null : series.value(view.latest, view);
          if (value !== null) this.set(gpuLabels(view), value);
        }
      },
    });
  }
  return (views) => {
    current = views;
    return registry.metrics();
  };
}

const TARGETS = {
  'text (ours)': (): Target => (views) => Promise.resolve(gpuExposition(views)),
  'prom-client gauges (before)': promClientGauges,
} as const;
type TargetName = keyof typeof TARGETS;

/** The simulated source's GPUs with a fresh sample each, relabelled as hosts of 8 (index 0–7 on each). */
function fleetViews(gpus: number): GpuView[] {
  const fleet = new SimulatedFleet(gpus, 4);
  const samples = fleet.samples(0, Date.now());
  return fleet.inventory.map((info, i) => ({
    info: { ...info, index: i % 8, hostname: `bench-host-${String(Math.floor(i / 8))}` },
    latest: samples[i] ?? null,
    isStale: false,
  }));
}

async function timeRun(target: Target, views: readonly GpuView[]): Promise<{ medianMs: number; p95Ms: number }> {
  for (let i = 0; i < WARMUP; i += 1) await target(views);
  const times: number[] = [];
  for (let i = 0; i < SCRAPES; i += 1) {
    const started = performance.now();
    await target(views);
    times.push(performance.now() - started);
  }
  return { medianMs: median(times), p95Ms: quantile(times, 0.95) };
}

const lines = (text: string) => new Set(text.split('\n').filter((line) => line !== ''));

const rows = [];
for (const gpus of SIZES) {
  const views = fleetViews(gpus);
  const made = Object.fromEntries(Object.entries(TARGETS).map(([name, make]) => [name, make()])) as Record<
    TargetName,
    Target
  >;
  const ours = lines(await made['text (ours)'](views));
  const before = lines(await made['prom-client gauges (before)'](views));
  if (ours.size !== before.size || [...ours].some((line) => !before.has(line))) {
    throw new Error(`at ${String(gpus)} GPUs the two targets wrote different series`);
  }
  const bytes = Buffer.byteLength(await made['text (ours)'](views));
  const perRun: Record<TargetName, { medianMs: number; p95Ms: number }[]> = {
    'text (ours)': [],
    'prom-client gauges (before)': [],
  };
  for (let run = 0; run < runs; run += 1) {
    const names = Object.keys(TARGETS) as TargetName[];
    const order = run % 2 === 0 ? names : names.toReversed();
    for (const name of order) perRun[name].push(await timeRun(made[name], views));
  }
  const summary = (name: TargetName) => ({
    medianMs: round(median(perRun[name].map((r) => r.medianMs)), 2),
    p95Ms: round(median(perRun[name].map((r) => r.p95Ms)), 2),
    perRun: perRun[name],
  });
  const text = summary('text (ours)');
  const gauges = summary('prom-client gauges (before)');
  rows.push({ gpus, bytes, series: ours.size, runs, text, gauges, ratio: round(text.medianMs / gauges.medianMs, 3) });
}

const table = markdownTable(
  ['GPUs', 'series lines', 'text size', 'target', 'median per scrape', 'p95 per scrape', 'ours / before'],
  rows.flatMap((row) => [
    [
      row.gpus,
      row.series,
      `${round(row.bytes / 2 ** 20, 2)} MiB`,
      'text (ours)',
      `${row.text.medianMs} ms`,
      `${row.text.p95Ms} ms`,
      String(row.ratio),
    ],
    [
      row.gpus,
      row.series,
      '',
      'prom-client gauges (before)',
      `${row.gauges.medianMs} ms`,
      `${row.gauges.p95Ms} ms`,
      '',
    ],
  ]),
);
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const machine = {
  cpus: `${String(cpus().length)} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/metrics-scrape.json',
  `${JSON.stringify({ machine, settings: { runs, SIZES, WARMUP, SCRAPES }, rows }, null, 2)}\n`,
);
process.stdout.write(`\n## metrics-scrape\n\n${table}\n\n`);
