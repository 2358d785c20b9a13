import type { Alert } from '@gpu-sentinel/protocol';
import type { AlertControl } from './alert-control.js';
import { requireAlert } from './get-alert.js';

/**
 * Someone has taken the alert: the engine stops repeating it. Through the engine, not the store,
 * so its state and the live stream follow at once. An alert already acknowledged or resolved is
 * returned as it is.
 */
export async function acknowledgeAlert(
  deps: { alerts: Pick<AlertControl, 'acknowledge'> },
  id: number,
  by: string,
): Promise<Alert> {
  return requireAlert(await deps.alerts.acknowledge(id, by), id);
}
