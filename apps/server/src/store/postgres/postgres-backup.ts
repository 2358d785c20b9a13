import { sql, type Kysely, type Transaction } from 'kysely';
import type { TableColumnsFn } from '../backup/backup-tables.js';
import { dumpTablesFrom } from '../backup/dump-tables.js';
import { restoreTablesInto } from '../backup/restore-tables.js';
import type { Database } from '../schema.js';
import type { RestoreOptions, TableDump } from '../store.js';
import { kyselyOnClient, type PostgresConnection } from './connection.js';
import { createDayPartitionsFor } from './partitions.js';

/** A table's columns in declaration order, in the schema the connection works in. */
export const postgresTableColumns: TableColumnsFn = async (db, table) => {
  const { rows } = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  if (rows.length === 0) throw new Error(`table ${table} does not exist`);
  return rows.map((row) => row.name);
};

/** The identity columns whose sequences must move past restored ids, or the next insert would collide. */
const IDENTITY_COLUMNS = [
  ['gpus', 'gpu_id'],
  ['alert_rules', 'id'],
  ['notification_channels', 'id'],
  ['alerts', 'id'],
  ['notification_outbox', 'id'],
  ['users', 'id'],
  ['refresh_tokens', 'id'],
  ['api_keys', 'id'],
  ['audit_log', 'id'],
] as const;

/**
 * Every backup table from one REPEATABLE READ snapshot held on one connection for the whole dump,
 * so the tables agree with each other even while the writer goes on.
 */
export async function* dumpSnapshot(connection: PostgresConnection): AsyncGenerator<TableDump> {
  const client = await connection.acquire();
  let isOpen = true;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Each table's rows must be read before the next table is asked for (as a backup file is
    // written): the snapshot ends with the last table.
    yield* dumpTablesFrom(
      kyselyOnClient(client, () => isOpen),
      postgresTableColumns,
    );
  } finally {
    isOpen = false;
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

/**
 * Restore in one transaction (shared restoreTablesInto), creating the day partitions raw rows
 * need as their chunks arrive, then moving each identity sequence past the largest restored id.
 */
export async function restoreInto(
  db: Kysely<Database>,
  tables: AsyncIterable<TableDump>,
  options: RestoreOptions,
): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const restored = await restoreTablesInto(trx, withRawPartitions(trx, tables), options, postgresTableColumns);
    for (const [table, column] of IDENTITY_COLUMNS) {
      await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
        coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
    }
    return restored;
  });
}

async function* withRawPartitions(
  trx: Transaction<Database>,
  tables: AsyncIterable<TableDump>,
): AsyncGenerator<TableDump> {
  for await (const dump of tables) {
    const tsIndex = dump.columns.indexOf('ts');
    if (dump.table !== 'gpu_metrics' || tsIndex < 0) {
      yield dump;
      continue;
    }
    const rows = dump.rows;
    yield {
      ...dump,
      rows: (async function* () {
        for await (const chunk of rows) {
          const timestamps = chunk.map((row) => Number(row[tsIndex]));
          await createDayPartitionsFor((statement) => sql.raw(statement).execute(trx), timestamps);
          yield chunk;
        }
      })(),
    };
  }
}
