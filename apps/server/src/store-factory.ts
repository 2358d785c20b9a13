import type { Clock } from '@gpu-sentinel/core';
import type { ServerConfig } from '@gpu-sentinel/protocol';
import { createPostgresStore, createSqliteStore, type Store } from './store/index.js';

/**
 * The one place that picks the storage engine: Postgres when `databaseUrl` (DATABASE_URL,
 * `--database-url`) is set, else the embedded SQLite file in `dataDir`. The server and every CLI
 * command that opens the store go through here, so they always agree on where the data is.
 * The caller runs `migrate()`.
 */
export function openStore(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>, clock?: Clock): Store {
  const withClock = clock === undefined ? {} : { clock };
  if (config.databaseUrl !== undefined) return createPostgresStore({ url: config.databaseUrl, ...withClock });
  return createSqliteStore({ dataDir: config.dataDir, ...withClock });
}
