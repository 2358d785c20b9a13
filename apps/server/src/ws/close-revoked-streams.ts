import type { Identity } from '../auth/create-identity.js';
import type { StreamHub } from './stream-hub.js';

/**
 * Live streams end with what opened them: a logged-out, revoked or disabled session closes its sockets
 * (the authenticator reports it), and revoking an API key closes the sockets opened with that key.
 * Returns the identity to serve (its key revocation also closes sockets) and the function that detaches.
 */
export function closeRevokedStreams(identity: Identity, hub: StreamHub): { identity: Identity; detach: () => void } {
  const detach = identity.authenticator.onSessionRevoked((sessionId) => hub.closeSession(sessionId));
  return {
    detach,
    identity: {
      ...identity,
      revokeApiKey: async (id, context) => {
        const key = await identity.revokeApiKey(id, context);
        hub.closeApiKey(id);
        return key;
      },
    },
  };
}
