import type { Redis } from 'ioredis';
import type { Bus, BusEvents, BusHandler, BusTopic } from '../bus/bus.js';
import { InProcessBus } from '../bus/in-process-bus.js';

export interface RedisBusOptions {
  /** Sends batches; may be shared with other Redis users. */
  publisher: Redis;
  /** A connection of its own (e.g. `publisher.duplicate()`): a subscribed connection can run nothing else. */
  subscriber: Redis;
  /** The pub/sub channel, key prefix included (e.g. `gpu-sentinel:bus`). */
  channel: string;
  /** Tells this replica's batches apart, so it never delivers its own events twice. */
  replicaId: string;
  /** Topics every replica must see; the others stay on the replica that published them. */
  sharedTopics: ReadonlySet<BusTopic>;
  onHandlerError: (topic: BusTopic, error: unknown) => void;
  /** Reported once per outage (when events start being dropped) and for a batch that cannot be read. */
  onRedisError: (error: unknown) => void;
  /** How long outgoing events are gathered into one PUBLISH; 0 gathers one event-loop turn. */
  flushWindowMs?: number;
}

export interface RedisBusStats {
  /** Events sent to the other replicas. */
  published: number;
  /** Events received from the other replicas and delivered here. */
  received: number;
  /** Shared events that never reached Redis (an outage): the other replicas missed them. */
  dropped: number;
}

type Entry = [BusTopic, BusEvents[BusTopic]];

/** One PUBLISH: the sender and its events, in the order they were published. */
interface Batch {
  from: string;
  events: Entry[];
}

const DEFAULT_FLUSH_WINDOW_MS = 10;

/**
 * The Bus across replicas. Local handlers are called at once and synchronously, as with InProcessBus;
 * shared topics are also gathered for a few milliseconds and sent as one PUBLISH (a busy fleet ticks
 * hundreds of times a second). An outage never throws into a publisher: events are counted as dropped
 * until ioredis has reconnected, since a tick delivered late is worse than one not delivered.
 */
export class RedisBus implements Bus {
  private readonly local: InProcessBus;
  private outbox: Entry[] = [];
  /** Cancels the pending flush; null when none is pending. */
  private cancelFlush: (() => void) | null = null;
  private readonly counts: RedisBusStats = { published: 0, received: 0, dropped: 0 };
  private isDropping = false;
  private readonly onError = (error: unknown): void => {
    this.options.onRedisError(error);
  };
  private readonly onMessage = (channel: string, message: string): void => {
    if (channel === this.options.channel) this.receive(message);
  };

  constructor(private readonly options: RedisBusOptions) {
    this.local = new InProcessBus(options.onHandlerError);
  }

  /** Resolves once the channel is subscribed (ioredis subscribes again after a reconnect). */
  async start(): Promise<void> {
    this.options.publisher.on('error', this.onError);
    this.options.subscriber.on('error', this.onError);
    this.options.subscriber.on('message', this.onMessage);
    await this.options.subscriber.subscribe(this.options.channel);
  }

  publish<Topic extends BusTopic>(topic: Topic, event: BusEvents[Topic]): void {
    this.local.publish(topic, event);
    if (!this.options.sharedTopics.has(topic)) return;
    this.outbox.push([topic, event]);
    this.scheduleFlush();
  }

  subscribe<Topic extends BusTopic>(topic: Topic, handler: BusHandler<Topic>): () => void {
    return this.local.subscribe(topic, handler);
  }

  stats(): RedisBusStats {
    return { ...this.counts };
  }

  /** Sends what is gathered, then stops listening. The connections belong to the caller, who quits them. */
  async close(): Promise<void> {
    await this.flush();
    const { publisher, subscriber, channel } = this.options;
    subscriber.off('message', this.onMessage);
    if (subscriber.status === 'ready') await subscriber.unsubscribe(channel).catch(this.onError);
    publisher.off('error', this.onError);
    subscriber.off('error', this.onError);
  }

  private scheduleFlush(): void {
    if (this.cancelFlush !== null) return;
    const windowMs = this.options.flushWindowMs ?? DEFAULT_FLUSH_WINDOW_MS;
    const flush = (): void => {
      void this.flush();
    };
    if (windowMs === 0) {
      const immediate = setImmediate(flush);
      this.cancelFlush = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(flush, windowMs);
      this.cancelFlush = () => clearTimeout(timeout);
    }
  }

  private async flush(): Promise<void> {
    this.cancelFlush?.();
    this.cancelFlush = null;
    const events = this.outbox;
    if (events.length === 0) return;
    this.outbox = [];
    const { publisher } = this.options;
    // Offline, ioredis would queue commands and send them late; a live view is better off without them.
    if (publisher.status !== 'ready') {
      this.drop(events.length, new Error(`Redis is ${publisher.status}: cross-replica events are dropped`));
      return;
    }
    const batch: Batch = { from: this.options.replicaId, events };
    try {
      await publisher.publish(this.options.channel, JSON.stringify(batch));
      this.counts.published += events.length;
      this.isDropping = false;
    } catch (error) {
      this.drop(events.length, error);
    }
  }

  private drop(count: number, error: unknown): void {
    this.counts.dropped += count;
    if (this.isDropping) return;
    this.isDropping = true;
    this.options.onRedisError(error);
  }

  private receive(message: string): void {
    let batch: unknown;
    try {
      batch = JSON.parse(message);
    } catch (error) {
      this.options.onRedisError(error);
      return;
    }
    if (!isBatch(batch)) {
      this.options.onRedisError(new Error('a bus batch from Redis has an unknown shape; it was ignored'));
      return;
    }
    if (batch.from === this.options.replicaId) return;
    for (const [topic, event] of batch.events) {
      // Only topics this replica shares: another version's private topics must not leak in.
      if (!this.options.sharedTopics.has(topic)) continue;
      this.counts.received += 1;
      this.local.publish(topic, event);
    }
  }
}

/**
 * The envelope only: the events come from replicas of this server, which built them from parsed input,
 * and re-parsing a thousand samples a second on every replica would cost more than it protects.
 */
function isBatch(value: unknown): value is Batch {
  if (typeof value !== 'object' || value === null) return false;
  if (!('from' in value) || typeof value.from !== 'string') return false;
  if (!('events' in value) || !Array.isArray(value.events)) return false;
  return value.events.every(
    (entry: unknown) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string',
  );
}
