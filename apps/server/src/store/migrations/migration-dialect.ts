import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * What the migrations spell differently per engine, in one place. On SQLite every helper returns
 * exactly what the shipped migrations used, so their SQL never changes there.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Epoch milliseconds: SQLite's INTEGER is 64-bit; Postgres needs bigint. */
export function epochMsType(db: Kysely<unknown>): 'integer' | 'bigint' {
  return isPostgres(db) ? 'bigint' : 'integer';
}

/** A metric value: SQLite's REAL is 8 bytes; Postgres `real` is 4, so use `double precision` for equal values. */
export function metricType(db: Kysely<unknown>): 'real' | 'double precision' {
  return isPostgres(db) ? 'double precision' : 'real';
}
