import type { Identity } from '../auth/create-identity.js';
import { closeRevokedStreams } from '../ws/close-revoked-streams.js';
import type { StreamHub } from '../ws/stream-hub.js';
import type { RedisRevocationChannel } from './revocation-channel.js';

/**
 * closeRevokedStreams across replicas: what this replica revokes closes its own sockets and is told to the
 * others, and what another replica revokes closes the sockets here. Sessions found revoked in the store are
 * not re-sent: every replica reads the store for itself.
 */
export function closeRevokedStreamsEverywhere(
  identity: Identity,
  hub: StreamHub,
  channel: Pick<RedisRevocationChannel, 'publish' | 'onPeerRevocation'>,
): { identity: Identity; detach: () => void } {
  const local = closeRevokedStreams(identity, hub);
  const stopTelling = identity.authenticator.onSessionRevoked((sessionId, origin) => {
    if (origin === 'here') channel.publish({ kind: 'session', sessionId });
  });
  const stopHearing = channel.onPeerRevocation((revocation) => {
    if (revocation.kind === 'session') hub.closeSession(revocation.sessionId);
    else hub.closeApiKey(revocation.keyId);
  });
  return {
    identity: {
      ...local.identity,
      revokeApiKey: async (id, context) => {
        const key = await local.identity.revokeApiKey(id, context);
        channel.publish({ kind: 'apiKey', keyId: id });
        return key;
      },
    },
    detach: () => {
      local.detach();
      stopTelling();
      stopHearing();
    },
  };
}
