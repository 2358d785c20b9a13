import type { RestoreOptions, Store } from '../store/store.js';
import { BackupFileError, compareSchemaVersions, type BackupHeader } from './backup-format.js';
import { openBackup } from './read-backup.js';

export type RestoreTarget = Pick<Store, 'schemaVersion' | 'restoreTables'>;

export interface RestoreSummary {
  header: BackupHeader;
  /** Rows restored per table. */
  rows: Record<string, number>;
}

/**
 * Load a backup into a migrated store, in one transaction: a damaged or truncated file, or a
 * refused target (not empty without `replace`), leaves the target as it was. A backup of a newer
 * schema than the target's is refused before anything is read past its header.
 */
export async function restoreBackup(
  target: RestoreTarget,
  file: string,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  const backup = await openBackup(file);
  try {
    const targetVersion = await target.schemaVersion();
    if (compareSchemaVersions(backup.header.schemaVersion, targetVersion) > 0) {
      throw new BackupFileError(
        `${file} was taken from a newer database (schema ${backup.header.schemaVersion}, this one is at ${targetVersion}): upgrade GPU Sentinel first`,
      );
    }
    const rows = await target.restoreTables(backup.tables(), options);
    return { header: backup.header, rows };
  } finally {
    backup.close();
  }
}
