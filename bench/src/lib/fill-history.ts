import { DEFAULT_RETENTION, retentionMs, ROLLUP_TIERS, type RollupTier } from '@gpu-sentinel/protocol';
import type { Store } from '@gpu-sentinel/server';
import { BENCH_HOST, sampleBatches, SimulatedFleet, TICK_MS } from './simulated-fleet.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
export const WRITER_BATCH_ROWS = 2_000;

/**
 * The GPUs whose history the benchmarks fill: 8, with a seed other than the server's own simulated
 * GPUs (42), so that a server started on the filled data dir sees them as GPUs it used to have.
 */
export const historyFleet = (): SimulatedFleet => new SimulatedFleet(8, 14_400, BENCH_HOST, 7);

export interface HistoryFill {
  /** Inclusive start of the history and of its raw part; `now` is the exclusive end. */
  from: number;
  rawFrom: number;
  now: number;
  /** Samples written at 4 Hz (the raw part) and one a minute per GPU (the older part). */
  rawSamples: number;
  thinnedSamples: number;
  seconds: number;
}

/**
 * `days` of history for the fleet's GPUs, ending at `now`, as a server would hold it after running
 * that long under the default retention:
 * - the last `rawHours` at 4 Hz, written through `insertSamples` in the writer's 2,000-row batches,
 *   which stores the raw rows and folds them into every rollup tier (1 minute, 10 minutes, 1 hour);
 * - the older days through the same `insertSamples`, thinned to one sample per GPU per minute:
 *   every rollup row exists, as it would, but summarises 1 sample a minute instead of 240 (a
 *   1-minute row holds 1 sample, a 1-hour row 60). The raw rows this leaves behind are then deleted by `applyRetention`, as
 *   the retention job would. Row counts per tier — what a read's cost depends on — are those of
 *   a real 30 days; only the `samples` counts and the spread of min/max differ.
 */
export async function fillHistory(
  store: Store,
  fleet: SimulatedFleet,
  options: { days: number; rawHours: number; now?: number },
): Promise<HistoryFill> {
  const started = performance.now();
  const now = Math.floor((options.now ?? Date.now()) / MINUTE_MS) * MINUTE_MS;
  const rawFrom = now - options.rawHours * HOUR_MS;
  const from = Math.min(rawFrom, now - options.days * 24 * HOUR_MS);
  await store.upsertInventory(fleet.inventory);
  let thinnedSamples = 0;
  for (const batch of sampleBatches(fleet, {
    from,
    to: rawFrom,
    intervalMs: MINUTE_MS,
    batchRows: WRITER_BATCH_ROWS,
  })) {
    await store.insertSamples(batch);
    thinnedSamples += batch.length;
  }
  const retention = retentionMs(DEFAULT_RETENTION);
  const rollupCutoffs = Object.fromEntries(ROLLUP_TIERS.map((tier) => [tier, now - retention[tier]]));
  await store.applyRetention({ ...(rollupCutoffs as Record<RollupTier, number>), raw: rawFrom });
  let rawSamples = 0;
  for (const batch of sampleBatches(fleet, {
    from: rawFrom,
    to: now,
    intervalMs: TICK_MS,
    batchRows: WRITER_BATCH_ROWS,
  })) {
    await store.insertSamples(batch);
    rawSamples += batch.length;
  }
  return { from, rawFrom, now, rawSamples, thinnedSamples, seconds: (performance.now() - started) / 1000 };
}

/** A SQLite data dir filled by `fillHistory` and closed, handed from one benchmark to the next. */
export interface FilledSqlite {
  dataDir: string;
  fill: HistoryFill;
}
