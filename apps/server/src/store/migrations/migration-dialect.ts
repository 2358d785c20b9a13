import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';

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

type ColumnModifier = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** An integer primary key the database numbers: SQLite AUTOINCREMENT, a Postgres identity column. */
export function identityKey(db: Kysely<unknown>): ColumnModifier {
  return isPostgres(db)
    ? (column) => column.primaryKey().generatedByDefaultAsIdentity()
    : (column) => column.primaryKey().autoIncrement();
}

/**
 * A username column, unique regardless of case. SQLite does it with COLLATE NOCASE on the column;
 * Postgres has no such collation built in, so there the column is plain text and the uniqueness
 * comes from an index on lower(username) (`caseInsensitiveUniqueIndex`).
 */
export function caseInsensitiveTextType(db: Kysely<unknown>): 'text' | RawBuilder<unknown> {
  return isPostgres(db) ? 'text' : sql`text collate nocase`;
}

export function caseInsensitiveUnique(db: Kysely<unknown>): ColumnModifier {
  return isPostgres(db) ? (column) => column.notNull() : (column) => column.notNull().unique();
}

/** Postgres only: the unique index on lower(column) that stands in for SQLite's NOCASE unique column. */
export async function createCaseInsensitiveUniqueIndex(
  db: Kysely<unknown>,
  table: string,
  column: string,
): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema
    .createIndex(`${table}_${column}_lower_key`)
    .on(table)
    .unique()
    .expression(sql`lower(${sql.ref(column)})`)
    .execute();
}
