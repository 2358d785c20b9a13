import type { SystemStatus } from '@gpu-sentinel/protocol';
import type { Bus } from '../bus/bus.js';
import type { LiveState } from '../live/live-state.js';
import type { ServerFacts } from './server-facts.js';

/**
 * `GET /system`: versions, this server's own source and its state, interval, recording, storage and
 * the writer's counters. Driver and CUDA versions are the server's own host's (null without a local source).
 */
export function getSystemStatus(live: LiveState, facts: ServerFacts): SystemStatus {
  const source = live.source();
  const first = live.localInventory()[0];
  const { storage, ...rest } = facts;
  return {
    ...rest,
    storage: { engine: storage.engine, location: storage.location, writer: storage.writerStats() },
    source,
    intervalMs: live.intervalMs,
    isRecording: live.isRecording,
    simulated: source.isSimulated,
    driverVersion: first?.driverVersion ?? null,
    cudaVersion: first?.cudaVersion ?? null,
  };
}

/** After a settings change: tell every client the new status, and return it to the caller. */
export function publishSystemStatus(live: LiveState, facts: ServerFacts, bus: Pick<Bus, 'publish'>): SystemStatus {
  const status = getSystemStatus(live, facts);
  bus.publish('system', status);
  return status;
}
