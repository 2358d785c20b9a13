/**
 * Samples/s written through `Store.insertSamples` in the writer's batch shape (2,000 rows: 250
 * ticks of 8 GPUs at 4 Hz), rollups included since insertSamples keeps them, into SQLite (a WAL
 * file in a temp dir) and Postgres (a throwaway schema). A fresh store per run.
 */
import type { GpuSample } from '@gpu-sentinel/protocol';
import { benchEngines, openBenchStore, type BenchEngine } from './lib/bench-stores.js';
import { sampleBatches, SimulatedFleet, TICK_MS } from './lib/simulated-fleet.js';
import { median, round } from './lib/stats.js';
import { grouped, markdownTable } from './lib/table.js';

import { WRITER_BATCH_ROWS } from './lib/fill-history.js';
const GPUS = 8;

export interface IngestRow {
  engine: BenchEngine;
  runs: number;
  samplesPerRun: number;
  batchRows: number;
  /** Median over the runs. */
  samplesPerSecond: number;
  samplesPerSecondPerRun: number[];
  goalSamplesPerSecond: number;
  goalMet: boolean;
}

const GOALS: Record<BenchEngine, number> = { sqlite: 250_000, postgres: 150_000 };

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
  const engines = benchEngines();
  const perRun = new Map<BenchEngine, number[]>(engines.map((engine) => [engine, []]));
  // Engines alternate run by run, so that drift on a shared machine hits both alike.
  for (let run = 0; run < options.runs; run += 1) {
    for (const engine of engines) {
      const rate = await ingestOnce(engine, batches, fleet);
      perRun.get(engine)?.push(rate);
      process.stderr.write(`ingest ${engine} run=${run + 1}: ${grouped(rate)} samples/s\n`);
    }
  }
  for (const engine of engines) {
    const rates = perRun.get(engine) ?? [];
    const samplesPerSecond = Math.round(median(rates));
    rows.push({
      engine,
      runs: rates.length,
      samplesPerRun,
      batchRows: WRITER_BATCH_ROWS,
      samplesPerSecond,
      samplesPerSecondPerRun: rates.map((rate) => Math.round(rate)),
      goalSamplesPerSecond: GOALS[engine],
      goalMet: samplesPerSecond >= GOALS[engine],
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
      `≥ ${grouped(row.goalSamplesPerSecond)}`,
      row.goalMet ? 'yes' : `no (${round(row.samplesPerSecond / row.goalSamplesPerSecond, 2)}×)`,
    ]),
  );
}
