import type { GpuSample } from '@gpu-sentinel/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store, WriteOutcome, WriteSegment } from '../../src/store/index.js';
import {
  allRollups,
  allSamples,
  GPU_A,
  GPU_B,
  gpuSample,
  openPostgresReplicas,
  T0,
  withTwoGpus,
} from './contract-fixtures.js';
import { POSTGRES_URL_ENV } from './engines.js';

const STREAM_1 = '5b0d7e11-0000-4000-8000-000000000001';
const STREAM_2 = '5b0d7e11-0000-4000-8000-000000000002';
const ROUNDS = 20;
const SAMPLES_PER_BATCH = 40;

/** Batch `seq` of a stream: its own timestamps, on both GPUs, so a duplicate would show as extra rows. */
function batchOf(streamId: string, seq: number, offsetMs: number): WriteSegment {
  const samples: GpuSample[] = [];
  for (let i = 0; i < SAMPLES_PER_BATCH / 2; i += 1) {
    const ts = T0 + offsetMs + seq * 60_000 + i * 1_000;
    samples.push(gpuSample({ uuid: GPU_A, ts, temperatureC: 50 }), gpuSample({ uuid: GPU_B, index: 1, ts }));
  }
  return { samples, mark: { streamId, hostId: 'host-a', seq } };
}

function total(outcomes: readonly WriteOutcome[]): WriteOutcome {
  return outcomes.reduce(
    (sum, o) => ({
      written: sum.written + o.written,
      duplicateSegments: sum.duplicateSegments + o.duplicateSegments,
      duplicateRows: sum.duplicateRows + o.duplicateRows,
    }),
    { written: 0, duplicateSegments: 0, duplicateRows: 0 },
  );
}

// Two servers behind one load balancer share the database: an agent that reconnects to the other
// one replays batches the first may be storing at that very moment.
const hasPostgres = (process.env[POSTGRES_URL_ENV] ?? '') !== '';

describe.runIf(hasPostgres)('postgres store: two replicas racing on the same batches', () => {
  let replicas: [Store, Store] | undefined;
  afterEach(async () => {
    if (replicas === undefined) return;
    const [first, second] = replicas;
    await second.close();
    await first.close();
    replicas = undefined;
  });

  it('stores each batch exactly once, whichever replica wins', async () => {
    replicas = await openPostgresReplicas();
    if (replicas === undefined) throw new Error('Postgres expected');
    const [first, second] = replicas;
    await withTwoGpus(first);
    const outcomes: WriteOutcome[] = [];
    for (let seq = 1; seq <= ROUNDS; seq += 1) {
      const segment = batchOf(STREAM_1, seq, 0);
      const round = await Promise.all([first.writeSegments([segment]), second.writeSegments([segment])]);
      expect(total(round)).toEqual({
        written: SAMPLES_PER_BATCH,
        duplicateSegments: 1,
        duplicateRows: SAMPLES_PER_BATCH,
      });
      outcomes.push(...round);
    }
    expect(total(outcomes).written).toBe(ROUNDS * SAMPLES_PER_BATCH);
    expect(await allSamples(first)).toHaveLength(ROUNDS * SAMPLES_PER_BATCH);
    const minutes = await allRollups(second, '1m');
    expect(minutes.reduce((sum, row) => sum + row.samples, 0)).toBe(ROUNDS * SAMPLES_PER_BATCH);
    expect(await first.streamMark(STREAM_1)).toBe(ROUNDS);
    expect(await second.streamMark(STREAM_1)).toBe(ROUNDS);
  });

  it('takes two streams listed in opposite orders without deadlocking, each batch once', async () => {
    replicas = await openPostgresReplicas();
    if (replicas === undefined) throw new Error('Postgres expected');
    const [first, second] = replicas;
    await withTwoGpus(first);
    for (let seq = 1; seq <= ROUNDS; seq += 1) {
      const one = batchOf(STREAM_1, seq, 0);
      const two = batchOf(STREAM_2, seq, 30_000);
      const round = await Promise.all([
        first.writeSegments([one, two]),
        second.writeSegments([two, one]),
        // A replay of the batch before, racing too.
        second.writeSegments(seq > 1 ? [batchOf(STREAM_1, seq - 1, 0)] : []),
      ]);
      expect(total(round).written).toBe(2 * SAMPLES_PER_BATCH);
    }
    expect(await allSamples(second)).toHaveLength(2 * ROUNDS * SAMPLES_PER_BATCH);
    expect(await first.streamMark(STREAM_2)).toBe(ROUNDS);
  });
});
