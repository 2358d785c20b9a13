import { ManualClock } from '@gpu-sentinel/core';
import type { GpuSample } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import type { Store, WriteSegment } from '../../src/store/index.js';
import {
  allRollups,
  allSamples,
  GPU_A,
  GPU_B,
  gpuSample,
  MINUTE,
  sampleRun,
  storeOpener,
  T0,
  withTwoGpus,
} from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const STREAM = '7f1c3a52-0000-4000-8000-000000000001';
const OTHER_STREAM = '7f1c3a52-0000-4000-8000-000000000002';
const DAY = 24 * 60 * MINUTE;

/** An agent batch of `stream` numbered `seq`. */
function batch(seq: number, samples: readonly GpuSample[], streamId = STREAM): WriteSegment {
  return { samples, mark: { streamId, hostId: 'host-a', seq } };
}

/** What a user sees of the minute tier: samples counted and GPU A's summed temperature over every bucket. */
async function minuteTotals(store: Store): Promise<{ samples: number; temperatureSum: number }> {
  const rows = await allRollups(store, '1m');
  let samples = 0;
  let temperatureSum = 0;
  for (const row of rows) {
    samples += row.samples;
    if (row.uuid === GPU_A) temperatureSum += (row.metrics.temperatureC?.avg ?? 0) * row.samples;
  }
  return { samples, temperatureSum: Math.round(temperatureSum) };
}

