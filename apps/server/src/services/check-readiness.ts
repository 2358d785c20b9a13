import type { HealthResponse } from '@gpu-sentinel/protocol';
import type { LiveState } from '../live/live-state.js';

/** Whether the store is open: set by the wiring after migrations and cleared on close. */
export interface StoreHealth {
  isOpen(): boolean;
}

/** `GET /readyz`: ready when the store is open and the source has not failed. */
export function checkReadiness(live: LiveState, store: StoreHealth): HealthResponse {
  if (!store.isOpen()) return { status: 'not_ready', reason: 'the store is not open' };
  const source = live.source();
  if (source.status === 'failed' || source.status === 'missing') {
    const why = source.reason ?? 'no reason given';
    return { status: 'not_ready', reason: `the ${source.kind} source is ${source.status}: ${why}` };
  }
  return { status: 'ok' };
}
