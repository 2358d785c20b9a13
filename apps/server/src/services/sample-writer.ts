import type { Store, WriteOutcome, WriteSegment } from '../store/store.js';

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
  /** Flush as soon as this many rows are queued; a write carries whole segments up to about this many rows. */
  batchRows: number;
  /** Flush whatever is queued this often. */
  flushMs: number;
  /** The most rows held while the store is slow; past it local rows are dropped (oldest first) and agent batches refused. */
  maxQueuedRows: number;
  /** Told about each write the store refused (for the log); its local rows are counted as dropped. */
  onBatchFailed?: (error: unknown, rows: number) => void;
  /** The time, for the writer's lag and its last write; Date.now by default. */
  now?: () => number;
}

export interface SampleWriterStats {
  /** Rows the store has committed. */
  written: number;
  /** Local rows that will never be written: pushed out of a full queue, or in a write the store refused. */
  dropped: number;
  /** Rows of agent batches the store already held (a replay), skipped. */
  duplicates: number;
  failedBatches: number;
  queued: number;
  lastError: string | null;
  isRecording: boolean;
}

/** How far behind the writer is: the oldest queued row's wait, and the last write the store committed. */
export interface SampleWriterLag {
  /** Milliseconds the oldest queued segment has waited (0 with nothing queued). */
  lagMs: number;
  lastWrite: { at: number; durationMs: number; rows: number } | null;
}

/** Why a marked segment was not stored: the agent keeps it in its spool and sends it again. */
export interface WriteRefusal {
  reason: 'busy' | 'failed' | 'closed';
  message: string;
}

/** Told once per segment: after the transaction holding it committed, or when it will not be written. */
export interface SegmentCallbacks {
  onStored(): void;
  onFailed(refusal: WriteRefusal): void;
}

interface Queued {
  segment: WriteSegment;
  callbacks: SegmentCallbacks | undefined;
  queuedAt: number;
}

/**
 * Writes samples into the store in batches: one `writeSegments` per batch of whole segments, one
 * batch at a time, from a bounded queue. Local segments (mark null) are dropped oldest first when
 * the store falls behind; an agent's batch is refused instead (the agent keeps it in its spool and
 * replays it, and the stream's mark stores it once). A failed write is not retried here: its agent
 * batches are reported failed (their agents replay them), its local rows are dropped.
 */
export class SampleWriter {
  private queue: Queued[] = [];
  private queuedRows = 0;
  private flushing: Promise<void> | undefined;
  private readonly stopTimer: () => void;
  private isClosed = false;
  private lastWrite: SampleWriterLag['lastWrite'] = null;
  /** When the oldest segment of the batch being written was queued; null between writes. */
  private writingSince: number | null = null;
  private readonly now: () => number;
  private readonly stats: Omit<SampleWriterStats, 'queued'> = {
    written: 0,
    dropped: 0,
    duplicates: 0,
    failedBatches: 0,
    lastError: null,
    isRecording: true,
  };

  constructor(
    private readonly store: Pick<Store, 'writeSegments'>,
    timer: IntervalTimer,
    private readonly options: SampleWriterOptions,
  ) {
    const { batchRows, flushMs, maxQueuedRows } = options;
    this.now = options.now ?? Date.now;
    if (!(batchRows >= 1 && flushMs >= 1 && maxQueuedRows >= batchRows)) {
      throw new RangeError('SampleWriter needs batchRows ≥ 1, flushMs ≥ 1 and maxQueuedRows ≥ batchRows');
    }
    this.stopTimer = timer.every(flushMs, () => {
      if (this.queue.length > 0) void this.flush();
    });
  }

  /** Queue one tick of the server's own source. Ignored while recording is off or after close(). */
  enqueue(samples: WriteSegment['samples']): void {
    this.enqueueSegment({ samples, mark: null });
  }