describe.each(ENGINES)('$name store: agent batches stored exactly once', (engine) => {
  const open = storeOpener(engine);

  it('skips batches replayed after an outage: rows and rollups stay as they were', async () => {
    const store = await withTwoGpus(await open());
    const run = sampleRun(4);
    const first = run.slice(0, 16);
    const second = run.slice(16);
    expect(await store.writeSegments([batch(1, first), batch(2, second)])).toEqual({
      written: run.length,
      duplicateSegments: 0,
      duplicateRows: 0,
    });
    const before = { raw: (await allSamples(store)).length, minutes: await minuteTotals(store) };
    expect(before.raw).toBe(run.length);
    expect(before.minutes.samples).toBe(run.length);

    expect(await store.writeSegments([batch(1, first), batch(2, second)])).toEqual({
      written: 0,
      duplicateSegments: 2,
      duplicateRows: run.length,
    });
    expect((await allSamples(store)).length).toBe(before.raw);
    expect(await minuteTotals(store)).toEqual(before.minutes);
    expect(await store.streamMark(STREAM)).toBe(2);
  });

  it('accepts a gap in seq (the spool dropped batches) and still skips older ones after it', async () => {
    const store = await withTwoGpus(await open());
    await store.writeSegments([batch(1, [gpuSample({ uuid: GPU_A, ts: T0, temperatureC: 40 })])]);
    expect(
      await store.writeSegments([batch(5, [gpuSample({ uuid: GPU_A, ts: T0 + 5_000, temperatureC: 45 })])]),
    ).toEqual({ written: 1, duplicateSegments: 0, duplicateRows: 0 });
    expect(await store.streamMark(STREAM)).toBe(5);
    expect(
      await store.writeSegments([batch(3, [gpuSample({ uuid: GPU_A, ts: T0 + 3_000, temperatureC: 99 })])]),
    ).toEqual({ written: 0, duplicateSegments: 1, duplicateRows: 1 });
    expect((await allSamples(store)).map((sample) => sample.temperatureC)).toEqual([40, 45]);
  });

  it('writes the new segments of a call and skips its duplicates, repeats within the call included', async () => {
    const store = await withTwoGpus(await open());
    await store.writeSegments([batch(1, [gpuSample({ uuid: GPU_A, ts: T0, temperatureC: 41 })])]);
    const local: WriteSegment = {
      samples: [gpuSample({ uuid: GPU_B, index: 1, ts: T0 + 1_000, temperatureC: 50 })],
      mark: null,
    };
    const outcome = await store.writeSegments([
      batch(1, [gpuSample({ uuid: GPU_A, ts: T0, temperatureC: 41 })]),
      batch(2, [gpuSample({ uuid: GPU_A, ts: T0 + 2_000, temperatureC: 42 })]),
      batch(2, [gpuSample({ uuid: GPU_A, ts: T0 + 2_000, temperatureC: 42 })]),
      local,
      batch(1, [gpuSample({ uuid: GPU_A, ts: T0 + 9_000, temperatureC: 77 })], OTHER_STREAM),
      batch(3, [
        gpuSample({ uuid: GPU_A, ts: T0 + 3_000, temperatureC: 43 }),
        gpuSample({ uuid: GPU_B, index: 1, ts: T0 + 3_000 }),
      ]),
    ]);
    expect(outcome).toEqual({ written: 5, duplicateSegments: 2, duplicateRows: 2 });
    expect((await allSamples(store)).map((sample) => [sample.uuid, sample.ts])).toEqual([
      [GPU_A, T0],
      [GPU_B, T0 + 1_000],
      [GPU_A, T0 + 2_000],
      [GPU_A, T0 + 3_000],
      [GPU_B, T0 + 3_000],
      [GPU_A, T0 + 9_000],
    ]);
    expect(await store.streamMark(STREAM)).toBe(3);
    expect(await store.streamMark(OTHER_STREAM)).toBe(1);
    expect((await minuteTotals(store)).samples).toBe(6);
  });

  it('always writes segments without a mark (the server’s own samples)', async () => {
    const store = await withTwoGpus(await open());
    const local: WriteSegment = { samples: sampleRun(1), mark: null };
    expect(await store.writeSegments([local])).toEqual({ written: 8, duplicateSegments: 0, duplicateRows: 0 });
    expect(await store.writeSegments([local])).toEqual({ written: 8, duplicateSegments: 0, duplicateRows: 0 });
    await store.insertSamples(sampleRun(1));
    expect(await allSamples(store)).toHaveLength(24);
    expect((await minuteTotals(store)).samples).toBe(24);
  });

  it('reads a stream’s mark, 0 for a stream it has never seen', async () => {
    const store = await withTwoGpus(await open());
    expect(await store.streamMark(STREAM)).toBe(0);
    await store.writeSegments([batch(7, [gpuSample({ uuid: GPU_A, ts: T0 })]), batch(9, [], OTHER_STREAM)]);
    expect(await store.streamMark(STREAM)).toBe(7);
    expect(await store.streamMark(OTHER_STREAM)).toBe(9);
    expect(await store.streamMark('7f1c3a52-0000-4000-8000-00000000000f')).toBe(0);
  });

  it('moves the host’s last-seen time to its newest written sample, never with a skipped batch', async () => {
    const store = await open({ clock: new ManualClock(T0) });
    await store.upsertHost({
      hostId: 'host-a',
      hostname: 'workstation',
      labels: {},
      agentVersion: '1.4.0',
      seenAt: T0,
    });
    await withTwoGpus(store);
    await store.writeSegments([batch(1, [gpuSample({ uuid: GPU_A, ts: T0 + 5 * MINUTE })])]);
    const lastSeen = async () => (await store.listHosts()).find((host) => host.hostId === 'host-a')?.lastSeenAt;
    expect(await lastSeen()).toBe(T0 + 5 * MINUTE);
    await store.writeSegments([batch(1, [gpuSample({ uuid: GPU_A, ts: T0 + 9 * MINUTE })])]);
    expect(await lastSeen()).toBe(T0 + 5 * MINUTE);
    await store.writeSegments([batch(2, [gpuSample({ uuid: GPU_A, ts: T0 + 2 * MINUTE })])]);
    expect(await lastSeen()).toBe(T0 + 5 * MINUTE);
  });

  it('leaves nothing of a call that fails: no rows, and the marks where they were', async () => {
    const store = await withTwoGpus(await open());
    await store.writeSegments([batch(1, [gpuSample({ uuid: GPU_A, ts: T0 })])]);
    const bad = gpuSample({ uuid: GPU_A, ts: Number.NaN });
    await expect(
      store.writeSegments([batch(2, [gpuSample({ uuid: GPU_A, ts: T0 + 1_000 })]), batch(3, [bad])]),
    ).rejects.toThrow();
    expect(await store.streamMark(STREAM)).toBe(1);
    expect(await allSamples(store)).toHaveLength(1);
    expect(await store.writeSegments([batch(2, [gpuSample({ uuid: GPU_A, ts: T0 + 1_000 })])])).toMatchObject({
      written: 1,
    });
  });

  it('forgets streams not written to since the raw retention cutoff', async () => {
    const clock = new ManualClock(T0);
    const store = await withTwoGpus(await open({ clock }));
    await store.writeSegments([batch(4, [gpuSample({ uuid: GPU_A, ts: T0 })])]);
    clock.advance(3 * DAY);
    await store.writeSegments([batch(2, [gpuSample({ uuid: GPU_A, ts: T0 + 3 * DAY })], OTHER_STREAM)]);
    await store.applyRetention({ raw: T0 + 2 * DAY });
    expect(await store.streamMark(STREAM)).toBe(0);
    expect(await store.streamMark(OTHER_STREAM)).toBe(2);
  });
});
