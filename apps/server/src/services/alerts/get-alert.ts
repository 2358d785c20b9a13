import type { Alert } from '@gpu-sentinel/protocol';
import { NotFoundError } from '../../errors/app-error.js';
import type { AlertStore } from '../../store/alert-store.js';

/** One alert by id; a 404 naming the id when there is none. */
export async function getAlert(deps: { alertStore: Pick<AlertStore, 'getAlert'> }, id: number): Promise<Alert> {
  return requireAlert(await deps.alertStore.getAlert(id), id);
}

export function requireAlert(alert: Alert | undefined, id: number): Alert {
  if (alert === undefined) throw new NotFoundError(`id: no alert with id ${id}`, 'id');
  return alert;
}
