import { ManualClock } from '@gpu-sentinel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type RetentionCutoffs, type Store } from '../../store/index.js';
import type { IntervalTimer } from '../sample-writer.js';
import { retentionCutoffs } from './retention-cutoffs.js';
import { RetentionJob, type RetentionLog } from './retention-job.js';
import { RETENTION_SETTING_KEY } from './retention-settings.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 26, 12);
const DEFAULTS = { rawHours: 48, minuteDays: 30, tenMinuteDays: 90, hourDays: 400 };

/** A timer the test fires by hand. */
class ManualTimer implements IntervalTimer {
  tick: (() => void) | null = null;
  every(_ms: number, tick: () => void): () => void {
    this.tick = tick;
    return () => {
      this.tick = null;
    };
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

const quiet: RetentionLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('retentionCutoffs', () => {
  it('puts each tier’s cutoff its retention before now', () => {
    expect(retentionCutoffs({ rawHours: 2, minuteDays: 3, tenMinuteDays: 5, hourDays: 6 }, NOW)).toEqual({
      raw: NOW - 2 * HOUR,
      '1m': NOW - 3 * DAY,
      '10m': NOW - 5 * DAY,
      '1h': NOW - 6 * DAY,
    });
  });
});

describe('RetentionJob', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  /** A real store whose applyRetention the test can hold open, recording the cutoffs of each run. */
  async function setUp(options: { gate?: Promise<void>; failWith?: Error; isLeader?: () => boolean } = {}) {
    const store = createSqliteStore({ filename: ':memory:' });
    await store.migrate();
    stores.push(store);
    const calls: RetentionCutoffs[] = [];
    const timer = new ManualTimer();
    const clock = new ManualClock(NOW);
    const job = new RetentionJob({
      store: {
        applyRetention: async (cutoffs) => {
          calls.push({ ...cutoffs });
          await options.gate;
          if (options.failWith !== undefined) throw options.failWith;
          return store.applyRetention(cutoffs);
        },
      },
      settings: store.identity,
      defaults: DEFAULTS,
      clock,
      timer,
      intervalMs: 60_000,
      log: quiet,
      ...(options.isLeader === undefined ? {} : { isLeader: options.isLeader }),
    });
    return { store, job, calls, timer, clock };
  }

  it('runs at start with the configured defaults and records the run', async () => {
    const { job, calls } = await setUp();
    await job.start();
    await job.close();
    expect(calls).toEqual([retentionCutoffs(DEFAULTS, NOW)]);
    expect(job.lastRun()).toEqual({
      at: NOW,
      durationMs: 0,
      deletedRows: { raw: 0, '1m': 0, '10m': 0, '1h': 0 },
      droppedPartitions: 0,
      error: null,
    });
  });

  it('deletes nothing on a replica that does not own the retention lease, until it does', async () => {
    let isLeader = false;
    const { job, calls, timer } = await setUp({ isLeader: () => isLeader });
    await job.start();
    timer.tick?.();
    await job.run();
    expect(calls).toEqual([]);
    expect(job.lastRun()).toBeNull();
    isLeader = true;
    await job.run();
    await job.close();
    expect(calls).toEqual([retentionCutoffs(DEFAULTS, NOW)]);
  });

  it('prefers the stored setting over the defaults, and ignores a damaged one', async () => {
    const { store, job } = await setUp();
    await store.identity.setSetting(RETENTION_SETTING_KEY, '{"rawHours":6}');
    await job.start();
    expect(job.retention()).toEqual({ ...DEFAULTS, rawHours: 6 });
    await store.identity.setSetting(RETENTION_SETTING_KEY, 'not json');
    await job.run();
    expect(job.retention()).toEqual(DEFAULTS);
    await job.close();
  });

  it('loads a setting stored before 10-minute rollups existed, keeping the default for them', async () => {
    const { store, job, calls } = await setUp();
    await store.identity.setSetting(RETENTION_SETTING_KEY, '{"rawHours":12,"minuteDays":14,"hourDays":200}');
    await job.start();
    await job.close();
    expect(job.retention()).toEqual({ rawHours: 12, minuteDays: 14, tenMinuteDays: 90, hourDays: 200 });
    expect(calls.at(-1)?.['10m']).toBe(NOW - 90 * DAY);
  });

  it('stores a change, applies it in a run, and keeps it for the next start', async () => {
    const { store, job, calls, clock } = await setUp();
    await job.start();
    await job.close();
    const restarted = new RetentionJob({
      store,
      settings: store.identity,
      defaults: DEFAULTS,
      clock,
      timer: new ManualTimer(),
      intervalMs: 60_000,
      log: quiet,
    });
    await job.update({ minuteDays: 7, tenMinuteDays: 60 });
    expect(calls.at(-1)).toEqual(retentionCutoffs(DEFAULTS, NOW));
    await restarted.start();
    expect(restarted.retention()).toEqual({ ...DEFAULTS, minuteDays: 7, tenMinuteDays: 60 });
    await restarted.close();
  });

  it('never overlaps: a tick during a run is skipped, a change during a run gets one run after it', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { job, calls, timer } = await setUp({ gate });
    await job.start();
    await until(() => calls.length === 1);
    timer.tick?.();
    const first = job.update({ rawHours: 1 });
    const second = job.update({ rawHours: 2 });
    await Promise.all([first, second]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);
    open();
    await until(() => calls.length === 2);
    await job.close();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.raw).toBe(NOW - 2 * HOUR);
  });

  it('records a failed run with its error and runs again on the next tick', async () => {
    const { job, calls, timer } = await setUp({ failWith: new Error('database is locked') });
    await job.start();
    await job.run();
    expect(job.lastRun()?.error).toBe('database is locked');
    timer.tick?.();
    await job.close();
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });
});
