import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Store } from '../store/store.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupTrailer } from './backup-format.js';

export type BackupSource = Pick<Store, 'engine' | 'schemaVersion' | 'dumpTables'>;

export interface BackupSummary {
  header: BackupHeader;
  /** Rows written per table. */
  rows: Record<string, number>;
}

/**
 * Stream every table of the store into `file` (format: backup-format.ts). Written to
 * `file.partial`, synced, then renamed: a backup that fails or is interrupted never leaves a
 * half file under `file` (and an earlier backup there stays as it was until the new one is complete).
 */
export async function writeBackup(
  store: BackupSource,
  file: string,
  meta: { serverVersion: string; now: number },
): Promise<BackupSummary> {
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date(meta.now).toISOString(),
    engine: store.engine,
    schemaVersion: await store.schemaVersion(),
    serverVersion: meta.serverVersion,
  };
  const rows: Record<string, number> = {};
  const partial = `${file}.partial`;
  try {
    await pipeline(Readable.from(backupLines(store, header, rows)), createGzip(), createWriteStream(partial));
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { header, rows };
}

/** The file's text, one chunk per chunk of rows the store reads; fills `rows` as it goes. */
async function* backupLines(
  store: BackupSource,
  header: BackupHeader,
  rows: Record<string, number>,
): AsyncGenerator<string> {
  yield line(header);
  for await (const dump of store.dumpTables()) {
    yield line({ table: dump.table, columns: dump.columns });
    let count = 0;
    for await (const chunk of dump.rows) {
      count += chunk.length;
      yield chunk.map(line).join('');
    }
    rows[dump.table] = count;
  }
  const trailer: BackupTrailer = { end: true, rows };
  yield line(trailer);
}

function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
