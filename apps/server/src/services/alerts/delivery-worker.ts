import type { Clock } from '@gpu-sentinel/core';
import type { NotificationPayload } from '@gpu-sentinel/protocol';
import type { Logger } from 'pino';
import { DeliveryError, type Notifier } from '../../notify/notifier.js';
import type { AlertStore, ClaimedDelivery } from '../../store/alert-store.js';
import type { IntervalTimer } from '../sample-writer.js';
import { retryDelayMs } from './retry-delay.js';

export interface DeliveryWorkerOptions {
  store: Pick<AlertStore, 'claimDueDeliveries' | 'markDelivered' | 'markFailed' | 'nextDeliveryDueAt'>;
  notifier: Notifier;
  clock: Clock;
  timer: IntervalTimer;
  log: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** Tries before a delivery is dead. */
  maxAttempts: number;
  /** The first retry's delay; it doubles per try (capped), with jitter. */
  retryBaseMs: number;
  /** A claimed delivery not finished by then (a crash, a hung receiver) is due again. */
  leaseMs: number;
  /** The dashboard's public address, for links in notifications; null: none. */
  publicUrl: string | null;
  /** How often the worker looks for due deliveries when nothing wakes it. */
  pollMs?: number;
  /** Deliveries sent at once. */
  concurrency?: number;
  /** In [0, 1); the jitter's source, for tests. */
  random?: () => number;
}

const CLAIM_BATCH = 16;

/**
 * Delivers the notification outbox: claims due rows (each claim is a lease, so a crash mid-send
 * only delays a delivery), sends each through the Notifier, then marks it delivered, or failed
 * with the next try after an exponential, jittered delay, or dead after the last try. At least once:
 * a receiver may see a delivery twice (same idempotency key), never zero times unnoticed.
 */
export class DeliveryWorker {
  private draining: Promise<void> | null = null;
  private isWakeQueued = false;
  private isClosed = false;
  private readonly stopTimer: () => void;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.stopTimer = options.timer.every(options.pollMs ?? 1_000, () => {
      void this.wake();
    });
  }

  /** Look for due deliveries now (after an alert event or a manual retry); resolves when this round is done. */
  wake(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    if (this.draining !== null) {
      this.isWakeQueued = true;
      return this.draining;
    }
    const draining = this.drain()
      .catch((error: unknown) => {
        this.options.log.error({ err: error }, 'delivering notifications failed; retrying on the next poll');
      })
      .finally(() => {
        this.draining = null;
        if (this.isWakeQueued) {
          this.isWakeQueued = false;
          void this.wake();
        }
      });
    this.draining = draining;
    return draining;
  }

  /** Stop polling and wait for the deliveries in flight. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.stopTimer();
    await this.draining;
  }

  private async drain(): Promise<void> {
    const { store, clock, leaseMs } = this.options;
    const dueAt = await store.nextDeliveryDueAt();
    if (dueAt === null || dueAt > clock.now()) return;
    for (;;) {
      if (this.isClosed) return;
      const claimed = await store.claimDueDeliveries(clock.now(), CLAIM_BATCH, leaseMs);
      if (claimed.length === 0) return;
      await this.sendAll(claimed);
    }
  }

  private async sendAll(claimed: readonly ClaimedDelivery[]): Promise<void> {
    const concurrency = Math.max(1, this.options.concurrency ?? 4);
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
      for (let item = claimed[next++]; item !== undefined; item = claimed[next++]) await this.deliver(item);
    });
    await Promise.all(lanes);
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const { store, notifier, clock, log } = this.options;
    const { channel } = delivery;
    if (channel === null) {
      await store.markFailed(delivery.id, 'the channel was deleted', null);
      return;
    }
    if (!channel.enabled) {
      await store.markFailed(delivery.id, 'the channel is disabled', null);
      return;
    }
    try {
      await notifier.send(channel, this.payload(delivery));
      await store.markDelivered(delivery.id, clock.now());
    } catch (error) {
      const isPermanent = error instanceof DeliveryError && error.isPermanent;
      const isLastTry = isPermanent || delivery.attempts >= this.options.maxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      const nextAttemptAt = isLastTry
        ? null
        : clock.now() + retryDelayMs(delivery.attempts, this.options.retryBaseMs, this.options.random ?? Math.random);
      await store.markFailed(delivery.id, message, nextAttemptAt);
      const context = {
        deliveryId: delivery.id,
        alertId: delivery.alertId,
        channel: channel.name,
        attempts: delivery.attempts,
      };
      if (nextAttemptAt === null)
        log.error({ ...context, error: message }, 'a notification could not be delivered; gave up');
      else log.warn({ ...context, error: message, nextAttemptAt }, 'a notification delivery failed; will retry');
    }
  }

  private payload(delivery: ClaimedDelivery): NotificationPayload {
    const { publicUrl } = this.options;
    const url = publicUrl === null ? null : `${publicUrl.replace(/\/+$/, '')}/alerts/${String(delivery.alertId)}`;
    return { ...delivery.payload, url };
  }
}
