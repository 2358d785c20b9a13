import { systemClock } from '@gpu-sentinel/core';
import { BackupFileError } from '../backup/backup-format.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { writeBackup } from '../backup/write-backup.js';
import { loadConfig } from '../config/load-config.js';
import { configPathOf, pickConfigFlags } from '../config/pick-flags.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store-factory.js';
import { readServerVersion } from '../version.js';
import type { CliIo } from './cli-io.js';
import { formatTable } from './identity-cli.js';

type Options = Readonly<Record<string, unknown>>;

/** `gpu-sentinel backup FILE`: every table of the configured store (SQLite or DATABASE_URL) into one portable file. */
export async function backupCommand(file: string, options: Options, io: CliIo): Promise<number> {
  return withStore('backup', options, io, async (store) => {
    const summary = await writeBackup(store, file, { serverVersion: readServerVersion(), now: systemClock.now() });
    io.stdout.write(countsTable(summary.rows));
    io.stdout.write(
      `backed up ${store.engine} at ${store.location} (schema ${summary.header.schemaVersion}) to ${file}\n`,
    );
    return 0;
  });
}

/** `gpu-sentinel restore FILE [--replace]`: load a backup into the configured store, all or nothing. */
export async function restoreCommand(file: string, options: Options, io: CliIo): Promise<number> {
  return withStore('restore', options, io, async (store) => {
    const summary = await restoreBackup(store, file, { replace: options.replace === true });
    io.stdout.write(countsTable(summary.rows));
    io.stdout.write(
      `restored ${file} (taken from ${summary.header.engine} on ${summary.header.createdAt}) into ${store.engine} at ${store.location}\n`,
    );
    return 0;
  });
}

/** Open and migrate the configured store, run `command`; any failure is one line on stderr and exit 1. */
async function withStore(
  name: string,
  options: Options,
  io: CliIo,
  command: (store: Store) => Promise<number>,
): Promise<number> {
  const { config } = await loadConfig({
    flags: pickConfigFlags(options),
    configPath: configPathOf(options),
    env: io.env,
  });
  let store: Store | null = null;
  try {
    store = openStore(config);
    await store.migrate();
    return await command(store);
  } catch (error) {
    io.stderr.write(`gpu-sentinel ${name}: ${messageOf(error)}\n`);
    if (!(error instanceof BackupFileError) && messageOf(error).includes('not empty')) {
      io.stderr.write('Add --replace to overwrite what the target holds.\n');
    }
    return 1;
  } finally {
    await store?.close();
  }
}

function countsTable(rows: Readonly<Record<string, number>>): string {
  return formatTable(
    ['TABLE', 'ROWS'],
    Object.entries(rows).map(([table, count]) => [table, String(count)]),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
