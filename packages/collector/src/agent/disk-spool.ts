import { close, fsync, openSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { AgentBatch, type GpuSample } from '@gpu-sentinel/protocol';
import { errorMessageOf, silentAgentLogger, type AgentLogger } from './agent-logger.js';
import { emptySegment, lastSeqOf, loadSegments, unackedIn, type SpoolSegment } from './spool-segment.js';
import { loadOrCreateStream } from './stream-identity.js';

/** One hour of 8 GPUs at 4 Hz. */
export const DEFAULT_SPOOL_SAMPLES = 115_200;
/** The newest batches, kept in memory too: a connection that is caught up replays them without reading a file. */
const RECENT_BATCHES = 32;
/** A minute of batches at 4 Hz per segment file. */
export const DEFAULT_SEGMENT_BATCHES = 240;

export interface DiskSpoolOptions {
  dir: string;
  /** Past this many samples on disk the oldest segments are dropped (default 115,200). */
  maxSamples?: number;
  /** Batches per segment file (default 240). */
  segmentBatches?: number;
  logger?: AgentLogger;
}

export interface SpoolStats {
  streamId: string;
  /** The newest batch's seq (0: none yet). */
  lastSeq: number;
  ackedSeq: number;
  pendingBatches: number;
  pendingSamples: number;
  /** Unacked batches dropped, oldest first, because the spool was full. */
  droppedBatches: number;
  droppedSamples: number;
  /** Lines torn by a crash (or otherwise unreadable), skipped on load. */
  tornLines: number;
  segments: number;
  bytes: number;
}

/** A batch as appended, with the JSON it was written as (the same text goes on the wire). */
export interface SpooledBatch {
  batch: AgentBatch;
  json: string;
}

/**
 * Every batch is written here before it is sent, as an NDJSON line in segment files, and deleted
 * once the server acks it. Writes go to the page cache without fsync: a crashed process loses
 * nothing, and the cost per tick stays small enough for many agents in one process. The newest
 * segment is always kept, so the next seq after a restart follows the last one ever used.
 */
export class DiskSpool {
  private readonly segments: SpoolSegment[];
  private readonly maxSamples: number;
  private readonly segmentBatches: number;
  private readonly segmentSamples: number;
  private readonly logger: AgentLogger;
  private activeFd: number | null = null;
  private readonly recent: AgentBatch[] = [];
  private nextSeq: number;
  private acked = 0;
  private droppedBatches = 0;
  private droppedSamples = 0;
  private retainedSamples: number;

  private constructor(
    private readonly dir: string,
    readonly streamId: string,
    segments: SpoolSegment[],
    private readonly tornLines: number,
    options: DiskSpoolOptions,
  ) {
    this.segments = segments;
    this.maxSamples = options.maxSamples ?? DEFAULT_SPOOL_SAMPLES;
    this.segmentBatches = options.segmentBatches ?? DEFAULT_SEGMENT_BATCHES;
    // Dropping goes by whole segments: keep each small beside the bound.
    this.segmentSamples = Math.max(1, Math.floor(this.maxSamples / 8));
    this.logger = options.logger ?? silentAgentLogger;
    const newest = segments.at(-1);
    this.nextSeq = newest === undefined ? 1 : lastSeqOf(newest) + 1;
    this.retainedSamples = segments.reduce((sum, segment) => sum + segment.samples, 0);
  }

  /** Open (or create) the spool in `dir`, keeping its stream and indexing what it holds. */
  static async open(options: DiskSpoolOptions): Promise<DiskSpool> {
    await mkdir(options.dir, { recursive: true });
    const stream = await loadOrCreateStream(options.dir);
    const loaded = await loadSegments(options.dir);
    const logger = options.logger ?? silentAgentLogger;
    if (stream.isNew && loaded.segments.length > 0) {
      // Without their stream the server could not deduplicate them: they cannot be replayed safely.
      logger.warn(
        `spool ${options.dir} had batches but no stream.json: ${String(loaded.segments.length)} files discarded`,
      );
      for (const segment of loaded.segments.splice(0)) await unlink(segment.path);
    }
    if (loaded.tornLines > 0) logger.warn(`spool: skipped ${String(loaded.tornLines)} torn line(s) left by a crash`);
    return new DiskSpool(options.dir, stream.streamId, loaded.segments, loaded.tornLines, options);
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  get ackedSeq(): number {
    return this.acked;
  }

  /** Number the samples as the next batch and write it; returns it with its JSON. */
  append(samples: GpuSample[]): SpooledBatch {
    const batch: AgentBatch = { type: 'batch', seq: this.nextSeq, samples };
    const json = JSON.stringify(batch);
    const segment = this.activeSegment();
    const line = `${json}\n`;
    this.activeFd ??= openSync(segment.path, 'a');
    writeSync(this.activeFd, line);
    this.nextSeq++;
    segment.seqs.push(batch.seq);
    segment.sampleCounts.push(samples.length);
    segment.samples += samples.length;
    segment.bytes += Buffer.byteLength(line);
    this.retainedSamples += samples.length;
    this.recent.push(batch);
    if (this.recent.length > RECENT_BATCHES) this.recent.shift();
    this.enforceBound();
    return { batch, json };
  }

  /** Everything up to `seq` is stored by the server (cumulative): delete the segments wholly behind it. */
  ack(seq: number): void {
    if (seq <= this.acked) return;
    this.acked = Math.min(seq, this.lastSeq);
    while (this.segments.length > 1) {
      const oldest = this.segments[0];
      if (oldest === undefined || lastSeqOf(oldest) > this.acked) break;
      this.removeOldest();
    }
  }

  /**
   * The server already holds this stream up to `seq`, beyond what the spool numbered (its files
   * were removed but not stream.json): number new batches after it, or the server would skip them.
   */
  advancePast(seq: number): void {
    if (seq < this.nextSeq) return;
    this.logger.warn(`the server holds this stream up to seq ${String(seq)}: numbering continues after it`);
    this.nextSeq = seq + 1;
    this.acked = seq;
  }

  /** Unacked batches after `afterSeq` in seq order, read one segment file at a time. */
  async *pending(afterSeq: number): AsyncGenerator<AgentBatch> {
    let from = Math.max(afterSeq, this.acked);
    const oldestRecent = this.recent[0];
    if (oldestRecent !== undefined && from >= oldestRecent.seq - 1) {
      for (const batch of [...this.recent]) if (batch.seq > from) yield batch;
      return;
    }
    for (const segment of [...this.segments]) {
      if (lastSeqOf(segment) <= from) continue;
      let text: string;
      try {
        text = await readFile(segment.path, 'utf8');
      } catch {
        continue; // Dropped or acked while reading: nothing there to send.
      }
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const batch = parseLine(line);
        if (batch === null || batch.seq <= from) continue;
        from = batch.seq;
        yield batch;
      }
    }
  }

  stats(): SpoolStats {
    return {
      streamId: this.streamId,
      lastSeq: this.lastSeq,
      ackedSeq: this.acked,
      ...unackedIn(this.segments, this.acked),
      droppedBatches: this.droppedBatches,
      droppedSamples: this.droppedSamples,
      tornLines: this.tornLines,
      segments: this.segments.length,
      bytes: this.segments.reduce((sum, segment) => sum + segment.bytes, 0),
    };
  }

  /** Write the active segment through to disk and close it. */
  async close(): Promise<void> {
    const fd = this.activeFd;
    this.activeFd = null;
    if (fd !== null) await syncAndClose(fd, this.logger);
  }

  private activeSegment(): SpoolSegment {
    const active = this.segments.at(-1);
    const isFull =
      active !== undefined && (active.seqs.length >= this.segmentBatches || active.samples >= this.segmentSamples);
    // Segments loaded at start are never appended to: a new run starts its own file.
    if (active !== undefined && !isFull && (this.activeFd !== null || active.seqs.length === 0)) return active;
    if (this.activeFd !== null) void syncAndClose(this.activeFd, this.logger);
    this.activeFd = null;
    const segment = emptySegment(this.dir, this.nextSeq);
    this.segments.push(segment);
    return segment;
  }

  /** Over the bound: drop the oldest segments (never the active one), counting what was never acked. */
  private enforceBound(): void {
    let batches = 0;
    let samples = 0;
    while (this.retainedSamples > this.maxSamples && this.segments.length > 1) {
      const dropped = unackedIn([this.removeOldest()], this.acked);
      batches += dropped.pendingBatches;
      samples += dropped.pendingSamples;
    }
    if (batches === 0) return;
    this.droppedBatches += batches;
    this.droppedSamples += samples;
    this.logger.warn(
      `spool full (${String(this.maxSamples)} samples): dropped the oldest ${String(batches)} unsent batch(es), ` +
        `${String(samples)} samples (${String(this.droppedBatches)} batches dropped since start)`,
    );
  }

  private removeOldest(): SpoolSegment {
    const oldest = this.segments.shift();
    if (oldest === undefined) throw new Error('spool: no segment to remove');
    this.retainedSamples -= oldest.samples;
    try {
      unlinkSync(oldest.path);
    } catch (error) {
      this.logger.warn(`spool: could not delete ${oldest.path}: ${errorMessageOf(error)}`);
    }
    return oldest;
  }
}

function parseLine(line: string): AgentBatch | null {
  try {
    const parsed = AgentBatch.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A finished segment is fsynced so a power cut loses at most the active one. */
function syncAndClose(fd: number, logger: AgentLogger): Promise<void> {
  return new Promise((resolve) => {
    fsync(fd, (syncError) => {
      if (syncError !== null) logger.warn(`spool: fsync failed: ${syncError.message}`);
      close(fd, () => {
        resolve();
      });
    });
  });
}
