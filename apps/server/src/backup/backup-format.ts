import { StorageEngine } from '@gpu-sentinel/protocol';
import { z } from 'zod';

/**
 * A backup file: gzip-compressed NDJSON. Line 1 is a BackupHeader; then, per table, a
 * BackupTableLine followed by its rows as JSON arrays (one per line, values in the order of
 * `columns`); last, a BackupTrailer with the row count of each table, which restore checks so a
 * truncated file is refused before anything is committed. Engine-neutral: SQLite → Postgres and back.
 */
export const BACKUP_FORMAT = 'gpu-sentinel-backup';
export const BACKUP_VERSION = 1;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  /** ISO 8601. */
  createdAt: z.string(),
  engine: StorageEngine,
  /** The last migration of the database it was taken from. */
  schemaVersion: z.string().min(1),
  serverVersion: z.string(),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const BackupTableLine = z.object({ table: z.string().min(1), columns: z.array(z.string().min(1)) }).strict();
export type BackupTableLine = z.infer<typeof BackupTableLine>;

export const BackupTrailer = z
  .object({ end: z.literal(true), rows: z.record(z.string(), z.number().int().nonnegative()) })
  .strict();
export type BackupTrailer = z.infer<typeof BackupTrailer>;

export type BackupCell = number | string | null;

/** Rows are many: a plain check instead of a schema per row. */
export function isBackupRow(value: unknown): value is BackupCell[] {
  return (
    Array.isArray(value) &&
    value.every(
      (cell) => cell === null || typeof cell === 'string' || (typeof cell === 'number' && Number.isFinite(cell)),
    )
  );
}

/** A backup file that cannot be read as one: not gzip, not a backup, damaged, truncated. */
export class BackupFileError extends Error {
  override readonly name = 'BackupFileError';
}

/** Migration names start with their number (`0005-rollups`): compare them by it. */
export function compareSchemaVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
