import type pg from 'pg';
import { pgErrorCode, quoteIdent } from './connection.js';

export const DAY_MS = 86_400_000;
const PARTITION_PREFIX = 'gpu_metrics_p';

/** The UTC day (its first millisecond) a timestamp falls in. */
export function dayStartOf(ts: number): number {
  return Math.floor(ts / DAY_MS) * DAY_MS;
}

/** `gpu_metrics_p20260131` for the day starting at `dayStart`. */
export function partitionName(dayStart: number): string {
  const iso = new Date(dayStart).toISOString();
  return `${PARTITION_PREFIX}${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
}

export interface RawPartition {
  name: string;
  /** Inclusive lower and exclusive upper bound, epoch ms. */
  from: number;
  to: number;
}

/** Runs one SQL statement on whatever connection or transaction the caller holds. */
export type ExecuteSql = (statement: string) => Promise<unknown>;

/** The UTC days (their first milliseconds) that the timestamps fall in. */
export function daysOf(timestamps: Iterable<number>): Set<number> {
  const days = new Set<number>();
  for (const ts of timestamps) if (Number.isFinite(ts)) days.add(dayStartOf(ts));
  return days;
}

/**
 * The day partitions of the raw table. Each day's partition is created the first time a batch
 * holds a sample of that day, in its own short statement before the batch's transaction (creating a
 * partition locks the parent table; inside the batch's transaction that lock would last through
 * the COPY). Several servers may share the database, so "already exists" is not an error, and a
 * day another server's retention dropped is forgotten through `forget`.
 */
export class DayPartitions {
  private readonly known = new Set<number>();

  async ensure(execute: ExecuteSql, timestamps: Iterable<number>): Promise<void> {
    for (const day of daysOf(timestamps)) {
      if (this.known.has(day)) continue;
      await createDayPartition(execute, day);
      this.known.add(day);
    }
  }

  forget(dayStart?: number): void {
    if (dayStart === undefined) this.known.clear();
    else this.known.delete(dayStart);
  }
}

/** Create the partitions of every day the timestamps touch (no cache: for restores). */
export async function createDayPartitionsFor(execute: ExecuteSql, timestamps: Iterable<number>): Promise<void> {
  for (const day of daysOf(timestamps)) await createDayPartition(execute, day);
}

async function createDayPartition(execute: ExecuteSql, dayStart: number): Promise<void> {
  const statement = `CREATE TABLE IF NOT EXISTS ${quoteIdent(partitionName(dayStart))}
    PARTITION OF gpu_metrics FOR VALUES FROM (${String(dayStart)}) TO (${String(dayStart + DAY_MS)})`;
  try {
    await execute(statement);
  } catch (error) {
    // A concurrent creator won between our existence check and our insert into the catalog.
    const code = pgErrorCode(error);
    if (code !== '42P07' && code !== '23505') throw error;
  }
}

/** The raw table's partitions with their bounds, oldest first. */
export async function listRawPartitions(client: pg.ClientBase): Promise<RawPartition[]> {
  const { rows } = await client.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'gpu_metrics'::regclass`,
  );
  const partitions: RawPartition[] = [];
  for (const row of rows) {
    const match = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(row.bound);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    partitions.push({ name: row.name, from: Number(match[1]), to: Number(match[2]) });
  }
  return partitions.sort((a, b) => a.from - b.from);
}

/**
 * Raw retention: whole partitions that end at or before the cutoff are dropped (no row-by-row
 * delete, no bloat); rows older than the cutoff in the one partition that straddles it are
 * deleted. A partition whose drop cannot get its lock soon is left for the next run. Returns what
 * went, and which days were dropped so the caller forgets them.
 */
export async function dropRawBefore(
  client: pg.PoolClient,
  cutoff: number,
): Promise<{ droppedDays: number[]; deletedRows: number }> {
  const partitions = await listRawPartitions(client);
  const droppedDays: number[] = [];
  let deletedRows = 0;
  for (const partition of partitions) {
    if (partition.to <= cutoff) {
      const rows = await dropPartition(client, partition.name);
      if (rows === undefined) continue;
      deletedRows += rows;
      droppedDays.push(partition.from);
    } else if (partition.from < cutoff) {
      const result = await client.query(`DELETE FROM ${quoteIdent(partition.name)} WHERE ts < $1`, [cutoff]);
      deletedRows += result.rowCount ?? 0;
    }
  }
  return { droppedDays, deletedRows };
}

/**
 * Dropping a partition locks the whole raw table. Waiting behind a long query would queue every
 * write and read after the drop, freezing ingest; so the drop waits this long, then gives up.
 */
export const DROP_LOCK_TIMEOUT_MS = 1_000;

/** The partition's row count once dropped; undefined when its lock was not to be had in time. */
async function dropPartition(client: pg.PoolClient, name: string): Promise<number | undefined> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL lock_timeout = ${String(DROP_LOCK_TIMEOUT_MS)}`);
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${quoteIdent(name)}`);
    await client.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    await client.query('COMMIT');
    return rows[0]?.n ?? 0;
  } catch (error) {
    await client.query('ROLLBACK');
    if (pgErrorCode(error) === '55P03') return undefined;
    throw error;
  }
}
