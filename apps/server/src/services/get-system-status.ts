import type { SystemStatus } from '@gpu-sentinel/protocol';
import type { LiveState } from '../live/live-state.js';
import type { ServerFacts } from './server-facts.js';

/** `GET /system`: versions, the source and its state, interval, recording. */
export function getSystemStatus(live: LiveState, facts: ServerFacts): SystemStatus {
  const source = live.source();
  const first = live.inventory()[0];
  return {
    ...facts,
    source,
    intervalMs: live.intervalMs,
    isRecording: live.isRecording,
    simulated: source.isSimulated,
    driverVersion: first?.driverVersion ?? null,
    cudaVersion: first?.cudaVersion ?? null,
  };
}
