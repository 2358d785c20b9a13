import type { Clock } from '@gpu-sentinel/core';
import type { RetentionRun, RetentionSettings, StorageSettingsBody } from '@gpu-sentinel/protocol';
import type { Store } from '../../store/store.js';
import type { IntervalTimer } from '../sample-writer.js';
import { perTier, retentionCutoffs } from './retention-cutoffs.js';
import { loadRetention, mergeRetention, saveRetention, type SettingsPort } from './retention-settings.js';

export interface RetentionLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface RetentionJobDeps {
  store: Pick<Store, 'applyRetention'>;
  settings: SettingsPort;
  /** From the configuration; the stored setting wins once an admin has saved one. */
  defaults: RetentionSettings;
  clock: Clock;
  timer: IntervalTimer;
  intervalMs: number;
  log: RetentionLog;
  /** Runs happen only while this is true: on replicas, where this one owns the retention lease. */
  isLeader?: () => boolean;
}

/** What routes see of the job: the retention in force, the last run, and changing the retention. */
export interface RetentionControl {
  retention(): RetentionSettings;
  lastRun(): RetentionRun | null;
  update(patch: StorageSettingsBody['retention']): Promise<RetentionSettings>;
}

/**
 * Deletes what each tier keeps no longer: at start, every `intervalMs`, and after a change. Runs
 * never overlap: a timer tick during a run is skipped, a change during a run gets one run right
 * after it. Each run rereads the stored setting, so a change made through another server on the
 * same database is applied here by the next run.
 */
export class RetentionJob implements RetentionControl {
  private current: RetentionSettings;
  private last: RetentionRun | null = null;
  private running: Promise<RetentionRun | null> | null = null;
  private followUp: Promise<RetentionRun | null> | null = null;
  private stopTimer: (() => void) | null = null;
  private isClosed = false;

  constructor(private readonly deps: RetentionJobDeps) {
    this.current = deps.defaults;
  }

  /** Load the stored retention, start the first run (not awaited: a big delete must not hold up the start) and the timer. */
  async start(): Promise<void> {
    await this.reload();
    void this.run();
    this.stopTimer = this.deps.timer.every(this.deps.intervalMs, () => {
      if (this.running === null) void this.run();
    });
  }

  retention(): RetentionSettings {
    return this.current;
  }

  lastRun(): RetentionRun | null {
    return this.last;
  }

  /** Store the new retention, then start a run that applies it (not awaited). */
  async update(patch: StorageSettingsBody['retention']): Promise<RetentionSettings> {
    const next = mergeRetention(this.current, patch);
    await saveRetention(this.deps.settings, next);
    this.current = next;
    void this.run();
    return next;
  }

  /** One run now, or right after the one in progress; null once closed. Never rejects: a failure is the run's `error`. */
  run(): Promise<RetentionRun | null> {
    if (this.running === null) {
      this.running = this.execute().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.followUp ??= this.running.then(() => {
      this.followUp = null;
      return this.run();
    });
    return this.followUp;
  }

  /** Stop the timer and wait for a run in progress (and its follow-up) to end. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.stopTimer?.();
    this.stopTimer = null;
    await this.followUp;
    await this.running;
  }

  private async execute(): Promise<RetentionRun | null> {
    if (this.isClosed || !(this.deps.isLeader?.() ?? true)) return null;
    const { clock, log } = this.deps;
    const at = clock.now();
    let run: RetentionRun;
    try {
      await this.reload();
      const result = await this.deps.store.applyRetention(retentionCutoffs(this.current, at));
      run = { at, durationMs: clock.now() - at, ...result, error: null };
      log.info({ retention: this.current, ...result, durationMs: run.durationMs }, 'retention run finished');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      run = {
        at,
        durationMs: clock.now() - at,
        deletedRows: perTier(() => 0),
        droppedPartitions: 0,
        error: message,
      };
      log.error({ err: error }, 'retention run failed; rows past their retention are kept until the next run');
    }
    this.last = run;
    return run;
  }

  private async reload(): Promise<void> {
    const loaded = await loadRetention(this.deps.settings, this.deps.defaults);
    if (loaded.problem !== null) this.deps.log.warn({ problem: loaded.problem }, 'stored retention ignored');
    this.current = loaded.settings;
  }
}
