import type { Transaction } from 'kysely';
import { chunked, MAX_BIND_PARAMS } from '../db.js';
import type { Database } from '../schema.js';
import type { RestoreOptions, TableDump } from '../store.js';
import {
  BACKUP_SEEDED_TABLES,
  BACKUP_TABLES,
  isBackupTable,
  untyped,
  type SqlCell,
  type TableColumnsFn,
} from './backup-tables.js';

/** A backup this database cannot take (a table or column it lacks, a malformed row, a non-empty target). */
export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

/**
 * Shared by both engines: `restoreTablesInto(trx, tables, options, columnsOf)` is the body of
 * Store.restoreTables, run inside the engine's one transaction (the engine then does what only it
 * must, such as moving Postgres sequences past the restored ids). Without `replace` a target
 * holding any row is refused; with it, existing rows go first, children before parents. Columns
 * are matched by name: one the target lacks is an error, one the dump lacks gets its default.
 * Returns rows restored per table.
 */
export async function restoreTablesInto(
  trx: Transaction<Database>,
  tables: AsyncIterable<TableDump>,
  options: RestoreOptions,
  columnsOf: TableColumnsFn,
): Promise<Record<string, number>> {
  if (options.replace) await clearBackupTables(trx);
  else await refuseNonEmpty(trx);
  const restored: Record<string, number> = {};
  for await (const dump of tables) {
    if (!isBackupTable(dump.table)) throw new RestoreRefusedError(`the backup holds an unknown table "${dump.table}"`);
    if (dump.table in restored) throw new RestoreRefusedError(`the backup holds table "${dump.table}" twice`);
    const targetColumns = new Set(await columnsOf(trx, dump.table));
    const unknown = dump.columns.filter((column) => !targetColumns.has(column));
    if (unknown.length > 0) {
      throw new RestoreRefusedError(
        `table "${dump.table}" in the backup has column(s) ${unknown.join(', ')} that this database lacks (a backup from a newer version?)`,
      );
    }
    // The backup's rows stand in for the shipped ones (a restore with replace left them alone).
    if (BACKUP_SEEDED_TABLES[dump.table] !== undefined) await untyped(trx).deleteFrom(dump.table).execute();
    restored[dump.table] = await insertDumpRows(trx, dump);
  }
  return restored;
}

async function insertDumpRows(trx: Transaction<Database>, dump: TableDump): Promise<number> {
  const rowsPerStatement = Math.max(1, Math.floor(MAX_BIND_PARAMS / Math.max(1, dump.columns.length)));
  let count = 0;
  for await (const chunk of dump.rows) {
    const objects = chunk.map((values, i) => rowObject(dump, values, count + i));
    for (const rows of chunked(objects, rowsPerStatement)) {
      if (rows.length > 0) await untyped(trx).insertInto(dump.table).values(rows).execute();
    }
    count += chunk.length;
  }
  return count;
}

function rowObject(dump: TableDump, values: readonly SqlCell[], rowIndex: number): Record<string, SqlCell> {
  if (values.length !== dump.columns.length) {
    throw new RestoreRefusedError(
      `row ${String(rowIndex + 1)} of table "${dump.table}" has ${String(values.length)} values for ${String(dump.columns.length)} columns`,
    );
  }
  const row: Record<string, SqlCell> = {};
  dump.columns.forEach((column, i) => {
    row[column] = values[i] ?? null;
  });
  return row;
}

async function clearBackupTables(trx: Transaction<Database>): Promise<void> {
  for (const table of [...BACKUP_TABLES].reverse()) {
    if (BACKUP_SEEDED_TABLES[table] === undefined) await untyped(trx).deleteFrom(table).execute();
  }
}

async function refuseNonEmpty(trx: Transaction<Database>): Promise<void> {
  for (const table of BACKUP_TABLES) {
    const shippedMark = BACKUP_SEEDED_TABLES[table];
    const row = await untyped(trx)
      .selectFrom(table)
      .select((eb) => eb.lit(1).as('one'))
      .$if(shippedMark !== undefined, (query) => query.where(shippedMark ?? '', '=', 0))
      .limit(1)
      .executeTakeFirst();
    if (row !== undefined) {
      throw new RestoreRefusedError(
        `the target database already holds data (table "${table}" is not empty); restore with replace to overwrite it`,
      );
    }
  }
}
