import { describe, expect, it } from 'vitest';
import { timeWindowChunks, type TimeKey, type TimeWindowSource } from './time-window-chunks.js';

type Row = TimeKey;
const DAY = 86_400_000;

/** An in-memory table ordered by (ts, gpu_id), counting the queries made of it and the rows each had to sort. */
function table(rows: Row[], isKeyUnique: boolean) {
  const sorted = [...rows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const stats = { reads: 0, largestWindow: 0 };
  const source: TimeWindowSource<Row> = {
    isKeyUnique,
    keyOf: (row) => row,
    firstTs: (from, to) => Promise.resolve(sorted.find((row) => row[0] >= from && row[0] < to)?.[0]),
    read: (from, to, after, limit) => {
      stats.reads += 1;
      const inWindow = sorted.filter((row) => row[0] >= from && row[0] < to);
      stats.largestWindow = Math.max(stats.largestWindow, inWindow.length);
      const later =
        after === undefined
          ? inWindow
          : inWindow.filter((r) => r[0] > after[0] || (r[0] === after[0] && r[1] > after[1]));
      return Promise.resolve(later.slice(0, limit));
    },
    at: (key) => Promise.resolve(sorted.filter((row) => row[0] === key[0] && row[1] === key[1])),
  };
  return { sorted, source, stats };
}

async function collect(chunks: AsyncIterable<Row[]>): Promise<Row[][]> {
  const all: Row[][] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describe('timeWindowChunks', () => {
  it('reads every row once, in order, in chunks of the requested size, whatever the gaps', async () => {
    // Two GPUs at 1 Hz for an hour, a week of nothing, then another hour.
    const rows: Row[] = [];
    for (const start of [DAY, 8 * DAY]) {
      for (let s = 0; s < 3_600; s += 1) rows.push([start + s * 1_000, 1], [start + s * 1_000, 2]);
    }
    const { sorted, source, stats } = table(rows, true);
    const chunks = await collect(timeWindowChunks(source, { from: 0, to: 30 * DAY }, 500));
    expect(chunks.flat()).toEqual(sorted);
    expect(chunks.slice(0, -1).every((chunk) => chunk.length === 500)).toBe(true);
    // No scan of the empty days, and no query sorting far more than a chunk.
    expect(stats.reads).toBeLessThanOrEqual(3 * chunks.length);
    expect(stats.largestWindow).toBeLessThan(4 * 500);
  });

  it('never cuts a run of equal keys, so none is skipped or repeated', async () => {
    const rows: Row[] = [
      [10, 1],
      [20, 1],
      [20, 1],
      [20, 1],
      [20, 2],
      [30, 1],
    ];
    const { sorted, source } = table(rows, false);
    const chunks = await collect(timeWindowChunks(source, { from: 0, to: 100 }, 2));
    expect(chunks.flat()).toEqual(sorted);
  });

  it('yields nothing for an empty range', async () => {
    const { source, stats } = table([[5, 1]], true);
    expect(await collect(timeWindowChunks(source, { from: 10, to: 20 }, 10))).toEqual([]);
    expect(stats.reads).toBe(0);
  });
});
