import { describe, expect, it } from 'vitest';
import type { WriteSegment } from '../store.js';
import { gpuSample } from '../test-fixtures.js';
import { markedStreams, planSegments } from './segment-plan.js';

const T0 = 1_767_225_600_000;
const samples = (count: number, from = T0) =>
  Array.from({ length: count }, (_, i) => gpuSample({ uuid: 'GPU-a', ts: from + i }));
const seg = (streamId: string | null, seq: number, count: number): WriteSegment => ({
  samples: samples(count, T0 + seq * 1_000),
  mark: streamId === null ? null : { streamId, hostId: 'host-a', seq },
});

describe('planSegments', () => {
  it('skips segments at or below the stored mark and repeats within the call; keeps unmarked ones', () => {
    const segments = [
      seg('s2', 4, 1),
      seg('s1', 3, 2),
      seg('s1', 4, 3),
      seg(null, 0, 4),
      seg('s1', 4, 5),
      seg('s1', 9, 6),
    ];
    const plan = planSegments(segments, new Map([['s1', 3]]));
    expect(plan.outcome).toEqual({ written: 1 + 3 + 4 + 6, duplicateSegments: 2, duplicateRows: 2 + 5 });
    expect(plan.samples).toHaveLength(14);
    expect(plan.marks).toEqual([
      { streamId: 's1', hostId: 'host-a', seq: 9 },
      { streamId: 's2', hostId: 'host-a', seq: 4 },
    ]);
  });

  it('hands a lone written segment through as it is, with no mark to move when unmarked', () => {
    const only = seg(null, 0, 3);
    const plan = planSegments([only], new Map());
    expect(plan.samples).toBe(only.samples);
    expect(plan.marks).toEqual([]);
  });

  it('lists each marked stream once, in stream order (the order rows are locked in)', () => {
    expect(
      markedStreams([seg('b', 1, 0), seg(null, 0, 1), seg('a', 2, 0), seg('b', 2, 0)]).map((s) => s.streamId),
    ).toEqual(['a', 'b']);
  });
});
