import type { ServerConfig } from '@gpu-sentinel/protocol';
import { Redis } from 'ioredis';
import { MemoryLockoutStore, RedisLockoutStore, type LockoutStore } from './lockout-store.js';
import type { RateLimitSettings } from './rate-limits.js';

export interface SecurityDeps {
  rateLimits: RateLimitSettings;
  lockouts: LockoutStore;
  close(): Promise<void>;
}

/** The default prefix of the Redis keys this server writes. */
export const REDIS_KEY_PREFIX = 'gpu-sentinel:';

/**
 * Rate-limit counters and login lockouts: in memory, or in Redis when `redisUrl` is set so that every
 * replica sees the same counts. Connects before the server listens, so a wrong REDIS_URL stops start-up.
 */
export async function createSecurityDeps(
  config: Pick<
    ServerConfig,
    'redisUrl' | 'rateLimitPerMinute' | 'rateLimitHistoryPerMinute' | 'rateLimitLoginPerMinute'
  >,
  now: () => number,
  redisPrefix = REDIS_KEY_PREFIX,
): Promise<SecurityDeps> {
  const limits = {
    perMinute: config.rateLimitPerMinute,
    historyPerMinute: config.rateLimitHistoryPerMinute,
    loginPerMinute: config.rateLimitLoginPerMinute,
    redisPrefix,
  };
  if (config.redisUrl === undefined) {
    return {
      rateLimits: { ...limits, redis: null },
      lockouts: new MemoryLockoutStore(now),
      close: () => Promise.resolve(),
    };
  }
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot connect to Redis at REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    rateLimits: { ...limits, redis },
    lockouts: new RedisLockoutStore(redis, redisPrefix),
    close: async () => {
      await redis.quit();
    },
  };
}
