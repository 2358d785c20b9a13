import type { Clock } from '@gpu-sentinel/core';
import type { Delivery } from '@gpu-sentinel/protocol';
import { NotFoundError } from '../../errors/app-error.js';
import type { AlertStore } from '../../store/alert-store.js';
import type { AlertControl } from './alert-control.js';

export interface RetryDeliveryDeps {
  alertStore: Pick<AlertStore, 'retryDelivery'>;
  alerts: Pick<AlertControl, 'deliveriesQueued'>;
  clock: Clock;
}

/** A delivery that gave up, due again now; the worker is woken so it goes out at once. */
export async function retryDelivery(deps: RetryDeliveryDeps, id: number): Promise<Delivery> {
  const delivery = await deps.alertStore.retryDelivery(id, deps.clock.now());
  if (delivery === undefined) throw new NotFoundError(`id: no dead delivery with id ${id}`, 'id');
  deps.alerts.deliveriesQueued();
  return delivery;
}
