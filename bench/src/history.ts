/**
 * History reads over 30 days of 8 GPUs at 4 Hz (see lib/fill-history.ts for how the tiers are
 * filled), through the code the `/api/v1/history` route uses: packages/core `planHistoryRead`
 * (default retention) then `Store.readSeries`, 1,000 points per series, four metrics. In the same
 * run, the naive read: `Store.history`, date buckets averaged over the raw rows of one GPU.
 */
import { planHistoryRead } from '@gpu-sentinel/core';
import { DEFAULT_RETENTION, retentionMs, type HistoryTier, type NumericMetric } from '@gpu-sentinel/protocol';
import type { Store } from '@gpu-sentinel/server';
import { benchEngines, openBenchStore, type BenchEngine } from './lib/bench-stores.js';
import { fillHistory, historyFleet, type FilledSqlite, type HistoryFill } from './lib/fill-history.js';
import { median, round } from './lib/stats.js';
import { grouped, markdownTable } from './lib/table.js';
import { percentiles, timeEach } from './lib/timing.js';

const GPUS = 8;
const POINTS = 1_000;
const HOUR_MS = 3_600_000;
export const HISTORY_METRICS: readonly NumericMetric[] = [
  'utilizationGpuPct',
  'memoryUsedMiB',
  'temperatureC',
  'powerDrawW',
];
const GOAL_P95_MS = 50;

interface Query {
  name: string;
  gpus: number;
  rangeMs: number;
  /** `tiered`: planHistoryRead + readSeries; `naive`: Store.history over raw rows. */
  path: 'tiered' | 'naive';
}

export interface HistoryQueryRow {
  engine: BenchEngine;
  query: string;
  path: Query['path'];
  gpus: number;
  metrics: number;
  tier: HistoryTier;
  bucketMs: number;
  /** Points returned per series (the first GPU's first metric; naive: per GPU). */
  points: number;
  readsPerRun: number[];
  /** Medians over the runs of each run's p50 and p95. */
  p50Ms: number;
  p95Ms: number;
  p95MsPerRun: number[];
}

export interface HistoryEngineResult {
  engine: BenchEngine;
  fill: HistoryFill & { tiers: { tier: HistoryTier; rows: number }[] };
  queries: HistoryQueryRow[];
  /** Naive p95 ÷ tiered p95, one GPU over the raw span. */
  naiveOverTiered: number;
  goalP95Ms: number;
  goalMet: boolean;
}

export interface HistoryBenchOptions {
  runs: number;
  days: number;
  rawHours: number;
  /** Reads per query and run (the naive scan: a fifth), unless `budgetMs` runs out first (at least 5). */
  reads: number;
  budgetMs: number;
  /** Given: the SQLite store is closed but kept, and its data dir handed over (it then owns it). */
  keepSqlite?: (filled: FilledSqlite) => void;
}

function queriesFor(rawHours: number, days: number): Query[] {
  return [
    { name: `${days} d, 1 GPU`, gpus: 1, rangeMs: days * 24 * HOUR_MS, path: 'tiered' },
    { name: `${days} d, 8 GPUs`, gpus: GPUS, rangeMs: days * 24 * HOUR_MS, path: 'tiered' },
    { name: '24 h, 1 GPU', gpus: 1, rangeMs: 24 * HOUR_MS, path: 'tiered' },
    { name: '24 h, 8 GPUs', gpus: GPUS, rangeMs: 24 * HOUR_MS, path: 'tiered' },
    { name: `${rawHours} h, 1 GPU`, gpus: 1, rangeMs: rawHours * HOUR_MS, path: 'tiered' },
    { name: `${rawHours} h, 1 GPU, naive scan of raw rows`, gpus: 1, rangeMs: rawHours * HOUR_MS, path: 'naive' },
  ];
}

/** One read as the route makes it; returns what it read from, and the points of one series. */
async function read(store: Store, query: Query, uuids: readonly string[], now: number) {
  const from = now - query.rangeMs;
  if (query.path === 'naive') {
    const result = await store.history({ uuid: uuids[0] ?? '', from, to: now, points: POINTS });
    return { tier: 'raw' as const, bucketMs: result.bucketMs, points: result.points.length };
  }
  const plan = planHistoryRead({ from, to: now, points: POINTS, now, retentionMs: retentionMs(DEFAULT_RETENTION) });
  const result = await store.readSeries({ uuids, metrics: HISTORY_METRICS, from, to: now, ...plan });
  const series = result.get(uuids[0] ?? '')?.get(HISTORY_METRICS[0] ?? 'utilizationGpuPct');
  return { tier: plan.tier, bucketMs: plan.bucketMs, points: series?.ts.length ?? 0 };
}

