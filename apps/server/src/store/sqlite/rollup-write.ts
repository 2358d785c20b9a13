import type { GpuSample } from '@gpu-sentinel/protocol';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { chunked } from '../db.js';
import {
  ROLLUP_ROWS_PER_STATEMENT,
  rollupRowParameters,
  rollupRowsOf,
  upsertRollupStatement,
} from '../rollups/upsert-rollups.js';
import type { Database } from '../schema.js';
import { sqliteDialect } from './sqlite-sql.js';

/** Statements kept prepared; a batch's row counts repeat, so this holds every count in practice. */
const MAX_CACHED_STATEMENTS = 64;

/** Merges one batch into the rollups; must be called inside a transaction on the same connection. */
export type RollupWriteFn = (samples: readonly GpuSample[], gpuIdOf: (uuid: string) => number) => void;

/**
 * The shared rollup upsert (rollups/upsert-rollups.ts), prepared once per table and row count
 * instead of built, compiled and prepared by Kysely for every batch: that cost ~3 ms of a
 * 2,000-sample batch (~8 ms in all), this costs the statements' execution alone.
 *
 * The 10-minute tier adds one small upsert per batch (~16 rows of 2,000 samples of 8 GPUs, folded
 * from the minutes for <1% of the fold's time). Store.insertSamples, 104k samples of 8 GPUs in
 * 2,000-row batches, file DB, WAL, best of 8 interleaved runs on the 2-core machine while other
 * work kept its load near 2: without the tier 216-226k samples/s, with it (WITHOUT ROWID
 * tables) 204-212k, with it on rowid tables 214k; the same code measured 264-272k when the
 * machine was quieter. The tier costs ~3-5% of ingest; it makes a 30-day read of 8 GPUs ~6x
 * cheaper (see read-worker.ts).
 */
export function prepareRollupWrite(handle: BetterSqlite3.Database, db: Kysely<Database>): RollupWriteFn {
  const statements = new Map<string, BetterSqlite3.Statement<[(number | null)[]]>>();
  return (samples, gpuIdOf) => {
    for (const [table, rows] of rollupRowsOf(samples, gpuIdOf)) {
      for (const chunk of chunked(rows, ROLLUP_ROWS_PER_STATEMENT)) {
        const key = `${table}:${String(chunk.length)}`;
        let statement = statements.get(key);
        if (statement === undefined) {
          if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
          statement = handle.prepare<[(number | null)[]]>(upsertRollupStatement(db, sqliteDialect, table, chunk).sql);
          statements.set(key, statement);
        }
        statement.run(rollupRowParameters(chunk));
      }
    }
  };
}
