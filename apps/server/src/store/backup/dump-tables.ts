import type { SelectQueryBuilder } from 'kysely';
import type { StoreDb } from '../db.js';
import { keysetChunks, type RowKey } from '../export/keyset-chunks.js';
import type { TableDump } from '../store.js';
import {
  BACKUP_OMITTED_COLUMNS,
  BACKUP_TABLE_KEYS,
  BACKUP_TABLES,
  untyped,
  type UntypedTables,
  type BackupTable,
  type SqlCell,
  type TableColumnsFn,
} from './backup-tables.js';

/** Rows per chunk a dump reads: a few MB at most even for the widest (rollup) rows. */
export const DUMP_CHUNK_ROWS = 5_000;

/**
 * Shared by both engines: `dumpTablesFrom(db, columnsOf)` is Store.dumpTables: every backup
 * table in BACKUP_TABLES order, its columns as stored (the raw row id left out), rows in chunks
 * read by key (keysetChunks), so a backup of months of samples never sits in memory.
 */
export async function* dumpTablesFrom(
  db: StoreDb,
  columnsOf: TableColumnsFn,
  chunkRows = DUMP_CHUNK_ROWS,
): AsyncGenerator<TableDump> {
  for (const table of BACKUP_TABLES) {
    const omitted = BACKUP_OMITTED_COLUMNS[table] ?? [];
    const columns = (await columnsOf(db, table)).filter((column) => !omitted.includes(column));
    yield { table, columns, rows: tableRows(db, table, columns, chunkRows) };
  }
}

async function* tableRows(
  db: StoreDb,
  table: BackupTable,
  columns: readonly string[],
  chunkRows: number,
): AsyncGenerator<(readonly SqlCell[])[]> {
  const key = BACKUP_TABLE_KEYS[table];
  const source = untyped(db);
  const base = () => source.selectFrom(table).select(columns);
  const chunks = keysetChunks<Record<string, SqlCell>>(
    {
      isKeyUnique: key.isUnique,
      keyOf: (row): RowKey => key.columns.map((column) => cellKey(row[column] ?? null)),
      after: async (after, limit) => {
        let query = base();
        if (after !== undefined) {
          query = afterKey(query, key.columns, after);
        }
        for (const column of key.columns) query = query.orderBy(column);
        return query.limit(limit).execute();
      },
      at: async (at) => {
        let query = base();
        key.columns.forEach((column, i) => {
          query = query.where(column, '=', at[i] ?? null);
        });
        return query.execute();
      },
    },
    chunkRows,
  );
  for await (const rows of chunks) yield rows.map((row) => columns.map((column) => cell(row[column] ?? null)));
}

/** Key values are never null (primary keys, NOT NULL columns); pg gives bigint keys as strings. */
function cellKey(value: SqlCell): number | string {
  if (value === null) throw new Error('a backup key column holds NULL');
  return value;
}

/** JSON-safe values: pg's bigint strings stay strings here; engines map int8 to numbers where they read. */
function cell(value: unknown): SqlCell {
  if (value === null || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`a backup cell holds a ${typeof value}, not a number, string or null`);
}

type DumpQuery = SelectQueryBuilder<UntypedTables, string, Record<string, SqlCell>>;

/**
 * Rows whose key sorts after `after`: `c0 > v0 OR (c0 = v0 AND c1 > v1)`, plus `c0 >= v0` so
 * both engines range-scan the key's index instead of testing every row.
 */
function afterKey(query: DumpQuery, columns: readonly string[], after: RowKey): DumpQuery {
  const [first] = columns;
  const firstValue = after[0];
  if (first === undefined || firstValue === undefined) return query;
  return query
    .where(first, '>=', firstValue)
    .where((eb) =>
      eb.or(
        columns.map((column, i) =>
          eb.and([
            ...columns.slice(0, i).map((earlier, j) => eb(earlier, '=', after[j] ?? null)),
            eb(column, '>', after[i] ?? null),
          ]),
        ),
      ),
    );
}
