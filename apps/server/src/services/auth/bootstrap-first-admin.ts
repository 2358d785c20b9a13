import { hashPassword } from '../../auth/password-hash.js';
import { randomToken, sha256Hex } from '../../auth/opaque-token.js';
import { UsernameTakenError } from '../../store/identity-store.js';
import type { IdentityDeps } from './identity-deps.js';
import { recordAudit } from './record-audit.js';

export const FIRST_ADMIN_USERNAME = 'admin';
/** The settings key of the one-time setup token's hash. */
export const SETUP_TOKEN_SETTING = 'setup_token_sha256';

export type BootstrapResult =
  | { kind: 'ready' }
  | { kind: 'created'; username: string }
  /** Print `setupPath` (relative to the server's URL) in the log: it holds the only copy of the token. */
  | { kind: 'setup'; setupPath: string };

/**
 * At start, when there are no users: with GPU_SENTINEL_ADMIN_PASSWORD, create `admin`; without it,
 * make a one-time setup token (stored hashed, valid until used; a restart makes a new one).
 */
export async function bootstrapFirstAdmin(
  deps: Pick<IdentityDeps, 'store' | 'clock' | 'logger'>,
  options: { adminPassword?: string | undefined },
): Promise<BootstrapResult> {
  if ((await deps.store.countUsers()) > 0) return { kind: 'ready' };
  if (options.adminPassword !== undefined && options.adminPassword !== '') {
    const passwordHash = await hashPassword(options.adminPassword);
    let user;
    try {
      user = await deps.store.insertUser(
        { username: FIRST_ADMIN_USERNAME, passwordHash, role: 'admin' },
        deps.clock.now(),
      );
    } catch (error) {
      // Replicas starting together on an empty database: another one created the admin first.
      if (error instanceof UsernameTakenError) return { kind: 'ready' };
      throw error;
    }
    const context = { actor: 'system', ip: null };
    const details = { role: 'admin', via: 'GPU_SENTINEL_ADMIN_PASSWORD' };
    await recordAudit(deps, { type: 'user.created', context, target: user.username, details });
    return { kind: 'created', username: user.username };
  }
  const token = randomToken();
  await deps.store.setSetting(SETUP_TOKEN_SETTING, sha256Hex(token));
  return { kind: 'setup', setupPath: `/setup?token=${token}` };
}
