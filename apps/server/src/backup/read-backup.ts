import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { TableDump } from '../store/store.js';
import {
  BACKUP_VERSION,
  BackupFileError,
  BackupHeader,
  BackupTableLine,
  BackupTrailer,
  isBackupRow,
  type BackupCell,
} from './backup-format.js';
import { LineReader, splitLines } from './backup-lines.js';

/** Rows handed to the store at a time while restoring. */
const RESTORE_CHUNK_ROWS = 1_000;

export interface OpenedBackup {
  header: BackupHeader;
  /**
   * The tables, streamed: each table's rows must be read before asking for the next table. The
   * iteration fails (so the restore's transaction rolls back) on any damage, and at the end when
   * the trailer is missing (a truncated file) or its counts differ from the rows read.
   */
  tables(): AsyncGenerator<TableDump>;
  close(): void;
}

/** Open a backup file and check its header; the rest is read as `tables()` is iterated. */
export async function openBackup(file: string): Promise<OpenedBackup> {
  const gunzip = pipeline(createReadStream(file), createGunzip(), () => {
    // Errors reach the reader through the stream it iterates.
  });
  const reader = new LineReader(splitLines(gunzip)[Symbol.asyncIterator]());
  const close = () => {
    gunzip.destroy();
  };
  try {
    const header = await readHeader(reader, file);
    return { header, tables: () => readTables(reader), close };
  } catch (error) {
    close();
    throw error;
  }
}

async function readHeader(reader: LineReader, file: string): Promise<BackupHeader> {
  let first: string | undefined;
  try {
    first = await reader.next();
  } catch (error) {
    if (isFileSystemError(error)) throw new BackupFileError(`cannot read ${file}: ${damage(error)}`);
    throw new BackupFileError(`${file} is not a GPU Sentinel backup (${damage(error)})`);
  }
  const parsed = BackupHeader.safeParse(parseJsonOrUndefined(first));
  if (!parsed.success) throw new BackupFileError(`${file} is not a GPU Sentinel backup (no backup header on line 1)`);
  if (parsed.data.version > BACKUP_VERSION) {
    throw new BackupFileError(
      `${file} is backup format version ${String(parsed.data.version)}; this version of GPU Sentinel reads up to ${String(BACKUP_VERSION)}: upgrade it first`,
    );
  }
  return parsed.data;
}

async function* readTables(reader: LineReader): AsyncGenerator<TableDump> {
  const counts: Record<string, number> = {};
  for (;;) {
    await skipRows(reader, counts);
    const line = await nextLine(reader);
    if (line === undefined) throw new BackupFileError('the backup ends before its end marker: the file is truncated');
    const value = parseLine(line, reader.lineNumber);
    const trailer = BackupTrailer.safeParse(value);
    if (trailer.success) {
      checkCounts(trailer.data, counts);
      if ((await nextLine(reader)) !== undefined) throw new BackupFileError('the backup has data after its end marker');
      return;
    }
    const table = BackupTableLine.safeParse(value);
    if (!table.success) throw new BackupFileError(`line ${String(reader.lineNumber)} is neither a table nor a row`);
    if (table.data.table in counts) throw new BackupFileError(`table "${table.data.table}" appears twice`);
    counts[table.data.table] = 0;
    yield { table: table.data.table, columns: table.data.columns, rows: readRows(reader, table.data, counts) };
  }
}

/** A table's rows: the lines up to the next table or the trailer (rows are arrays, the rest objects). */
async function* readRows(
  reader: LineReader,
  table: BackupTableLine,
  counts: Record<string, number>,
): AsyncGenerator<BackupCell[][]> {
  let chunk: BackupCell[][] = [];
  while ((await peekLine(reader))?.startsWith('[') === true) {
    chunk.push(parseRow(await nextLine(reader), reader.lineNumber, table));
    counts[table.table] = (counts[table.table] ?? 0) + 1;
    if (chunk.length >= RESTORE_CHUNK_ROWS) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Rows of a table its consumer did not read (still counted, so the trailer check holds). */
async function skipRows(reader: LineReader, counts: Record<string, number>): Promise<void> {
  const tables = Object.keys(counts);
  const current = tables[tables.length - 1];
  while ((await peekLine(reader))?.startsWith('[') === true) {
    await nextLine(reader);
    if (current === undefined) throw new BackupFileError(`line ${String(reader.lineNumber)}: a row before any table`);
    counts[current] = (counts[current] ?? 0) + 1;
  }
}

function checkCounts(trailer: BackupTrailer, counts: Record<string, number>): void {
  const names = new Set([...Object.keys(trailer.rows), ...Object.keys(counts)]);
  for (const name of names) {
    const expected = trailer.rows[name];
    const read = counts[name];
    if (expected !== read) {
      throw new BackupFileError(
        `table "${name}": the end marker counts ${String(expected ?? 'no')} rows, the file holds ${String(read ?? 'no')}: the file is damaged`,
      );
    }
  }
}

function parseRow(line: string | undefined, lineNumber: number, table: BackupTableLine): BackupCell[] {
  const value = parseLine(line ?? '', lineNumber);
  if (!isBackupRow(value) || value.length !== table.columns.length) {
    throw new BackupFileError(
      `line ${String(lineNumber)}: not a row of table "${table.table}" (${String(table.columns.length)} numbers, strings or nulls)`,
    );
  }
  return value;
}

function parseLine(line: string, lineNumber: number): unknown {
  const value = parseJsonOrUndefined(line);
  if (value === undefined)
    throw new BackupFileError(`line ${String(lineNumber)} is not JSON: the file is damaged or truncated`);
  return value;
}

function parseJsonOrUndefined(line: string | undefined): unknown {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** Reading past damage in the gzip stream (a cut-off file, bad bytes) is a file error, not a crash. */
async function nextLine(reader: LineReader): Promise<string | undefined> {
  try {
    return await reader.next();
  } catch (error) {
    throw new BackupFileError(`the backup cannot be read past line ${String(reader.lineNumber)}: ${damage(error)}`);
  }
}

async function peekLine(reader: LineReader): Promise<string | undefined> {
  try {
    return await reader.peek();
  } catch (error) {
    throw new BackupFileError(`the backup cannot be read past line ${String(reader.lineNumber)}: ${damage(error)}`);
  }
}

function isFileSystemError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('E');
}

function damage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'Z_DATA_ERROR') return 'not gzip data, or damaged';
  if (code === 'Z_BUF_ERROR') return 'the file is truncated';
  if (code === 'ENOENT') return 'no such file';
  return error instanceof Error ? error.message : String(error);
}
