import type { Redis } from 'ioredis';

/** Failed logins of one username from one IP, and until when it is locked out. */
export interface LockoutState {
  failures: number;
  lockedUntil: number;
}

/** Where lockout states live: in memory, or in Redis when replicas must share them. */
export interface LockoutStore {
  get(key: string): Promise<LockoutState | null>;
  set(key: string, state: LockoutState, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemoryLockoutStore implements LockoutStore {
  private readonly states = new Map<string, { state: LockoutState; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  get(key: string): Promise<LockoutState | null> {
    const entry = this.states.get(key);
    if (entry !== undefined && entry.expiresAt <= this.now()) this.states.delete(key);
    return Promise.resolve(entry !== undefined && entry.expiresAt > this.now() ? entry.state : null);
  }

  set(key: string, state: LockoutState, ttlMs: number): Promise<void> {
    this.states.set(key, { state, expiresAt: this.now() + ttlMs });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.states.delete(key);
    return Promise.resolve();
  }
}

export class RedisLockoutStore implements LockoutStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<LockoutState | null> {
    const text = await this.redis.get(this.prefix + key);
    if (text === null) return null;
    const value: unknown = JSON.parse(text);
    return isLockoutState(value) ? value : null;
  }

  async set(key: string, state: LockoutState, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(state), 'PX', ttlMs);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

function isLockoutState(value: unknown): value is LockoutState {
  return (
    typeof value === 'object' &&
    value !== null &&
    'failures' in value &&
    typeof value.failures === 'number' &&
    'lockedUntil' in value &&
    typeof value.lockedUntil === 'number'
  );
}
