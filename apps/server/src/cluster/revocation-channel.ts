import type { Redis } from 'ioredis';
import { z } from 'zod';

/** A revoked session or API key: every replica closes the live streams it opened. */
export const Revocation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session'), sessionId: z.string().min(1) }),
  z.object({ kind: z.literal('apiKey'), keyId: z.number().int() }),
]);
export type Revocation = z.infer<typeof Revocation>;

export type RevocationListener = (revocation: Revocation) => void;

const Envelope = z.object({ from: z.string(), revocation: Revocation });

export interface RevocationChannelOptions {
  publisher: Redis;
  /** A connection of its own: a subscribed connection can run nothing else. */
  subscriber: Redis;
  /** The pub/sub channel, key prefix included (e.g. `gpu-sentinel:revocations`). */
  channel: string;
  replicaId: string;
  onRedisError: (error: unknown) => void;
}

/**
 * Revocations between replicas over a small pub/sub channel of its own. Listeners hear only the other
 * replicas' revocations: this replica has already acted on its own. A revocation missed during an outage
 * still reaches the access-token check through the store (SessionRevocations re-reads it every few seconds).
 */
export class RedisRevocationChannel {
  private readonly listeners = new Set<RevocationListener>();
  private readonly onError = (error: unknown): void => {
    this.options.onRedisError(error);
  };
  private readonly onMessage = (channel: string, message: string): void => {
    if (channel === this.options.channel) this.receive(message);
  };

  constructor(private readonly options: RevocationChannelOptions) {}

  async start(): Promise<void> {
    this.options.subscriber.on('error', this.onError);
    this.options.subscriber.on('message', this.onMessage);
    await this.options.subscriber.subscribe(this.options.channel);
  }

  /** Never throws: a revocation that cannot be sent is reported and the store remains the record. */
  publish(revocation: Revocation): void {
    const message = JSON.stringify({ from: this.options.replicaId, revocation });
    this.options.publisher.publish(this.options.channel, message).catch(this.onError);
  }

  /** Returns the function that stops listening. */
  onPeerRevocation(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening; the connections belong to the caller, who quits them. */
  async close(): Promise<void> {
    const { subscriber, channel } = this.options;
    subscriber.off('message', this.onMessage);
    if (subscriber.status === 'ready') await subscriber.unsubscribe(channel).catch(this.onError);
    subscriber.off('error', this.onError);
  }

  private receive(message: string): void {
    let value: unknown;
    try {
      value = JSON.parse(message);
    } catch (error) {
      this.options.onRedisError(error);
      return;
    }
    const parsed = Envelope.safeParse(value);
    if (!parsed.success) {
      this.options.onRedisError(new Error(`a revocation from Redis is malformed: ${parsed.error.message}`));
      return;
    }
    if (parsed.data.from === this.options.replicaId) return;
    for (const listener of this.listeners) {
      try {
        listener(parsed.data.revocation);
      } catch (error) {
        this.options.onRedisError(error);
      }
    }
  }
}
