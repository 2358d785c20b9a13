import { sql } from 'kysely';
import type { TableColumnsFn } from '../backup/backup-tables.js';

/** A table's columns in declaration order, from SQLite's table_info pragma. */
export const sqliteTableColumns: TableColumnsFn = async (db, table) => {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(db);
  if (rows.length === 0) throw new Error(`table ${table} does not exist`);
  return rows.map((row) => row.name);
};