  /**
   * Queue a segment. A marked one (an agent's batch) is told when it is stored or why not: refused
   * when the queue is full (`busy`) or closed; acknowledged without a write while recording is off
   * (the agent's data is not kept, as the server's own is not, and its spool must not fill up).
   */
  enqueueSegment(segment: WriteSegment, callbacks?: SegmentCallbacks): void {
    if (this.isClosed) {
      callbacks?.onFailed({ reason: 'closed', message: 'the server is shutting down' });
      return;
    }
    if (!this.stats.isRecording) {
      callbacks?.onStored();
      return;
    }
    const rows = segment.samples.length;
    if (segment.mark !== null && this.queuedRows + rows > this.options.maxQueuedRows && this.queue.length > 0) {
      callbacks?.onFailed({ reason: 'busy', message: 'the store is behind: try again later' });
      return;
    }
    this.queue.push({ segment, callbacks, queuedAt: this.now() });
    this.queuedRows += rows;
    if (segment.mark === null) this.dropOldestLocalRows();
    if (this.queuedRows >= this.options.batchRows) void this.flush();
  }

  /** Pause or resume recording; what is already queued is still written. */
  setRecording(isRecording: boolean): void {
    this.stats.isRecording = isRecording;
  }

  get isRecording(): boolean {
    return this.stats.isRecording;
  }

  getStats(): SampleWriterStats {
    return { ...this.stats, queued: this.queuedRows };
  }

  lag(): SampleWriterLag {
    const since = this.writingSince ?? this.queue[0]?.queuedAt;
    return { lagMs: since === undefined ? 0 : Math.max(0, this.now() - since), lastWrite: this.lastWrite };
  }

  /** Write what is queued, in batches; joins the flush in progress if there is one. Never rejects. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Stop the timer, stop accepting samples, and write (or report) everything queued. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.stopTimer();
    while (this.flushing !== undefined || this.queue.length > 0) await this.flush();
  }

  /** Past the bound, trim local rows from the front; agent batches stay (they were accepted). */
  private dropOldestLocalRows(): void {
    let excess = this.queuedRows - this.options.maxQueuedRows;
    if (excess <= 0) return;
    for (const queued of this.queue) {
      if (excess <= 0) break;
      if (queued.segment.mark !== null) continue;
      const cut = Math.min(excess, queued.segment.samples.length);
      queued.segment = { samples: queued.segment.samples.slice(cut), mark: null };
      // What is left of a trimmed segment waited as long as the segment did: queuedAt stays.
      excess -= cut;
      this.queuedRows -= cut;
      this.stats.dropped += cut;
    }
    this.queue = this.queue.filter((queued) => queued.segment.mark !== null || queued.segment.samples.length > 0);
  }

  private takeBatch(): Queued[] {
    let rows = 0;
    let count = 0;
    for (const queued of this.queue) {
      if (count > 0 && rows + queued.segment.samples.length > this.options.batchRows) break;
      rows += queued.segment.samples.length;
      count += 1;
    }
    const batch = this.queue.splice(0, count);
    this.queuedRows -= rows;
    return batch;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      const startedAt = this.now();
      this.writingSince = batch[0]?.queuedAt ?? null;
      let outcome: WriteOutcome;
      try {
        outcome = await this.store.writeSegments(batch.map((queued) => queued.segment));
      } catch (error) {
        this.failed(batch, error);
        return; // leave the rest for the next tick: give a struggling store a breather
      } finally {
        this.writingSince = null;
      }
      const at = this.now();
      this.lastWrite = { at, durationMs: at - startedAt, rows: outcome.written + outcome.duplicateRows };
      this.stats.written += outcome.written;
      this.stats.duplicates += outcome.duplicateRows;
      for (const queued of batch) queued.callbacks?.onStored();
    }
  }

  private failed(batch: readonly Queued[], error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const localRows = batch.reduce((sum, q) => sum + (q.segment.mark === null ? q.segment.samples.length : 0), 0);
    const rows = batch.reduce((sum, q) => sum + q.segment.samples.length, 0);
    this.stats.failedBatches += 1;
    this.stats.dropped += localRows;
    this.stats.lastError = message;
    this.options.onBatchFailed?.(error, rows);
    for (const queued of batch) queued.callbacks?.onFailed({ reason: 'failed', message: 'storing the batch failed' });
  }
}
