/** A row's place in an export: its time, then its GPU. Not unique for raw samples. */
export type TimeKey = readonly [ts: number, gpuId: number];

export interface TimeWindowSource<Row> {
  /**
   * Up to `limit` rows with `from <= ts < to`, ordered by (ts, gpu_id), and strictly after
   * `after` when given. Every query is bounded by a window, so the engine sorts at most the
   * window's rows, whichever index it picks (a GPU filter steers both engines to the
   * (gpu_id, ts) index, whose order is not the export's).
   */
  read(from: number, to: number, after: TimeKey | undefined, limit: number): Promise<Row[]>;
  /** The earliest `ts` in [from, to), so empty stretches (a server that was off for a week) cost one query. */
  firstTs(from: number, to: number): Promise<number | undefined>;
  /** Every row with exactly this key (only needed where keys repeat). */
  at(key: TimeKey): Promise<Row[]>;
  keyOf(row: Row): TimeKey;
  isKeyUnique: boolean;
}

const MIN_WINDOW_MS = 1_000;
const MAX_WINDOW_MS = 7 * 86_400_000;
/** The first window: a minute of 8 GPUs at 4 Hz is ~2,000 rows; windows then adapt to the data's density. */
const FIRST_WINDOW_MS = 60_000;

/**
 * Time-ordered chunks of [from, to) for exports, read window by window: each query covers a
 * time window sized from the density seen so far to hold about one chunk, so no query sorts
 * more than a few chunks' worth of rows and memory stays at one chunk. No cursor or read
 * transaction stays open between chunks, and the event loop gets a turn after each one.
 * Chunks hold `chunkRows` rows (the last fewer); where keys repeat, a chunk is never cut inside
 * a run of equal keys, so it may hold a few more.
 */
export async function* timeWindowChunks<Row>(
  source: TimeWindowSource<Row>,
  range: { from: number; to: number },
  chunkRows: number,
): AsyncGenerator<Row[]> {
  const limit = Math.max(1, Math.floor(chunkRows));
  let windowMs = FIRST_WINDOW_MS;
  let cursor = (await source.firstTs(range.from, range.to)) ?? range.to;
  let after: TimeKey | undefined;
  let pending: Row[] = [];
  while (cursor < range.to) {
    const windowFrom = after === undefined ? cursor : after[0];
    const windowTo = Math.min(range.to, Math.max(cursor, windowFrom) + windowMs);
    const wanted = limit - pending.length;
    let rows = await source.read(windowFrom, windowTo, after, wanted);
    const last = rows.at(-1);
    if (last !== undefined && rows.length === wanted) {
      // The window holds more: go on inside it after the last key, and narrow the next windows.
      const lastKey = source.keyOf(last);
      if (!source.isKeyUnique)
        rows = [...rows.filter((row) => !sameKey(source.keyOf(row), lastKey)), ...(await source.at(lastKey))];
      windowMs = clampWindow((lastKey[0] - windowFrom + 1) * 0.9);
      after = lastKey;
      cursor = lastKey[0];
    } else {
      // The window is exhausted: size the next one for a chunk at the density seen.
      after = undefined;
      if (rows.length === 0) {
        cursor = (await source.firstTs(windowTo, range.to)) ?? range.to;
      } else {
        windowMs = clampWindow(((windowTo - windowFrom) * wanted) / rows.length);
        cursor = windowTo;
      }
    }
    pending = pending.length === 0 ? rows : [...pending, ...rows];
    if (pending.length >= limit) {
      yield pending;
      pending = [];
      await new Promise(setImmediate);
    }
  }
  if (pending.length > 0) yield pending;
}

function clampWindow(ms: number): number {
  return Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, Math.ceil(ms)));
}

const sameKey = (a: TimeKey, b: TimeKey): boolean => a[0] === b[0] && a[1] === b[1];
