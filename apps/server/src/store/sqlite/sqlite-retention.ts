import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Rows one retention statement deletes: a few tens of ms of write lock, so samples keep flowing. */
export const RAW_DELETE_CHUNK_ROWS = 20_000;

/**
 * Delete raw samples older than the cutoff, oldest first, in chunks by rowid with a turn of the
 * event loop between them: a first run over months of rows never holds SQLite's one write lock
 * (nor the event loop) for long, and the writer's batches slot in between chunks.
 */
export async function deleteRawBefore(db: Kysely<Database>, cutoffMs: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db
      .deleteFrom('gpu_metrics')
      .where('id', 'in', (eb) =>
        eb.selectFrom('gpu_metrics').select('id').where('ts', '<', cutoffMs).limit(RAW_DELETE_CHUNK_ROWS),
      )
      .executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < RAW_DELETE_CHUNK_ROWS) return deleted;
    await new Promise(setImmediate);
  }
}
