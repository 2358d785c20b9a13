import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalLease } from '../../src/cluster/lease.js';
import { RedisLease } from '../../src/cluster/redis-lease.js';
import { eventually } from '../support/test-server.js';
import { killConnection, openRedisKit, type RedisKit } from './redis-kit.js';

const TTL_MS = 1_500;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Contender {
  lease: RedisLease;
  redis: Redis;
  changes: boolean[];
}

let kit: RedisKit;
let contenders: Contender[];

async function contender(ownerId: string, onChange?: (isOwner: boolean) => void): Promise<Contender> {
  // No reconnects: a killed connection stays dead, so its renewals fail.
  const redis = await kit.connect({ retryStrategy: () => null });
  const changes: boolean[] = [];
  const lease = new RedisLease({
    redis,
    key: `${kit.prefix}lease`,
    ownerId,
    ttlMs: TTL_MS,
    onChange: (isOwner) => {
      changes.push(isOwner);
      onChange?.(isOwner);
    },
    log: silent,
  });
  const made = { lease, redis, changes };
  contenders.push(made);
  await lease.start();
  return made;
}

const owners = (): Contender[] => contenders.filter((c) => c.lease.isOwner());

beforeEach(async () => {
  kit = await openRedisKit('lease');
  contenders = [];
});
afterEach(async () => {
  for (const { lease } of contenders) await lease.close();
  await kit.close();
});

describe('RedisLease: work that runs on exactly one replica', () => {
  it('exactly one of three contenders owns, and keeps owning while it renews', async () => {
    await Promise.all(['a', 'b', 'c'].map((id) => contender(id)));
    expect(owners()).toHaveLength(1);
    const [first] = owners();
    // Past two ttls: the owner renewed, nobody else took over.
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL_MS));
    expect(owners()).toEqual([first]);
    expect(first?.changes).toEqual([true]);
    expect(contenders.filter((c) => c !== first).every((c) => c.changes.length === 0)).toBe(true);
  });

  it('when the owner closes, another takes over within the ttl', async () => {
    await Promise.all(['a', 'b', 'c'].map((id) => contender(id)));
    const [first] = owners();
    if (first === undefined) throw new Error('expected an owner');
    const closedAt = Date.now();
    await first.lease.close();
    expect(first.changes).toEqual([true, false]);
    const next = await eventually('a new owner', () => owners()[0]);
    expect(Date.now() - closedAt).toBeLessThan(TTL_MS);
    expect(next).not.toBe(first);
    expect(owners()).toHaveLength(1);
  });

  it('an owner that cannot renew steps down before its key expires, and only then may another take over', async () => {
    const events: string[] = [];
    let keyLeftMsAtStepDown: number | null = null;
    const a = await contender('a', (isOwner) => {
      events.push(`a:${isOwner}`);
      if (!isOwner) void kit.admin.pttl(`${kit.prefix}lease`).then((ms) => (keyLeftMsAtStepDown = ms));
    });
    await contender('b', (isOwner) => events.push(`b:${isOwner}`));
    expect(a.lease.isOwner()).toBe(true);

    await killConnection(kit, a.redis);
    await eventually('b owns', () => (events.includes('b:true') ? true : undefined));
    expect(events).toEqual(['a:true', 'a:false', 'b:true']);
    // At the step-down the key was still a's, with time left on it.
    expect(keyLeftMsAtStepDown).toBeGreaterThan(0);
    expect(a.lease.isOwner()).toBe(false);
  });

  it('an owner whose key was taken over steps down at its next renewal', async () => {
    const a = await contender('a');
    await kit.admin.set(`${kit.prefix}lease`, 'someone-else', 'PX', 60_000);
    await eventually('a steps down', () => (a.lease.isOwner() ? undefined : true), TTL_MS * 2);
    expect(a.changes).toEqual([true, false]);
  });
});

describe('LocalLease', () => {
  it('a single server always owns its work, until it closes', async () => {
    const changes: boolean[] = [];
    const lease = new LocalLease({ onChange: (isOwner) => changes.push(isOwner) });
    await lease.start();
    expect(lease.isOwner()).toBe(true);
    await lease.close();
    expect(lease.isOwner()).toBe(false);
    expect(changes).toEqual([true, false]);
  });
});
