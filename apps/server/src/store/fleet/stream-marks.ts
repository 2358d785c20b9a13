import { chunked, MAX_BIND_PARAMS, type StoreDb } from '../db.js';
import type { StreamMark } from '../store.js';

/** Four bind parameters per stream row. */
const STREAMS_PER_STATEMENT = Math.floor(MAX_BIND_PARAMS / 4);

/**
 * Shared by both engines, inside the write's transaction: a row for each stream (sorted by id)
 * is made if missing (mark 0), then the marks are read. With `lockRows` (Postgres) they are read
 * FOR UPDATE in stream order, so a second replica writing the same streams waits for this
 * transaction and then sees the marks it moved; the one order keeps replicas from deadlocking.
 * SQLite has one writer, whose transaction already excludes every other.
 */
export async function claimStreamMarks(
  db: StoreDb,
  streams: readonly StreamMark[],
  options: { lockRows: boolean },
): Promise<Map<string, number>> {
  if (streams.length === 0) return new Map();
  for (const chunk of chunked(streams, STREAMS_PER_STATEMENT)) {
    await db
      .insertInto('ingest_streams')
      .values(
        chunk.map((stream) => ({ stream_id: stream.streamId, host_id: stream.hostId, last_seq: 0, updated_at: 0 })),
      )
      .onConflict((oc) => oc.column('stream_id').doNothing())
      .execute();
  }
  const marks = new Map<string, number>();
  for (const chunk of chunked(streams, STREAMS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('ingest_streams')
      .select(['stream_id', 'last_seq'])
      .where(
        'stream_id',
        'in',
        chunk.map((stream) => stream.streamId),
      )
      .orderBy('stream_id')
      .$if(options.lockRows, (query) => query.forUpdate())
      .execute();
    for (const row of rows) marks.set(row.stream_id, row.last_seq);
  }
  return marks;
}

/** Move each stream's mark to its highest written seq (one statement; the rows are the transaction's). */
export async function advanceStreamMarks(db: StoreDb, marks: readonly StreamMark[], nowMs: number): Promise<void> {
  for (const chunk of chunked(marks, STREAMS_PER_STATEMENT)) {
    await db
      .insertInto('ingest_streams')
      .values(
        chunk.map((mark) => ({
          stream_id: mark.streamId,
          host_id: mark.hostId,
          last_seq: mark.seq,
          updated_at: nowMs,
        })),
      )
      .onConflict((oc) =>
        oc.column('stream_id').doUpdateSet((eb) => ({
          last_seq: eb.ref('excluded.last_seq'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** The highest seq stored for a stream; 0 when the stream is unknown. */
export async function readStreamMark(db: StoreDb, streamId: string): Promise<number> {
  const row = await db
    .selectFrom('ingest_streams')
    .select('last_seq')
    .where('stream_id', '=', streamId)
    .executeTakeFirst();
  return row === undefined ? 0 : row.last_seq;
}

/**
 * Forget streams not written to since the cutoff (the raw tier's): an agent that comes back after
 * that long starts a new stream anyway, and its old batches' samples are past retention.
 */
export async function deleteStreamsBefore(db: StoreDb, cutoffMs: number): Promise<number> {
  const result = await db.deleteFrom('ingest_streams').where('updated_at', '<', cutoffMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
