import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store, WriteOutcome, WriteSegment } from '../store/store.js';
import { gpuInfo, gpuSample, makeTempDir, type TempDir } from '../store/test-fixtures.js';
import {
  SampleWriter,
  systemIntervalTimer,
  type IntervalTimer,
  type SampleWriterOptions,
  type SegmentCallbacks,
  type WriteRefusal,
} from './sample-writer.js';

const T0 = 1_767_225_600_000;
const A = 'GPU-aaaaaaaa-0000-0000-0000-000000000001';

/** A timer the test fires by hand. */
class ManualTimer implements IntervalTimer {
  private ticks = new Set<() => void>();
  every(_ms: number, tick: () => void): () => void {
    this.ticks.add(tick);
    return () => this.ticks.delete(tick);
  }
  fire(): void {
    for (const tick of this.ticks) tick();
  }
  get isRunning(): boolean {
    return this.ticks.size > 0;
  }
}

/** The real store behind a gate, to play a store that is slow to commit. */
class GatedStore implements Pick<Store, 'writeSegments'> {
  calls = 0;
  maxInFlight = 0;
  private inFlight = 0;
  private release: (() => void) | undefined;
  private gate: Promise<void> | undefined;
  constructor(private readonly store: Store) {}
  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }
  open(): void {
    this.release?.();
    this.gate = undefined;
  }
  async writeSegments(segments: readonly WriteSegment[]): Promise<WriteOutcome> {
    this.calls += 1;
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      await this.gate;
      return await this.store.writeSegments(segments);
    } finally {
      this.inFlight -= 1;
    }
  }
}

