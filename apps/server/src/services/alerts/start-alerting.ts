import type { Clock } from '@gpu-sentinel/core';
import type { ServerConfig } from '@gpu-sentinel/protocol';
import type { Logger } from 'pino';
import type { Bus } from '../../bus/bus.js';
import type { Notifier } from '../../notify/notifier.js';
import type { AlertStore } from '../../store/alert-store.js';
import type { IntervalTimer } from '../sample-writer.js';
import type { AlertControl } from './alert-control.js';
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
}

export interface Alerting {
  control: AlertControl;
  notifier: Notifier;
  close(): Promise<void>;
}

/**
 * The alert engine and the outbox's delivery worker, started together: what an event queues, the
 * worker sends. Beside them, active alerts are posted to Alertmanager again every minute, so they
 * do not lapse there while they still fire here.
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
  const engine = new AlertEngine({
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
  try {
    await engine.start();
  } catch (error) {
    await worker.close();
    throw error;
  }
  // Deliveries left pending by a previous run (a crash mid-send) go out now, not at the next poll.
  void worker.wake();
  const resend = new AlertmanagerResend({ store, notifier, clock, timer, log, publicUrl: config.publicUrl ?? null });
  resend.start();
  return {
    control: engine,
    notifier,
    close: async () => {
      await engine.close();
      await resend.close();
      await worker.close();
    },
  };
}
