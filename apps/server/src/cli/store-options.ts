import type { Command } from 'commander';

export const DATA_DIR_HELP = 'where the embedded SQLite database lives (default ./data)';
export const DATABASE_URL_HELP =
  'use PostgreSQL instead of SQLite: postgres://user:pass@host:5432/db (or DATABASE_URL)';

/** The options that say which store a command opens, the same for every command that opens one. */
export function withStoreOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--database-url <url>', DATABASE_URL_HELP)
    .option('--config <file>', 'a JSON config file (or GPU_SENTINEL_CONFIG)');
}
