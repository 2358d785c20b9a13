import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, FROM, openIdentityKit, type IdentityKit } from '../services/auth/identity-test-kit.js';
import { signAccessToken } from './access-token.js';
import { deriveSecrets } from './secrets.js';
import { REVOCATION_SYNC_MS } from './session-revocations.js';

let kit: IdentityKit;
beforeEach(async () => {
  kit = await openIdentityKit();
  await kit.identity.createUser({ username: 'alice', password: 'alice password 1', role: 'user' }, ADMIN);
});
afterEach(() => kit.close());

describe('authenticator', () => {
  it('refuses a well-formed token signed with another secret', async () => {
    const session = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    const principal = await kit.identity.authenticator.authenticate(session.accessToken);
    if (principal?.kind !== 'user') throw new Error('expected a user principal');
    const otherKey = deriveSecrets(Buffer.alloc(32, 9)).jwtKey;
    const forged = await signAccessToken(otherKey, { ...principal, role: 'admin' }, kit.clock.now());
    expect(await kit.identity.authenticator.authenticate(forged)).toBeNull();
  });

  it('sees sessions revoked outside this process (the CLI) within a few seconds, and says so', async () => {
    const session = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    const principal = await kit.identity.authenticator.authenticate(session.accessToken);
    if (principal?.kind !== 'user') throw new Error('expected a user principal');
    const closed: string[] = [];
    kit.identity.authenticator.onSessionRevoked((sessionId) => closed.push(sessionId));

    // What `gpu-sentinel user disable` does to the database while the server runs.
    await kit.store.identity.revokeUserSessions(principal.userId, kit.clock.now());
    kit.clock.advance(REVOCATION_SYNC_MS);
    expect(await kit.identity.authenticator.authenticate(session.accessToken)).toBeNull();
    expect(closed).toEqual([principal.sessionId]);
  });
});
