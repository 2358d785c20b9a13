import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusEvents, BusTopic } from '../../src/bus/bus.js';
import { RedisBus } from '../../src/cluster/redis-bus.js';
import { eventually } from '../support/test-server.js';
import { killConnection, openRedisKit, type RedisKit } from './redis-kit.js';

const SHARED = new Set<BusTopic>(['tick', 'alert']);
const tick = (ts: number): BusEvents['tick'] => ({ ts, hostId: 'host-1', samples: [] });

interface Replica {
  bus: RedisBus;
  publisher: Redis;
  subscriber: Redis;
  handlerErrors: unknown[];
  redisErrors: unknown[];
  ticks: number[];
}

let kit: RedisKit;
let replicas: Replica[];

async function replica(replicaId: string, publisherOptions = {}): Promise<Replica> {
  const publisher = await kit.connect(publisherOptions);
  const subscriber = await kit.connect();
  const handlerErrors: unknown[] = [];
  const redisErrors: unknown[] = [];
  const bus = new RedisBus({
    publisher,
    subscriber,
    channel: `${kit.prefix}bus`,
    replicaId,
    sharedTopics: SHARED,
    onHandlerError: (_topic, error) => handlerErrors.push(error),
    onRedisError: (error) => redisErrors.push(error),
  });
  await bus.start();
  const ticks: number[] = [];
  bus.subscribe('tick', (event) => ticks.push(event.ts));
  const made = { bus, publisher, subscriber, handlerErrors, redisErrors, ticks };
  replicas.push(made);
  return made;
}

beforeEach(async () => {
  kit = await openRedisKit('bus');
  replicas = [];
});
afterEach(async () => {
  for (const { bus } of replicas) await bus.close();
  await kit.close();
});

describe('RedisBus: one bus across replicas', () => {
  it('delivers shared topics to every replica once, in order, and keeps the others local', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const processesOnB: unknown[] = [];
    b.bus.subscribe('processes', (event) => processesOnB.push(event));
    const listener = await kit.connect();
    let messages = 0;
    listener.on('message', () => (messages += 1));
    await listener.subscribe(`${kit.prefix}bus`);

    a.bus.publish('processes', { hostId: 'host-1', processes: [] });
    for (let ts = 1; ts <= 1_000; ts += 1) a.bus.publish('tick', tick(ts));
    // Delivered here at once, synchronously, like the in-process bus.
    expect(a.ticks).toHaveLength(1_000);

    await eventually('the burst on the other replica', () => (b.ticks.length >= 1_000 ? true : undefined));
    const inOrder = Array.from({ length: 1_000 }, (_, i) => i + 1);
    expect(b.ticks).toEqual(inOrder);
    // A last event, then a pause: nothing came back to its publisher twice, nothing private crossed.
    b.bus.publish('tick', tick(1_001));
    await eventually('the reply', () => (a.ticks.length === 1_001 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.ticks).toEqual([...inOrder, 1_001]);
    expect(b.ticks).toEqual([...inOrder, 1_001]);
    expect(processesOnB).toEqual([]);
    // The burst went out as a few batched PUBLISHes, not a thousand.
    expect(messages).toBeLessThanOrEqual(10);
    expect(a.bus.stats()).toMatchObject({ published: 1_000, received: 1, dropped: 0 });
    expect(b.bus.stats()).toMatchObject({ published: 1, received: 1_000, dropped: 0 });
  });

  it('a handler that throws does not stop the others, here or on another replica', async () => {
    const a = await replica('a');
    const b = await replica('b');
    for (const { bus } of [a, b]) {
      bus.subscribe('tick', () => {
        throw new Error('faulty subscriber');
      });
    }
    const afterFaulty: number[] = [];
    b.bus.subscribe('tick', (event) => afterFaulty.push(event.ts));

    expect(() => a.bus.publish('tick', tick(7))).not.toThrow();
    expect(a.ticks).toEqual([7]);
    await eventually('delivery on b', () => (afterFaulty.length > 0 ? true : undefined));
    expect(b.ticks).toEqual([7]);
    expect(afterFaulty).toEqual([7]);
    expect(a.handlerErrors).toHaveLength(1);
    expect(b.handlerErrors).toHaveLength(1);
  });

  it('a killed publisher connection drops and counts events without throwing, then carries them again', async () => {
    // A slow reconnect, so the outage is long enough to publish into.
    const a = await replica('a', { retryStrategy: () => 500 });
    const b = await replica('b');
    a.bus.publish('tick', tick(1));
    await eventually('the first event', () => (b.ticks.length === 1 ? true : undefined));

    const closed = new Promise((resolve) => a.publisher.once('close', resolve));
    await killConnection(kit, a.publisher);
    await closed;
    for (let ts = 2; ts <= 6; ts += 1) expect(() => a.bus.publish('tick', tick(ts))).not.toThrow();
    expect(a.ticks).toEqual([1, 2, 3, 4, 5, 6]);
    await eventually('the drop is counted', () => (a.bus.stats().dropped === 5 ? true : undefined));
    expect(a.redisErrors).toHaveLength(1);

    await eventually('the reconnect', () => (a.publisher.status === 'ready' ? true : undefined));
    a.bus.publish('tick', tick(7));
    await eventually('events crossing again', () => (b.ticks.includes(7) ? true : undefined));
    expect(b.ticks).toEqual([1, 7]);
  });

  it('a killed subscriber connection subscribes again after the reconnect', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const ready = new Promise((resolve) => b.subscriber.once('ready', resolve));
    await killConnection(kit, b.subscriber);
    await ready;
    // ioredis re-subscribes right after `ready`; publish until the new subscription hears one.
    let ts = 0;
    await eventually('an event after the reconnect', () => {
      ts += 1;
      a.bus.publish('tick', tick(ts));
      return b.ticks.length > 0 ? true : undefined;
    });
    expect(b.ticks.every((value, i) => i === 0 || value > (b.ticks[i - 1] ?? 0))).toBe(true);
  });
});
