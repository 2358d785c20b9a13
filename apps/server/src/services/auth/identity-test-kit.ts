import path from 'node:path';
import { ManualClock } from '@gpu-sentinel/core';
import { createIdentity, type Identity } from '../../auth/create-identity.js';
import { deriveSecrets } from '../../auth/secrets.js';
import { createSqliteStore } from '../../store/index.js';
import type { Store } from '../../store/store.js';
import { makeTempDir, type TempDir } from '../../store/test-fixtures.js';
import type { SecurityLogger } from './identity-deps.js';

/** A logger that keeps its lines, so tests can check what was marked as a security event. */
export class CapturingLogger implements SecurityLogger {
  readonly lines: { level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }[] = [];
  info(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }
}

export interface IdentityKit {
  identity: Identity;
  store: Store;
  clock: ManualClock;
  logger: CapturingLogger;
  dir: TempDir;
  close(): Promise<void>;
}

/** Identity over a real SQLite file in a temp dir, with a manual clock. */
export async function openIdentityKit(): Promise<IdentityKit> {
  const dir = makeTempDir('gpu-sentinel-identity-');
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = createSqliteStore({ dataDir: path.join(dir.path, 'data'), clock });
  await store.migrate();
  const logger = new CapturingLogger();
  const secrets = deriveSecrets(Buffer.alloc(32, 7));
  const identity = createIdentity({ store: store.identity, clock, secrets, logger });
  return {
    identity,
    store,
    clock,
    logger,
    dir,
    close: async () => {
      await store.close();
      dir.remove();
    },
  };
}

export const ADMIN = { actor: 'root', ip: '127.0.0.1' };
export const FROM = { ip: '203.0.113.9' };
