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
