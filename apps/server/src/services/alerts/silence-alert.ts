import type { Clock } from '@gpu-sentinel/core';
import type { Alert } from '@gpu-sentinel/protocol';
import type { AlertControl } from './alert-control.js';
import { requireAlert } from './get-alert.js';

export interface SilenceAlertDeps {
  alerts: Pick<AlertControl, 'silence'>;
  clock: Clock;
}

/** No notifications about the alert (repeats included) for the next `durationSeconds`. */
export async function silenceAlert(deps: SilenceAlertDeps, id: number, durationSeconds: number): Promise<Alert> {
  return requireAlert(await deps.alerts.silence(id, deps.clock.now() + durationSeconds * 1_000), id);
}

/** Lift a silence: silenced until now, so the next notification goes out as usual. */
export async function liftSilence(deps: SilenceAlertDeps, id: number): Promise<Alert> {
  return requireAlert(await deps.alerts.silence(id, deps.clock.now()), id);
}
