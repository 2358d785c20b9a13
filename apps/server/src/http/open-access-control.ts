import type { Clock } from '@gpu-sentinel/core';
import type { ServerConfig } from '@gpu-sentinel/protocol';
import type { Logger } from 'pino';
import { createIdentity, type Identity } from '../auth/create-identity.js';
import { loadSecrets, type Secrets } from '../auth/secrets.js';
import type { IdentityStore } from '../store/identity-store.js';
import { createSecurityDeps, type SecurityDeps } from './security-deps.js';

export interface AccessControl {
  identity: Identity;
  security: SecurityDeps;
  /** Encrypts credentials at rest (channel passwords and webhook secrets). */
  secrets: Pick<Secrets, 'encrypt' | 'decrypt'>;
  /** The one-time first-admin link (a path), when the server has no user yet and no admin password was given. */
  setupPath: string | null;
}

/**
 * Secrets (from GPU_SENTINEL_SECRET or the data dir), identity, the first admin, and the rate-limit and
 * lockout stores (Redis when REDIS_URL is set). Security events are logged with `security: true`.
 */
export async function openAccessControl(
  config: ServerConfig,
  deps: { store: IdentityStore; clock: Clock; logger: Logger; redisKeyPrefix?: string | undefined },
): Promise<AccessControl> {
  const { clock, logger } = deps;
  const loaded = await loadSecrets({ secret: config.secret, dataDir: config.dataDir });
  if (loaded.warning !== null) logger.warn({ security: true }, loaded.warning);
  const identity = createIdentity({ store: deps.store, clock, secrets: loaded.secrets, logger });
  const bootstrap = await identity.bootstrapFirstAdmin({ adminPassword: config.adminPassword });
  if (bootstrap.kind === 'created') {
    logger.info({ security: true }, `created the first admin user "${bootstrap.username}"`);
  }
  const security = await createSecurityDeps(config, () => clock.now(), deps.redisKeyPrefix);
  return {
    identity,
    security,
    secrets: loaded.secrets,
    setupPath: bootstrap.kind === 'setup' ? bootstrap.setupPath : null,
  };
}
