import type { GpuSample } from '@gpu-sentinel/protocol';
import type { StreamMark, WriteOutcome, WriteSegment } from '../store.js';

/** What one writeSegments call stores, decided from the streams' marks as they stand (locked) in its transaction. */
export interface SegmentPlan {
  /** The samples of every segment that is written, in call order (the segment's own array when only one is). */
  samples: readonly GpuSample[];
  /** Each advanced stream with its highest written seq, sorted by stream id. */
  marks: StreamMark[];
  outcome: WriteOutcome;
}

/** The marked segments' streams, one each (the first segment's host), sorted by stream id: the order rows are locked in. */
export function markedStreams(segments: readonly WriteSegment[]): StreamMark[] {
  const streams = new Map<string, StreamMark>();
  for (const { mark } of segments) {
    if (mark !== null && !streams.has(mark.streamId)) streams.set(mark.streamId, mark);
  }
  return [...streams.values()].sort((a, b) => compareIds(a.streamId, b.streamId));
}

/**
 * A segment whose seq is at or below its stream's mark is a duplicate (a replay after an outage,
 * or one another replica stored first); the mark moves with each written segment, so a repeat in
 * the same call is caught too. A gap in seq is accepted: the agent's spool drops its oldest
 * batches when full. Segments without a mark are always written.
 */
export function planSegments(segments: readonly WriteSegment[], storedMarks: ReadonlyMap<string, number>): SegmentPlan {
  const marks = new Map(storedMarks);
  const advanced = new Map<string, StreamMark>();
  const written: (readonly GpuSample[])[] = [];
  const outcome: WriteOutcome = { written: 0, duplicateSegments: 0, duplicateRows: 0 };
  for (const { samples, mark } of segments) {
    if (mark !== null) {
      if (mark.seq <= (marks.get(mark.streamId) ?? 0)) {
        outcome.duplicateSegments += 1;
        outcome.duplicateRows += samples.length;
        continue;
      }
      marks.set(mark.streamId, mark.seq);
      advanced.set(mark.streamId, mark);
    }
    if (samples.length > 0) written.push(samples);
    outcome.written += samples.length;
  }
  return {
    samples: written.length === 1 ? (written[0] ?? []) : written.flat(),
    marks: [...advanced.values()].sort((a, b) => compareIds(a.streamId, b.streamId)),
    outcome,
  };
}

/** Code-unit order, the same on every engine and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
