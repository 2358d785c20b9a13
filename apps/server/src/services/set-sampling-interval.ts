import type { SystemStatus } from '@gpu-sentinel/protocol';
import type { GpuSource } from '@gpu-sentinel/collector';
import type { Bus } from '../bus/bus.js';
import type { LiveState } from '../live/live-state.js';
import { publishSystemStatus } from './get-system-status.js';
import type { ServerFacts } from './server-facts.js';

export interface SetSamplingIntervalDeps {
  live: LiveState;
  source: Pick<GpuSource, 'setIntervalMs'>;
  bus: Pick<Bus, 'publish'>;
  facts: ServerFacts;
}

/** `PUT /system/interval`: applies to the running source at once (an nvidia-smi child is restarted). */
export function setSamplingInterval(deps: SetSamplingIntervalDeps, intervalMs: number): SystemStatus {
  deps.source.setIntervalMs(intervalMs);
  deps.live.intervalMs = intervalMs;
  return publishSystemStatus(deps.live, deps.facts, deps.bus);
}
