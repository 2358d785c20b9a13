import type { Clock } from '@gpu-sentinel/core';
import type { ServerConfig } from '@gpu-sentinel/protocol';
import type { Logger } from 'pino';
import type { Bus } from '../../bus/bus.js';
import type { Lease } from '../../cluster/lease.js';
import type { Notifier } from '../../notify/notifier.js';
import type { AlertStore } from '../../store/alert-store.js';
import type { IntervalTimer } from '../sample-writer.js';
import type { AlertControl } from './alert-control.js';
import { AlertControlEverywhere } from './alert-control-everywhere.js';
import { AlertEngine, type AlertFacts } from './alert-engine.js';
import { AlertmanagerResend } from './alertmanager-resend.js';
import { DeliveryWorker } from './delivery-worker.js';

export interface AlertingDeps {
  store: AlertStore;
  bus: Pick<Bus, 'publish' | 'subscribe'>;
  clock: Clock;
  timer: IntervalTimer;
  notifier: Notifier;
  config: Pick<ServerConfig, 'publicUrl' | 'notifyMaxAttempts' | 'notifyRetryBaseMs' | 'notifyLeaseMs'>;
  log: Logger;
  facts: AlertFacts;
  /**
   * The lease under which the rules are evaluated: a LocalLease on a single server, a Redis lease
   * across replicas, so that each rule is evaluated by exactly one replica at a time.
   */
  lease: (onChange: (isOwner: boolean) => void) => Lease;
}

export interface Alerting {
  control: AlertControl;
  notifier: Notifier;
  /** Whether this replica evaluates the rules now. */
  isEvaluating(): boolean;
  close(): Promise<void>;
}

/**
 * The outbox's delivery worker, on every replica (its claims are leases in the store), and, on the
 * replica that owns the alerting lease, the alert engine and the minutely re-posts to Alertmanager.
 * A replica that takes the lease over loads the rules and the open alerts from the store, as after a
 * restart.
 */
export async function startAlerting(deps: AlertingDeps): Promise<Alerting> {
  const { store, clock, timer, notifier, config } = deps;
  const log = deps.log.child({ component: 'alerts' });
  const worker = new DeliveryWorker({
    store,
    notifier,
    clock,
    timer,
    log,
    maxAttempts: config.notifyMaxAttempts,
    retryBaseMs: config.notifyRetryBaseMs,
    leaseMs: config.notifyLeaseMs,
    publicUrl: config.publicUrl ?? null,
  });
  let engine: AlertEngine | null = null;
  let resend: AlertmanagerResend | null = null;
  // Ownership changes are applied one after another: a lease lost while the engine starts waits for it.
  let changes: Promise<void> = Promise.resolve();
  const isEvaluating = (): boolean => engine !== null;

  const takeOver = async (): Promise<void> => {
    const started = new AlertEngine({
      store,
      bus: deps.bus,
      clock,
      timer,
      facts: deps.facts,
      log,
      onDeliveriesQueued: () => {
        void worker.wake();
      },
    });
    await started.start();
    engine = started;
    resend = new AlertmanagerResend({ store, notifier, clock, timer, log, publicUrl: config.publicUrl ?? null });
    resend.start();
    log.info('this replica evaluates the alert rules');
  };
  const stepDown = async (): Promise<void> => {
    const [stopping, stoppingResend] = [engine, resend];
    engine = null;
    resend = null;
    await stopping?.close();
    await stoppingResend?.close();
  };
  const lease = deps.lease((isOwner) => {
    changes = changes
      .then(() => (isOwner ? takeOver() : stepDown()))
      .catch((error: unknown) => {
        log.error({ err: error }, isOwner ? 'starting the alert engine failed' : 'stopping the alert engine failed');
      });
  });
  try {
    await lease.start();
    await changes;
    if (lease.isOwner() && !isEvaluating()) throw new Error('the alert engine could not start');
  } catch (error) {
    await lease.close();
    await worker.close();
    throw error;
  }
  // Deliveries left pending by a previous run (a crash mid-send) go out now, not at the next poll.
  void worker.wake();
  const control = new AlertControlEverywhere({
    store,
    bus: deps.bus,
    clock,
    localEngine: () => engine,
    wakeDeliveries: () => {
      void worker.wake();
    },
  });
  return {
    control,
    notifier,
    isEvaluating,
    close: async () => {
      await lease.close();
      await changes;
      await stepDown();
      await worker.close();
    },
  };
}
