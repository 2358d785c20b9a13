import { systemClock } from '@gpu-sentinel/core';
import { SessionRevocations } from '../auth/session-revocations.js';
import { loadConfig } from '../config/load-config.js';
import { configPathOf, pickConfigFlags } from '../config/pick-flags.js';
import { AppError } from '../errors/app-error.js';
import type { AuditContext, IdentityDeps, SecurityLogger } from '../services/auth/identity-deps.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store-factory.js';
import type { CliIo } from './cli-io.js';
import { PasswordInputError } from './read-secret.js';

/** What the `user` and `apikey` commands run with: the configured store (data dir or DATABASE_URL), and `cli` as the audit actor. */
export type CliIdentityDeps = Pick<IdentityDeps, 'store' | 'clock' | 'logger' | 'revocations'>;

export const CLI_CONTEXT: AuditContext = { actor: 'cli', ip: null };

/** The audit log keeps the events; the terminal shows the command's own output only. */
const quietLogger: SecurityLogger = { info: () => undefined, warn: () => undefined };

/**
 * Open the configured store (`--data-dir` or `--database-url`, `--config`, env) and run `command` on it.
 * Bad input exits 2, a failed operation 1, each with one line on stderr.
 */
export async function withIdentityStore(
  options: Readonly<Record<string, unknown>>,
  io: CliIo,
  command: (deps: CliIdentityDeps) => Promise<number>,
): Promise<number> {
  const { config } = await loadConfig({
    flags: pickConfigFlags(options),
    configPath: configPathOf(options),
    env: io.env,
  });
  let store: Store | undefined;
  try {
    store = openStore(config);
    await store.migrate();
  } catch (error) {
    await store?.close();
    io.stderr.write(`gpu-sentinel: cannot open the store: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const revocations = new SessionRevocations(store.identity, systemClock);
    return await command({ store: store.identity, clock: systemClock, logger: quietLogger, revocations });
  } catch (error) {
    if (error instanceof AppError || error instanceof PasswordInputError) {
      io.stderr.write(`gpu-sentinel: ${error.message}\n`);
      return error instanceof AppError && error.code !== 'validation_failed' ? 1 : 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** Plain columns, padded to the widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function formatTime(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString();
}
