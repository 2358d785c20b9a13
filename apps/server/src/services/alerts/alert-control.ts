import type { Alert } from '@gpu-sentinel/protocol';

/**
 * What the HTTP layer asks of the running alert engine: acknowledging and silencing change what it
 * will notify, and a rule change must reach it at once. Each returns the alert as stored now
 * (undefined: no such alert) and pushes the change over the live stream.
 */
export interface AlertControl {
  acknowledge(id: number, by: string): Promise<Alert | undefined>;
  silence(id: number, until: number): Promise<Alert | undefined>;
  /** Rules were created, edited or deleted: reload them; alerts of a deleted or disabled rule resolve. */
  rulesChanged(): Promise<void>;
  /** Wake the delivery worker (an alert event or a manual retry queued something). */
  deliveriesQueued(): void;
}
