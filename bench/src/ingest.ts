/**
 * Samples/s written through `Store.insertSamples` in the writer's batch shape (2,000 rows: 250
 * ticks of 8 GPUs at 4 Hz), rollups included since insertSamples keeps them, into SQLite (a WAL
 * file in a temp dir) and Postgres (a throwaway schema). A fresh store per run. In the same run,
 * for scale: packages/core alone folding the same batches into the rollup tiers as the store
 * does (`rollupSamples` for minutes, `coarsenBuckets` for each coarser tier: the JavaScript part
 * of keeping rollups, no I/O) — the port has no raw-only write, and the benchmarks do not open
 * the database behind the store's back.
 */
import { coarsenBuckets, rollupSamples, type RollupBucket } from '@gpu-sentinel/core';
import { ROLLUP_TIERS, TIER_BUCKET_MS, type GpuSample } from '@gpu-sentinel/protocol';
import { benchEngines, openBenchStore, type BenchEngine } from './lib/bench-stores.js';
import { WRITER_BATCH_ROWS } from './lib/fill-history.js';
import { sampleBatches, SimulatedFleet, TICK_MS } from './lib/simulated-fleet.js';
import { median, round } from './lib/stats.js';
import { grouped, markdownTable } from './lib/table.js';

const GPUS = 8;
type IngestTarget = BenchEngine | 'rollup folding only';

export interface IngestRow {
  engine: IngestTarget;
  runs: number;
  samplesPerRun: number;
  batchRows: number;
  /** Median over the runs. */
  samplesPerSecond: number;
  samplesPerSecondPerRun: number[];
  goalSamplesPerSecond: number | null;
  goalMet: boolean | null;
}

const GOALS: Record<BenchEngine, number> = { sqlite: 250_000, postgres: 150_000 };

function rollupOnce(batches: readonly GpuSample[][]): number {
  let samples = 0;
  const started = performance.now();
  for (const batch of batches) {
    let finer: RollupBucket[] | undefined;
    for (const tier of ROLLUP_TIERS) {
      const tierMs = TIER_BUCKET_MS[tier];
      finer = finer === undefined ? rollupSamples(batch, tierMs) : coarsenBuckets(finer, tierMs);
    }
    samples += batch.length;
  }
  return samples / ((performance.now() - started) / 1000);
}

async function ingestOnce(engine: BenchEngine, batches: readonly GpuSample[][], fleet: SimulatedFleet) {
  const bench = await openBenchStore(engine);
  try {
    await bench.store.upsertInventory(fleet.inventory);
    let samples = 0;
    const started = performance.now();
    for (const batch of batches) {
      await bench.store.insertSamples(batch);
      samples += batch.length;
    }
    const seconds = (performance.now() - started) / 1000;
    return samples / seconds;
  } finally {
    await bench.dispose();
  }
}

export async function runIngestBench(options: { samples: number; runs: number }): Promise<IngestRow[]> {
  const fleet = new SimulatedFleet(GPUS);
  const ticks = Math.ceil(options.samples / GPUS);
  // Recent times, as the writer sees them; made before the clock starts, so only writes are timed.
  const to = Math.floor(Date.now() / TICK_MS) * TICK_MS;
  const batches = [
    ...sampleBatches(fleet, { from: to - ticks * TICK_MS, to, intervalMs: TICK_MS, batchRows: WRITER_BATCH_ROWS }),
  ];
  const samplesPerRun = batches.reduce((sum, batch) => sum + batch.length, 0);
  const rows: IngestRow[] = [];
  const targets: IngestTarget[] = [...benchEngines(), 'rollup folding only'];
  const perRun = new Map<IngestTarget, number[]>(targets.map((target) => [target, []]));
  // Targets alternate run by run, so that drift on a shared machine hits all alike.
  for (let run = 0; run < options.runs; run += 1) {
    for (const target of targets) {
      const rate = target === 'rollup folding only' ? rollupOnce(batches) : await ingestOnce(target, batches, fleet);
      perRun.get(target)?.push(rate);
      process.stderr.write(`ingest ${target} run=${run + 1}: ${grouped(rate)} samples/s\n`);
    }
  }
  for (const target of targets) {
    const rates = perRun.get(target) ?? [];
    const samplesPerSecond = Math.round(median(rates));
    const goal = target === 'rollup folding only' ? null : GOALS[target];
    rows.push({
      engine: target,
      runs: rates.length,
      samplesPerRun,
      batchRows: WRITER_BATCH_ROWS,
      samplesPerSecond,
      samplesPerSecondPerRun: rates.map((rate) => Math.round(rate)),
      goalSamplesPerSecond: goal,
      goalMet: goal === null ? null : samplesPerSecond >= goal,
    });
  }
  return rows;
}

export function ingestTable(rows: readonly IngestRow[]): string {
  return markdownTable(
    ['engine', 'samples per run', 'runs', 'samples/s (median)', 'per run', 'goal', 'met'],
    rows.map((row) => [
      row.engine,
      grouped(row.samplesPerRun),
      row.runs,
      grouped(row.samplesPerSecond),
      row.samplesPerSecondPerRun.map(grouped).join(', '),
      row.goalSamplesPerSecond === null ? '—' : `≥ ${grouped(row.goalSamplesPerSecond)}`,
      row.goalSamplesPerSecond === null
        ? '—'
        : row.goalMet === true
          ? 'yes'
          : `no (${round(row.samplesPerSecond / row.goalSamplesPerSecond, 2)}×)`,
    ]),
  );
}
