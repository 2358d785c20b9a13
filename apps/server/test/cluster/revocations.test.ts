import type { Principal } from '@gpu-sentinel/protocol';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createIdentity, type Identity } from '../../src/auth/create-identity.js';
import { deriveSecrets } from '../../src/auth/secrets.js';
import { closeRevokedStreamsEverywhere } from '../../src/cluster/close-revoked-streams-everywhere.js';
import { RedisRevocationChannel } from '../../src/cluster/revocation-channel.js';
import { ADMIN, FROM, openIdentityKit, type IdentityKit } from '../../src/services/auth/identity-test-kit.js';
import { CLOSE_REVOKED, StreamHub } from '../../src/ws/stream-hub.js';
import { eventually } from '../support/test-server.js';
import { openRedisKit, type RedisKit } from './redis-kit.js';

/** One server process of the cluster: its identity (over the shared store), its hub and its channel. */
interface Replica {
  identity: Identity;
  hub: StreamHub;
  channel: RedisRevocationChannel;
  detach: () => void;
}

/** A live stream as the browser sees it: closeCode is set when the server closes it. */
interface OpenStream {
  closeCode: number | null;
}

let identityKit: IdentityKit;
let redisKit: RedisKit;
let sockets: WebSocketServer;
let replicas: Replica[];
const clients: WebSocket[] = [];

async function replica(id: string, identity: Identity): Promise<Replica> {
  const hub = new StreamHub({
    clock: identityKit.clock,
    maxBufferedBytes: 1_024,
    snapshot: () => ({ type: 'snapshot', system: {} as never, inventory: [], samples: [] }),
    fleetInventory: () => [],
    localHostId: null,
    log: pino({ level: 'silent' }),
  });
  const channel = new RedisRevocationChannel({
    publisher: await redisKit.connect(),
    subscriber: await redisKit.connect(),
    channel: `${redisKit.prefix}revocations`,
    replicaId: id,
    onRedisError: (error) => {
      throw error;
    },
  });
  await channel.start();
  const wired = closeRevokedStreamsEverywhere(identity, hub, channel);
  const made = { identity: wired.identity, hub, channel, detach: wired.detach };
  replicas.push(made);
  return made;
}

/** A real WebSocket, accepted into the replica's hub as the stream route would. */
async function openStream(on: Replica, principal: Principal): Promise<OpenStream> {
  const accepted = new Promise<void>((resolve) => {
    sockets.once('connection', (socket) => {
      on.hub.add(socket, principal);
      resolve();
    });
  });
  const { port } = sockets.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  clients.push(client);
  const stream: OpenStream = { closeCode: null };
  client.on('close', (code) => (stream.closeCode = code));
  await accepted;
  return stream;
}

async function userPrincipal(on: Replica, accessToken: string): Promise<Principal> {
  const principal = await on.identity.authenticator.authenticate(accessToken);
  if (principal === null) throw new Error('expected a valid access token');
  return principal;
}

beforeEach(async () => {
  identityKit = await openIdentityKit();
  redisKit = await openRedisKit('revocations');
  sockets = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  replicas = [];
  await identityKit.identity.createUser({ username: 'alice', password: 'alice password 1', role: 'user' }, ADMIN);
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  for (const { detach, channel, hub } of replicas) {
    detach();
    hub.closeAll();
    await channel.close();
  }
  await new Promise((resolve) => sockets.close(resolve));
  await redisKit.close();
  await identityKit.close();
});

describe('revocations close live streams on every replica', () => {
  it('a logout on replica A closes the session streams open on replica B, and only those', async () => {
    const secrets = deriveSecrets(Buffer.alloc(32, 7));
    const otherIdentity = createIdentity({
      store: identityKit.store.identity,
      clock: identityKit.clock,
      secrets,
      logger: identityKit.logger,
    });
    const a = await replica('a', identityKit.identity);
    const b = await replica('b', otherIdentity);
    const mine = await a.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    const other = await a.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    const minePrincipal = await userPrincipal(b, mine.accessToken);
    const streamOnB = await openStream(b, minePrincipal);
    const streamOnA = await openStream(a, minePrincipal);
    const bystander = await openStream(b, await userPrincipal(b, other.accessToken));

    await a.identity.logout(await userPrincipal(a, mine.accessToken), { refreshToken: mine.refreshToken }, FROM);
    await eventually('the stream on B closed', () => streamOnB.closeCode ?? undefined);
    await eventually('the stream on A closed', () => streamOnA.closeCode ?? undefined);
    expect(streamOnB.closeCode).toBe(CLOSE_REVOKED);
    expect(streamOnA.closeCode).toBe(CLOSE_REVOKED);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bystander.closeCode).toBeNull();
    expect(b.hub.stats().clients).toBe(1);
  });

  it('revoking an API key on replica A closes the streams it opened on replica B', async () => {
    const secrets = deriveSecrets(Buffer.alloc(32, 7));
    const otherIdentity = createIdentity({
      store: identityKit.store.identity,
      clock: identityKit.clock,
      secrets,
      logger: identityKit.logger,
    });
    const a = await replica('a', identityKit.identity);
    const b = await replica('b', otherIdentity);
    const key = await a.identity.createApiKey({ name: 'wallboard', scope: 'read' }, ADMIN);
    const kept = await a.identity.createApiKey({ name: 'kiosk', scope: 'read' }, ADMIN);
    const stream = await openStream(b, await userPrincipal(b, key.key));
    const bystander = await openStream(b, await userPrincipal(b, kept.key));

    await a.identity.revokeApiKey(key.id, ADMIN);
    await eventually('the stream on B closed', () => stream.closeCode ?? undefined);
    expect(stream.closeCode).toBe(CLOSE_REVOKED);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bystander.closeCode).toBeNull();
  });
});
