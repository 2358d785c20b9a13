import type { GpuSample } from '@gpu-sentinel/protocol';
import type pg from 'pg';
import { markedStreams, planSegments } from '../fleet/segment-plan.js';
import { advanceStreamMarks, claimStreamMarks } from '../fleet/stream-marks.js';
import { gpuIdResolver, resolveBatchGpuIds } from '../inventory.js';
import { rollupRowsOf } from '../rollups/upsert-rollups.js';
import { batchMergeQuery, type BatchMerge } from './batch-merge.js';
import { kyselyOnClient } from './connection.js';
import { copyBinaryChunks, sendCopy } from './copy-samples.js';
import type { WriteOutcome, WriteSegment } from '../store.js';

/** Rows encoded per piece of the COPY: the first piece is encoded in about the time the server takes to answer. */
const COPY_CHUNK_ROWS = 250;

/** What a write did: the gpu_ids it learned (to cache once committed) and its outcome. */
export interface SegmentsWritten {
  learned: Map<string, number>;
  outcome: WriteOutcome;
}

/**
 * Segments in one transaction on `client` (the day partitions of their samples already exist).
 * When some carry stream marks, the marks are claimed first (rows made if missing, then locked
 * FOR UPDATE in stream order: stream-marks.ts), the duplicates left out (segment-plan.ts), and
 * the marks moved last, so a replica racing on the same batch waits here and then skips it.
 *
 * The written samples go as one batch: GPUs the cache lacks are looked up or registered, raw rows
 * go in by COPY, the batch is folded into the rollups, and the GPUs and hosts are touched.
 *
 * The JavaScript work runs while the server is busy: the rows are encoded in pieces, the first
 * while the COPY statement's answer travels and the rest while the server ingests the ones
 * before, and the rollups are folded (and their parameters made) while it ingests the last. The
 * rollup upserts and the touches then go as one prepared statement (batch-merge.ts). A 2,000-row
 * batch of 8 GPUs, measured on the 2-core dev machine at load ~2.3: sending the rows ~3 ms,
 * folding ~2.7 ms, then waiting for the COPY ~4.5 ms more (the server takes ~9 ms for the
 * rows, both indexes included), the merge ~1.9 ms, COMMIT ~1.3 ms. Before: COPY after
 * encoding, then five statements of ~70 parameters per row (Kysely-built, parsed and planned
 * each time): the rollup upserts alone took ~4 ms a batch with two tiers.
 */
export async function writeSegmentsOn(
  client: pg.PoolClient,
  segments: readonly WriteSegment[],
  cachedIds: ReadonlyMap<string, number>,
  nowMs: number,
): Promise<SegmentsWritten> {
  await client.query('BEGIN');
  try {
    const streams = markedStreams(segments);
    // Unmarked writes (the server's own source, nearly every batch of a single server) skip the marks entirely.
    const marksDb = streams.length === 0 ? undefined : kyselyOnClient(client);
    const stored =
      marksDb === undefined ? new Map<string, number>() : await claimStreamMarks(marksDb, streams, { lockRows: true });
    const plan = planSegments(segments, stored);
    const learned =
      plan.samples.length === 0 ? new Map<string, number>() : await writeSamples(client, plan.samples, cachedIds);
    if (marksDb !== undefined) await advanceStreamMarks(marksDb, plan.marks, nowMs);
    await client.query('COMMIT');
    return { learned, outcome: plan.outcome };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function writeSamples(
  client: pg.PoolClient,
  samples: readonly GpuSample[],
  cachedIds: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const learned = await resolveBatchGpuIds(() => kyselyOnClient(client), samples, cachedIds);
  const gpuIdOf = gpuIdResolver(cachedIds, learned);
  const { ingested } = await sendCopy(client, copyBinaryChunks(samples, gpuIdOf, COPY_CHUNK_ROWS));
  const merge = batchMergeQuery(batchMergeOf(samples, gpuIdOf));
  await ingested;
  await client.query(merge);
  return learned;
}

/**
 * The batch's rollup rows and newest times, each sorted into one fixed order (GPU, then time;
 * hosts by id) so that batches overlapping on the same GPUs lock rows in the same order.
 */
export function batchMergeOf(samples: readonly GpuSample[], gpuIdOf: (uuid: string) => number): BatchMerge {
  const rollups = rollupRowsOf(samples, gpuIdOf);
  for (const [, rows] of rollups) rows.sort((a, b) => a.gpu_id - b.gpu_id || a.ts - b.ts);
  const uuidLatest = new Map<string, number>();
  const hostLatest = new Map<string, number>();
  for (const sample of samples) {
    if (sample.ts > (uuidLatest.get(sample.uuid) ?? -Infinity)) uuidLatest.set(sample.uuid, sample.ts);
    if (sample.ts > (hostLatest.get(sample.hostId) ?? -Infinity)) hostLatest.set(sample.hostId, sample.ts);
  }
  return {
    rollups,
    gpusSeen: [...uuidLatest].map(([uuid, ts]) => [gpuIdOf(uuid), ts] as const).sort(([a], [b]) => a - b),
    hostsSeen: [...hostLatest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