async function benchEngine(engine: BenchEngine, options: HistoryBenchOptions): Promise<HistoryEngineResult> {
  const bench = await openBenchStore(engine);
  let kept: FilledSqlite | null = null;
  try {
    const fleet = historyFleet();
    const fill = await fillHistory(bench.store, fleet, options);
    if (bench.dataDir !== null && options.keepSqlite !== undefined) kept = { dataDir: bench.dataDir, fill };
    const stats = await bench.store.storageStats();
    const tiers = stats.tiers.map((tier) => ({ tier: tier.tier, rows: tier.rows }));
    process.stderr.write(`history ${engine}: filled in ${round(fill.seconds, 1)} s: ${JSON.stringify(tiers)}\n`);
    const uuids = fleet.inventory.map((gpu) => gpu.uuid);
    const queries = queriesFor(options.rawHours, options.days);
    const perRun = new Map<string, number[][]>();
    const shape = new Map<string, Awaited<ReturnType<typeof read>>>();
    for (const query of queries) {
      const selected = uuids.slice(0, query.gpus);
      shape.set(query.name, await read(bench.store, query, selected, fill.now)); // warm-up, and the shape
    }
    // Queries interleave run by run; the naive scan is slow, so it gets a fifth of the reads.
    for (let run = 0; run < options.runs; run += 1) {
      for (const query of queries) {
        const selected = uuids.slice(0, query.gpus);
        const times = query.path === 'naive' ? Math.max(3, Math.ceil(options.reads / 5)) : options.reads;
        const durations = await timeEach(() => read(bench.store, query, selected, fill.now), {
          times,
          budgetMs: options.budgetMs,
          atLeast: 5,
        });
        const { p50Ms, p95Ms } = percentiles(durations);
        perRun.set(query.name, [...(perRun.get(query.name) ?? []), durations]);
        process.stderr.write(
          `history ${engine} ${query.name} run=${run + 1}: ${durations.length} reads, p50 ${p50Ms} ms, p95 ${p95Ms} ms\n`,
        );
      }
    }
    const rows = queries.map((query): HistoryQueryRow => {
      const durationsPerRun = perRun.get(query.name) ?? [];
      const runs = durationsPerRun.map(percentiles);
      const read = shape.get(query.name);
      return {
        engine,
        query: query.name,
        path: query.path,
        gpus: query.gpus,
        metrics: query.path === 'naive' ? 17 : HISTORY_METRICS.length,
        tier: read?.tier ?? 'raw',
        bucketMs: read?.bucketMs ?? 0,
        points: read?.points ?? 0,
        readsPerRun: durationsPerRun.map((durations) => durations.length),
        p50Ms: round(median(runs.map((r) => r.p50Ms)), 1),
        p95Ms: round(median(runs.map((r) => r.p95Ms)), 1),
        p95MsPerRun: runs.map((r) => r.p95Ms),
      };
    });
    const tiered = rows.filter((row) => row.path === 'tiered');
    const naive = rows.find((row) => row.path === 'naive');
    const sameSpan = tiered.find((row) => row.query === `${options.rawHours} h, 1 GPU`);
    return {
      engine,
      fill: { ...fill, tiers },
      queries: rows,
      naiveOverTiered: round((naive?.p95Ms ?? Number.NaN) / (sameSpan?.p95Ms ?? Number.NaN), 1),
      goalP95Ms: GOAL_P95_MS,
      goalMet: tiered.every((row) => row.p95Ms <= GOAL_P95_MS),
    };
  } finally {
    if (kept === null) await bench.dispose();
    else {
      await bench.store.close();
      options.keepSqlite?.(kept);
    }
  }
}

export async function runHistoryBench(options: HistoryBenchOptions): Promise<HistoryEngineResult[]> {
  const results: HistoryEngineResult[] = [];
  for (const engine of benchEngines()) results.push(await benchEngine(engine, options));
  return results;
}

export function historyTable(results: readonly HistoryEngineResult[]): string {
  const rows = results.flatMap((result) =>
    result.queries.map((row) => [
      row.engine,
      row.query,
      row.path === 'naive' ? 'raw (naive)' : row.tier,
      row.bucketMs >= 60_000 ? `${round(row.bucketMs / 60_000, 1)} min` : `${grouped(row.bucketMs)} ms`,
      row.points,
      row.readsPerRun.join(', '),
      row.p50Ms,
      row.p95Ms,
      row.p95MsPerRun.join(', '),
    ]),
  );
  const summary = results
    .map(
      (result) =>
        `${result.engine}: naive/tiered p95 = ${result.naiveOverTiered}×; goal p95 ≤ ${result.goalP95Ms} ms ` +
        `${result.goalMet ? 'met' : 'missed'}; tiers ${result.fill.tiers.map((t) => `${t.tier} ${grouped(t.rows)}`).join(', ')}`,
    )
    .join('\n');
  return `${markdownTable(['engine', 'read', 'tier', 'bucket', 'points', 'reads per run', 'p50 ms', 'p95 ms', 'p95 per run'], rows)}\n\n${summary}`;
}
