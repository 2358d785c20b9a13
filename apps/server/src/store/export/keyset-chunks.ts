/** A key a table is read in order of: column values compared left to right. */
export type RowKey = readonly (number | string)[];

export interface KeysetSource<Row> {
  /** Up to `limit` rows with a key strictly after `after` (from the start when undefined), in key order. */
  after(after: RowKey | undefined, limit: number): Promise<Row[]>;
  /** Every row whose key is exactly `key`; only called when keys are not unique. */
  at(key: RowKey): Promise<Row[]>;
  keyOf(row: Row): RowKey;
  /** False for raw samples ((ts, gpu_id) may repeat): a chunk then never ends inside a run of equal keys. */
  isKeyUnique: boolean;
}

const sameKey = (a: RowKey, b: RowKey): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * Keyset pagination in a table's key order (backups read every table this way; time-ordered
 * exports use timeWindowChunks): each chunk is its own short query starting after the last key
 * seen, so no cursor stays open between chunks and memory stays at one chunk. Between chunks it
 * yields to the event loop, so a long read never starves the live stream. With non-unique keys a chunk is cut before the
 * last run of equal keys and that run read whole, so no row is skipped or repeated.
 */
export async function* keysetChunks<Row>(source: KeysetSource<Row>, chunkRows: number): AsyncGenerator<Row[]> {
  const limit = Math.max(1, Math.floor(chunkRows));
  let after: RowKey | undefined;
  for (;;) {
    let rows = await source.after(after, limit);
    const last = rows.at(-1);
    if (last === undefined) return;
    const lastKey = source.keyOf(last);
    if (rows.length === limit && !source.isKeyUnique) {
      rows = [...rows.filter((row) => !sameKey(source.keyOf(row), lastKey)), ...(await source.at(lastKey))];
    }
    yield rows;
    if (rows.length < limit) return;
    after = lastKey;
    await new Promise(setImmediate);
  }
}
