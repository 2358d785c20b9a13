import type { Clock } from '@gpu-sentinel/core';
import type { ServerConfig } from '@gpu-sentinel/protocol';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Identity } from '../auth/create-identity.js';
import { SHARED_TOPICS, type Bus } from '../bus/bus.js';
import { InProcessBus } from '../bus/in-process-bus.js';
import { closeRevokedStreams } from '../ws/close-revoked-streams.js';
import type { StreamHub } from '../ws/stream-hub.js';
import { StreamTickets, type StreamTicketStore } from '../ws/stream-tickets.js';
import { closeRevokedStreamsEverywhere } from './close-revoked-streams-everywhere.js';
import { LocalLease, type Lease } from './lease.js';
import { RedisBus } from './redis-bus.js';
import { RedisLease } from './redis-lease.js';
import { RedisStreamTickets } from './redis-stream-tickets.js';
import { RedisRevocationChannel } from './revocation-channel.js';

/** How long a replica's lease lasts without renewal: a dead owner's work moves within about this long. */
const LEASE_TTL_MS = 10_000;

/** What differs between one server and replicas sharing Redis: the bus, stream tickets, revocations, leases. */
export interface Cluster {
  readonly replicaId: string;
  readonly isScaledOut: boolean;
  readonly bus: Bus;
  readonly tickets: StreamTicketStore;
  /** A lease for work that runs on exactly one replica at a time (`name` tells the works apart). */
  lease(name: string, onChange: (isOwner: boolean) => void): Lease;
  /** Revoking a session or key closes its live streams on every replica. */
  closeRevokedStreams(identity: Identity, hub: StreamHub): { identity: Identity; detach: () => void };
  close(): Promise<void>;
}

export interface ClusterDeps {
  clock: Clock;
  logger: Logger;
  /** Prefix of every Redis key and channel (config `redisPrefix`; tests use one per run). */
  keyPrefix: string;
}

/** One server: everything in process. With `redisUrl`: replicas share live data, tickets, revocations and leases. */
export async function openCluster(config: Pick<ServerConfig, 'redisUrl'>, deps: ClusterDeps): Promise<Cluster> {
  const { clock, logger } = deps;
  const replicaId = `${hostname()}:${String(process.pid)}:${randomUUID()}`;
  const onHandlerError = (topic: string, error: unknown): void => {
    logger.error({ err: error, topic }, 'bus subscriber failed');
  };
  if (config.redisUrl === undefined) {
    return {
      replicaId,
      isScaledOut: false,
      bus: new InProcessBus(onHandlerError),
      tickets: new StreamTickets(clock),
      lease: (_name, onChange) => new LocalLease({ onChange }),
      closeRevokedStreams,
      close: () => Promise.resolve(),
    };
  }
  const publisher = await connect(config.redisUrl);
  const subscriber = publisher.duplicate();
  const prefix = deps.keyPrefix;
  let isRedisDown = false;
  const onRedisError = (error: unknown): void => {
    if (isRedisDown) return;
    isRedisDown = true;
    logger.warn({ err: error }, 'Redis is unreachable: live data between replicas is paused');
  };
  publisher.on('ready', () => {
    if (isRedisDown) logger.info('Redis is back');
    isRedisDown = false;
  });
  const bus = new RedisBus({
    publisher,
    subscriber,
    channel: `${prefix}bus`,
    replicaId,
    sharedTopics: SHARED_TOPICS,
    onHandlerError,
    onRedisError,
  });
  const revocations = new RedisRevocationChannel({
    publisher,
    subscriber,
    channel: `${prefix}revocations`,
    replicaId,
    onRedisError,
  });
  const leases: Lease[] = [];
  try {
    await bus.start();
    await revocations.start();
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }
  logger.info({ replicaId }, 'scaled out: sharing live data, tickets and leases through Redis');
  return {
    replicaId,
    isScaledOut: true,
    bus,
    tickets: new RedisStreamTickets(publisher, `${prefix}ticket:`),
    lease: (name, onChange) => {
      const lease = new RedisLease({
        redis: publisher,
        key: `${prefix}lease:${name}`,
        ownerId: replicaId,
        ttlMs: LEASE_TTL_MS,
        clock,
        onChange,
        log: logger,
      });
      leases.push(lease);
      return lease;
    },
    closeRevokedStreams: (identity, hub) => closeRevokedStreamsEverywhere(identity, hub, revocations),
    close: async () => {
      for (const lease of leases) await lease.close();
      await bus.close();
      await revocations.close();
      subscriber.disconnect();
      await publisher.quit();
    },
  };
}

async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot connect to Redis at REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
  }
}
