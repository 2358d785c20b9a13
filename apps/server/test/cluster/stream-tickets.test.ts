import type { Principal } from '@gpu-sentinel/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisStreamTickets } from '../../src/cluster/redis-stream-tickets.js';
import { openRedisKit, type RedisKit } from './redis-kit.js';

const ALICE: Principal = { kind: 'user', userId: 3, username: 'alice', role: 'user', sessionId: 'session-1' };
const WALLBOARD: Principal = { kind: 'apiKey', keyId: 9, name: 'wallboard', scope: 'read' };

let kit: RedisKit;
beforeEach(async () => {
  kit = await openRedisKit('tickets');
});
afterEach(() => kit.close());

describe('stream tickets in Redis: issued on one replica, redeemed on another', () => {
  it('a ticket from replica A opens the stream on replica B, once', async () => {
    const onA = new RedisStreamTickets(await kit.connect(), `${kit.prefix}ticket:`);
    const onB = new RedisStreamTickets(await kit.connect(), `${kit.prefix}ticket:`);
    const forAlice = await onA.issue(ALICE);
    const forKey = await onA.issue(WALLBOARD);
    expect(forAlice.expiresIn).toBe(30);
    expect(forAlice.ticket).not.toBe(forKey.ticket);

    expect(await onB.consume(forAlice.ticket)).toEqual(ALICE);
    expect(await onB.consume(forKey.ticket)).toEqual(WALLBOARD);
    expect(await onB.consume(forAlice.ticket)).toBeNull();
    expect(await onA.consume(forAlice.ticket)).toBeNull();
    expect(await onB.consume('never-issued')).toBeNull();
  });

  it('an expired ticket is refused', async () => {
    const redis = await kit.connect();
    const tickets = new RedisStreamTickets(redis, `${kit.prefix}ticket:`, 100);
    const { ticket, expiresIn } = await tickets.issue(ALICE);
    expect(expiresIn).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await tickets.consume(ticket)).toBeNull();
  });

  it('what Redis holds is parsed before it grants anything', async () => {
    const redis = await kit.connect();
    const tickets = new RedisStreamTickets(redis, `${kit.prefix}ticket:`);
    await redis.set(`${kit.prefix}ticket:forged`, JSON.stringify({ ...ALICE, role: 'root' }), 'PX', 10_000);
    await redis.set(`${kit.prefix}ticket:garbled`, '{not json', 'PX', 10_000);
    expect(await tickets.consume('forged')).toBeNull();
    expect(await tickets.consume('garbled')).toBeNull();
  });
});
