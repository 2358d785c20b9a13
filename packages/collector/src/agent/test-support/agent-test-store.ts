import type { AgentBatch } from '@gpu-sentinel/protocol';

export interface TestStream {
  /** The highest seq stored: batches at or below it are skipped, as the real store does. */
  mark: number;
  /** Seqs stored, in the order they were stored. */
  seqs: number[];
  samples: number;
}

/**
 * The store side of the agent protocol as the server keeps it, in memory: a mark per stream, a
 * batch stored once. Outlives a test server so a "restarted" server keeps what was stored.
 */
export class AgentTestStore {
  readonly streams = new Map<string, TestStream>();
  /** Batches that arrived at or below their stream's mark (sent twice). */
  duplicates = 0;

  /** Store a batch unless it is at or below the mark; returns whether it was stored. */
  apply(streamId: string, batch: AgentBatch): boolean {
    const stream = this.streamOf(streamId);
    if (batch.seq <= stream.mark) {
      this.duplicates++;
      return false;
    }
    stream.mark = batch.seq;
    stream.seqs.push(batch.seq);
    stream.samples += batch.samples.length;
    return true;
  }

  markOf(streamId: string): number {
    return this.streams.get(streamId)?.mark ?? 0;
  }

  seqsOf(streamId: string): number[] {
    return [...(this.streams.get(streamId)?.seqs ?? [])];
  }

  private streamOf(streamId: string): TestStream {
    let stream = this.streams.get(streamId);
    if (stream === undefined) {
      stream = { mark: 0, seqs: [], samples: 0 };
      this.streams.set(streamId, stream);
    }
    return stream;
  }
}