let dir: TempDir;
let store: Store;
let timer: ManualTimer;
beforeEach(async () => {
  dir = makeTempDir();
  store = createSqliteStore({ dataDir: dir.path });
  await store.migrate();
  await store.upsertInventory([gpuInfo({ uuid: A })]);
  timer = new ManualTimer();
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

const ticks = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => gpuSample({ uuid: A, ts: T0 + (from + i) * 250, temperatureC: from + i }));
/** The timestamps of the rows in the file, one 1 ms bucket each. */
const storedTicks = async () =>
  (await store.history({ uuid: A, from: T0, to: T0 + 1_000_000, points: 1_000_000 })).points.map(
    (p) => (p.ts - T0) / 250,
  );
const STREAM = '6f1c1f84-7c55-4c3a-9d1e-0a7f3f1b2c3d';

/** Which segments (by the test's number) were stored or failed, in the order they were told. */
function recorder(): {
  stored: number[];
  failed: [number, WriteRefusal['reason']][];
  callbacks(id: number): SegmentCallbacks;
} {
  const stored: number[] = [];
  const failed: [number, WriteRefusal['reason']][] = [];
  return {
    stored,
    failed,
    callbacks: (id) => ({ onStored: () => stored.push(id), onFailed: (refusal) => failed.push([id, refusal.reason]) }),
  };
}
const options: SampleWriterOptions = { batchRows: 10, flushMs: 1_000, maxQueuedRows: 50 };

describe('SampleWriter', () => {
  it('flushes as soon as a batch is full, in one insert', async () => {
    const gated = new GatedStore(store);
    const writer = new SampleWriter(gated, timer, options);
    writer.enqueue(ticks(0, 9));
    expect(gated.calls).toBe(0);
    writer.enqueue(ticks(9, 1));
    await writer.flush();
    expect(gated.calls).toBe(1);
    expect(await storedTicks()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(writer.getStats()).toMatchObject({ written: 10, dropped: 0, queued: 0, failedBatches: 0 });
    await writer.close();
  });

  it('flushes a partial batch when the timer fires', async () => {
    const writer = new SampleWriter(store, timer, options);
    writer.enqueue(ticks(0, 3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await storedTicks()).toEqual([]);
    expect(writer.getStats().queued).toBe(3);

    timer.fire();
    await writer.flush(); // joins the flush the timer started
    expect(await storedTicks()).toEqual([0, 1, 2]);
    expect(writer.getStats()).toMatchObject({ written: 3, queued: 0 });
    await writer.close();
  });

  it('with the system timer, writes a partial batch within flushMs', async () => {
    const writer = new SampleWriter(store, systemIntervalTimer, { ...options, flushMs: 20 });
    writer.enqueue(ticks(0, 3));
    await expect.poll(storedTicks, { timeout: 2_000, interval: 10 }).toEqual([0, 1, 2]);
    await writer.close();
  });

  it('stops queuing while recording is off, and resumes', async () => {
    const writer = new SampleWriter(store, timer, options);
    writer.enqueue(ticks(0, 2));
    writer.setRecording(false);
    writer.enqueue(ticks(2, 30));
    expect(writer.getStats()).toMatchObject({ queued: 2, isRecording: false });
    writer.setRecording(true);
    writer.enqueue(ticks(32, 1));
    await writer.close();
    expect(await storedTicks()).toEqual([0, 1, 32]);
    expect(writer.getStats()).toMatchObject({ written: 3, dropped: 0 });
  });

  it('never runs two inserts at once, and drops the oldest rows past the bound while the store is slow', async () => {
    const gated = new GatedStore(store);
    gated.hold();
    const writer = new SampleWriter(gated, timer, options);
    writer.enqueue(ticks(0, 10)); // batch 0-9 goes to the store and waits there
    for (let i = 10; i < 100; i += 10) {
      writer.enqueue(ticks(i, 10));
      timer.fire();
    }
    expect(gated.calls).toBe(1);
    // 90 rows arrived while the store held the first batch; the queue keeps the newest 50.
    expect(writer.getStats()).toMatchObject({ queued: 50, dropped: 40, written: 0 });

    gated.open();
    await writer.close();
    expect(gated.calls).toBe(6);
    expect(gated.maxInFlight).toBe(1);
    expect(await storedTicks()).toEqual([...ticks(0, 10), ...ticks(50, 50)].map((s) => (s.ts - T0) / 250));
    expect(writer.getStats()).toMatchObject({ written: 60, dropped: 40, queued: 0, failedBatches: 0 });
  });

  it('counts a batch the store refuses and goes on with the next', async () => {
    const failures: number[] = [];
    const writer = new SampleWriter(store, timer, { ...options, onBatchFailed: (_error, rows) => failures.push(rows) });
    writer.enqueue([...ticks(0, 4), gpuSample({ uuid: A, ts: Number.NaN }), ...ticks(5, 5)]);
    await writer.flush();
    writer.enqueue(ticks(10, 3));
    await writer.close();

    expect(await storedTicks()).toEqual([10, 11, 12]);
    expect(failures).toEqual([10]);
    expect(writer.getStats()).toMatchObject({ written: 3, dropped: 10, failedBatches: 1 });
    expect(writer.getStats().lastError).toMatch(/NOT NULL/);
  });

  it('writes everything left on close, then ignores late samples and stops its timer', async () => {
    const writer = new SampleWriter(store, timer, options);
    writer.enqueue(ticks(0, 25));
    await writer.close();
    expect(await storedTicks()).toHaveLength(25);
    expect(timer.isRunning).toBe(false);
    writer.enqueue(ticks(25, 1));
    expect(writer.getStats()).toMatchObject({ written: 25, queued: 0 });
  });

  it("writes an agent's batch once, tells when it is stored, and counts a replay as a duplicate", async () => {
    const writer = new SampleWriter(store, timer, options);
    const outcomes = recorder();
    const mark = { streamId: STREAM, hostId: 'host-a', seq: 1 };
    writer.enqueueSegment({ samples: ticks(0, 4), mark }, outcomes.callbacks(1));
    writer.enqueueSegment({ samples: ticks(4, 4), mark: { ...mark, seq: 2 } }, outcomes.callbacks(2));
    expect(outcomes.stored).toEqual([]);
    await writer.flush();
    expect(outcomes.stored).toEqual([1, 2]);

    writer.enqueueSegment({ samples: ticks(4, 4), mark: { ...mark, seq: 2 } }, outcomes.callbacks(3));
    await writer.flush();
    expect(outcomes.stored).toEqual([1, 2, 3]);
    expect(await storedTicks()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await store.streamMark(STREAM)).toBe(2);
    expect(writer.getStats()).toMatchObject({ written: 8, duplicates: 4, dropped: 0 });
    await writer.close();
  });

  it("refuses an agent's batch while the queue is full instead of dropping rows, and keeps local rows bounded", async () => {
    const gated = new GatedStore(store);
    gated.hold();
    const writer = new SampleWriter(gated, timer, options);
    const outcomes = recorder();
    writer.enqueue(ticks(0, 10)); // in flight, held by the store
    const mark = { streamId: STREAM, hostId: 'host-a', seq: 1 };
    writer.enqueueSegment({ samples: ticks(10, 40), mark }, outcomes.callbacks(1));
    writer.enqueueSegment({ samples: ticks(50, 20), mark: { ...mark, seq: 2 } }, outcomes.callbacks(2));
    expect(outcomes.failed).toEqual([[2, 'busy']]);
    writer.enqueue(ticks(70, 20)); // local rows over the bound: the oldest local ones are cut, the agent's stay
    expect(writer.getStats()).toMatchObject({ queued: 50, dropped: 10 });

    gated.open();
    await writer.close();
    expect(outcomes.stored).toEqual([1]);
    expect(await storedTicks()).toEqual(
      Array.from({ length: 50 }, (_, i) => i).concat(ticks(80, 10).map((s) => (s.ts - T0) / 250)),
    );
  });

  it("acknowledges an agent's batch without writing it while recording is off, and refuses after close", async () => {
    const writer = new SampleWriter(store, timer, options);
    const outcomes = recorder();
    writer.setRecording(false);
    writer.enqueueSegment(
      { samples: ticks(0, 3), mark: { streamId: STREAM, hostId: 'host-a', seq: 1 } },
      outcomes.callbacks(1),
    );
    expect(outcomes.stored).toEqual([1]);
    await writer.close();
    writer.enqueueSegment(
      { samples: ticks(3, 3), mark: { streamId: STREAM, hostId: 'host-a', seq: 2 } },
      outcomes.callbacks(2),
    );
    expect(outcomes.failed).toEqual([[2, 'closed']]);
    expect(await storedTicks()).toEqual([]);
  });

  it("reports an agent's batch failed when its write fails, so the agent replays it", async () => {
    const writer = new SampleWriter(store, timer, options);
    const outcomes = recorder();
    const bad = [gpuSample({ uuid: A, ts: Number.NaN })];
    writer.enqueueSegment(
      { samples: bad, mark: { streamId: STREAM, hostId: 'host-a', seq: 1 } },
      outcomes.callbacks(1),
    );
    await writer.flush();
    expect(outcomes.failed).toEqual([[1, 'failed']]);
    expect(await store.streamMark(STREAM)).toBe(0);
    expect(writer.getStats()).toMatchObject({ failedBatches: 1, dropped: 0 });
    await writer.close();
  });

  it('reports its lag: how long the oldest queued row has waited, through a slow write, and the last write', async () => {
    let now = T0;
    const gated = new GatedStore(store);
    const writer = new SampleWriter(gated, timer, { ...options, now: () => now });
    expect(writer.lag()).toEqual({ lagMs: 0, lastWrite: null });

    writer.enqueue(ticks(0, 3));
    now += 700;
    writer.enqueue(ticks(3, 2));
    expect(writer.lag().lagMs).toBe(700);

    gated.hold();
    timer.fire(); // the write starts and hangs: its rows still count as waiting
    now += 2_000;
    expect(writer.getStats().queued).toBe(0);
    expect(writer.lag().lagMs).toBe(2_700);

    now += 300;
    gated.open();
    await writer.flush();
    expect(writer.lag()).toEqual({ lagMs: 0, lastWrite: { at: T0 + 3_000, durationMs: 2_300, rows: 5 } });
    await writer.close();
  });

  it('refuses a queue bound smaller than a batch', () => {
    expect(() => new SampleWriter(store, timer, { ...options, maxQueuedRows: 5 })).toThrow(RangeError);
  });
});
