import { systemClock, type Clock } from '@gpu-sentinel/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Lease } from './lease.js';

export interface RedisLeaseOptions {
  redis: Redis;
  /** The lease's key, prefix included (e.g. `gpu-sentinel:lease:alerting`). */
  key: string;
  /** Unique per replica (and per process start), so a restarted replica never mistakes an old lease for its own. */
  ownerId: string;
  ttlMs: number;
  clock?: Clock;
  /** Called with true when this replica starts owning the work, false when it must stop. */
  onChange: (isOwner: boolean) => void;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}

// Renew or release only a lease still held by this owner: it may have expired and been taken meanwhile.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Leader election for work that must run on exactly one replica. The key is taken with SET NX PX and
 * renewed every ttl/3. An owner that cannot renew steps down a margin before its key could expire,
 * counted from when its last successful renewal was sent (never later than Redis started the ttl), so
 * no two replicas run the work at once unless the event loop stalls longer than that margin.
 */
export class RedisLease implements Lease {
  private readonly clock: Clock;
  private readonly marginMs: number;
  private isOwned = false;
  private isClosed = false;
  private isAttempting = false;
  private tickTimer: NodeJS.Timeout | null = null;
  private stepDownTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: RedisLeaseOptions) {
    this.clock = options.clock ?? systemClock;
    this.marginMs = Math.max(1, Math.floor(options.ttlMs / 5));
  }

  /** Resolves after the first attempt, so a lone replica owns its work as soon as it has started. */
  async start(): Promise<void> {
    await this.attempt();
    if (this.isClosed) return;
    this.tickTimer = setInterval(() => void this.attempt(), Math.max(1, Math.floor(this.options.ttlMs / 3)));
  }

  isOwner(): boolean {
    return this.isOwned;
  }

  /** Stops, and hands the lease over at once rather than after its ttl. */
  async close(): Promise<void> {
    this.isClosed = true;
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    const wasOwner = this.isOwned;
    this.stepDown();
    if (!wasOwner) return;
    try {
      await this.options.redis.eval(RELEASE, 1, this.options.key, this.options.ownerId);
    } catch (error) {
      this.options.log.warn({ err: error, lease: this.options.key }, 'releasing a lease failed; it expires by itself');
    }
  }

  private async attempt(): Promise<void> {
    // A command stuck behind an outage must not pile up others; the step-down timer covers the owner.
    if (this.isAttempting || this.isClosed) return;
    this.isAttempting = true;
    const sentAt = this.clock.now();
    const wasOwner = this.isOwned;
    try {
      const isHeld = wasOwner ? await this.renew() : await this.acquire();
      // Closed, or stepped down while the renewal was on its way: the answer is stale.
      if (this.hasChangedSince(wasOwner)) return;
      if (isHeld) this.hold(sentAt);
      else if (this.isOwned) {
        this.options.log.warn({ lease: this.options.key }, 'the lease was taken by another replica; stepping down');
        this.stepDown();
      }
    } catch (error) {
      // Keep owning until the step-down deadline: a brief blip must not move the work around.
      this.options.log.warn({ err: error, lease: this.options.key }, 'reaching Redis for a lease failed');
    } finally {
      this.isAttempting = false;
    }
  }

  /** Read after an await: close() or the step-down timer may have run meanwhile. */
  private hasChangedSince(wasOwner: boolean): boolean {
    return this.isClosed || wasOwner !== this.isOwned;
  }

  private async acquire(): Promise<boolean> {
    const { redis, key, ownerId, ttlMs } = this.options;
    return (await redis.set(key, ownerId, 'PX', ttlMs, 'NX')) === 'OK';
  }

  private async renew(): Promise<boolean> {
    const { redis, key, ownerId, ttlMs } = this.options;
    return (await redis.eval(RENEW, 1, key, ownerId, ttlMs)) === 1;
  }

  private hold(sentAt: number): void {
    const deadlineMs = sentAt + this.options.ttlMs - this.marginMs - this.clock.now();
    // An answer that took most of the ttl to arrive leaves no safe time to work in.
    if (deadlineMs <= 0) {
      this.stepDown();
      return;
    }
    if (this.stepDownTimer !== null) clearTimeout(this.stepDownTimer);
    this.stepDownTimer = setTimeout(() => {
      this.options.log.warn({ lease: this.options.key }, 'the lease could not be renewed in time; stepping down');
      this.stepDown();
    }, deadlineMs);
    if (this.isOwned) return;
    this.isOwned = true;
    this.options.log.info({ lease: this.options.key }, 'this replica now holds the lease');
    this.notify(true);
  }

  private stepDown(): void {
    if (this.stepDownTimer !== null) clearTimeout(this.stepDownTimer);
    this.stepDownTimer = null;
    if (!this.isOwned) return;
    this.isOwned = false;
    this.notify(false);
  }

  private notify(isOwner: boolean): void {
    try {
      this.options.onChange(isOwner);
    } catch (error) {
      this.options.log.error({ err: error, lease: this.options.key }, 'a lease change handler failed');
    }
  }
}
