import { Redis, type RedisOptions } from 'ioredis';
import { randomUUID } from 'node:crypto';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Connections opened for one test file, under a key prefix of their own, all removed by `close()`. */
export interface RedisKit {
  prefix: string;
  /** Runs admin commands (CLIENT KILL, PTTL, cleanup). */
  admin: Redis;
  connect(options?: RedisOptions): Promise<Redis>;
  close(): Promise<void>;
}

export async function openRedisKit(name: string): Promise<RedisKit> {
  const prefix = `gpu-sentinel-test:${name}:${randomUUID()}:`;
  const opened: Redis[] = [];
  const connect = async (options: RedisOptions = {}): Promise<Redis> => {
    // A name of its own, so a test can find and kill it even while it is subscribed.
    const connectionName = `gpu-sentinel-test-${randomUUID()}`;
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectionName, ...options });
    redis.on('error', () => undefined);
    opened.push(redis);
    try {
      await redis.connect();
    } catch (error) {
      throw new Error(`these tests need Redis on ${REDIS_URL} (apt-get install redis-server): ${String(error)}`);
    }
    return redis;
  };
  const admin = await connect();
  return {
    prefix,
    admin,
    connect,
    close: async () => {
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length > 0) await admin.del(...keys);
      for (const redis of opened) redis.disconnect();
    },
  };
}

/** Kill a connection from the server side, as a Redis restart or a network cut would. */
export async function killConnection(kit: RedisKit, redis: Redis): Promise<void> {
  const clients = String(await kit.admin.client('LIST'));
  const line = clients.split('\n').find((entry) => entry.includes(` name=${redis.options.connectionName ?? '?'} `));
  const id = line === undefined ? undefined : /\bid=(\d+)/.exec(line)?.[1];
  if (id === undefined) throw new Error('the connection to kill is not connected');
  await kit.admin.client('KILL', 'ID', id);
}
