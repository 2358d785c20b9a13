import type { GpuSample } from '@gpu-sentinel/protocol';
import type { Store } from '../store/store.js';

/** The timer part of a clock: runs `tick` every `ms` until the returned function is called. */
export interface IntervalTimer {
  every(ms: number, tick: () => void): () => void;
}

export const systemIntervalTimer: IntervalTimer = {
  every(ms, tick) {
    const handle = setInterval(tick, ms);
    handle.unref(); // a pending flush never keeps the process alive; close() flushes on shutdown
    return () => clearInterval(handle);
  },
};

export interface SampleWriterOptions {
  /** Flush as soon as this many rows are queued. */
  batchRows: number;
  /** Flush whatever is queued this often. */
  flushMs: number;
  /** The most rows held while the store is slow; past it the oldest are dropped and counted. */
  maxQueuedRows: number;
  /** Told about each batch the store refused (for the log); its rows are counted as dropped. */
  onBatchFailed?: (error: unknown, rows: number) => void;
}

export interface SampleWriterStats {
  /** Rows the store has committed. */
  written: number;
  /** Rows that will never be written: pushed out of a full queue, or in a batch the store refused. */
  dropped: number;
  failedBatches: number;
  queued: number;
  lastError: string | null;
  isRecording: boolean;
}

/**
 * Batches samples into the store: one `insertSamples` per batch, one batch at a time, from a
 * bounded queue. A failed batch is not retried (a constraint failure would fail forever and
 * hold back newer rows); SQLite's busy timeout already absorbs short lock waits.
 */
export class SampleWriter {
  private queue: GpuSample[] = [];
  private flushing: Promise<void> | undefined;
  private readonly stopTimer: () => void;
  private isClosed = false;
  private readonly stats: Omit<SampleWriterStats, 'queued'> = {
    written: 0,
    dropped: 0,
    failedBatches: 0,
    lastError: null,
    isRecording: true,
  };

  constructor(
    private readonly store: Pick<Store, 'insertSamples'>,
    timer: IntervalTimer,
    private readonly options: SampleWriterOptions,
  ) {
    const { batchRows, flushMs, maxQueuedRows } = options;
    if (!(batchRows >= 1 && flushMs >= 1 && maxQueuedRows >= batchRows)) {
      throw new RangeError('SampleWriter needs batchRows ≥ 1, flushMs ≥ 1 and maxQueuedRows ≥ batchRows');
    }
    this.stopTimer = timer.every(flushMs, () => {
      if (this.queue.length > 0) void this.flush();
    });
  }

  /** Queue one tick's samples. Ignored while recording is off or after close(). */
  enqueue(samples: readonly GpuSample[]): void {
    if (!this.stats.isRecording || this.isClosed) return;
    for (const sample of samples) this.queue.push(sample);
    const excess = this.queue.length - this.options.maxQueuedRows;
    if (excess > 0) {
      this.queue.splice(0, excess);
      this.stats.dropped += excess;
    }
    if (this.queue.length >= this.options.batchRows) void this.flush();
  }

  /** Pause or resume recording; what is already queued is still written. */
  setRecording(isRecording: boolean): void {
    this.stats.isRecording = isRecording;
  }

  get isRecording(): boolean {
    return this.stats.isRecording;
  }

  getStats(): SampleWriterStats {
    return { ...this.stats, queued: this.queue.length };
  }

  /** Write what is queued, in batches; joins the flush in progress if there is one. Never rejects. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Stop the timer, stop accepting samples, and write (or count as dropped) everything queued. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.stopTimer();
    while (this.flushing !== undefined || this.queue.length > 0) await this.flush();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.batchRows);
      try {
        await this.store.insertSamples(batch);
        this.stats.written += batch.length;
      } catch (error) {
        this.stats.failedBatches += 1;
        this.stats.dropped += batch.length;
        this.stats.lastError = error instanceof Error ? error.message : String(error);
        this.options.onBatchFailed?.(error, batch.length);
        return; // leave the rest for the next tick: give a struggling store a breather
      }
    }
  }
}
