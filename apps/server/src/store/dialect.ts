import type { RawBuilder } from 'kysely';

/**
 * The SQL that must differ between SQLite and Postgres inside queries the two engines share
 * (history, rollup merges). Each engine implements it in one small file: sqlite/sqlite-sql.ts,
 * postgres/postgres-sql.ts. Engine-specific statements (raw inserts, partitions, sizes) stay in
 * the engine's own folder.
 */
export interface SqlDialect {
  /** The index of a row's bucket, counted from `originMs`, as an integer: floor((ts - origin) / bucketMs). */
  bucketIndex: (originMs: number, bucketMs: number) => RawBuilder<number>;
  /** The smaller of two nullable SQL expressions, null only when both are (for merging rollup minima). */
  leastOf: (a: RawBuilder<number | null>, b: RawBuilder<number | null>) => RawBuilder<number | null>;
  /** The larger of two nullable SQL expressions, null only when both are. */
  greatestOf: (a: RawBuilder<number | null>, b: RawBuilder<number | null>) => RawBuilder<number | null>;
}
