import type { Clock } from '@gpu-sentinel/core';
import type { SourceState } from '@gpu-sentinel/protocol';
import type { AlertFacts } from '../services/alerts/alert-engine.js';
import type { LiveState } from './live-state.js';

/** Stored hosts heard from this recently are watched after a restart, so "Host offline" fires for one that never comes back. */
export const WATCH_STORED_HOSTS_MS = 24 * 3_600_000;

/**
 * What the alert engine watches: every GPU of the fleet, and every host heard of since start plus
 * the stored ones seen in the last 24 h. A host's source is up while its reported state is running
 * or starting; a host that reports none (an HTTP-only agent, or one not heard of yet) counts as up:
 * "Host offline" is the rule that notices it stopped.
 */
export function fleetAlertFacts(live: LiveState, clock: Clock): AlertFacts {
  return {
    inventory: () => live.inventory(),
    hosts: () => {
      const now = clock.now();
      return live
        .hosts()
        .filter((host) => host.isLive || (host.lastSeenAt !== null && now - host.lastSeenAt <= WATCH_STORED_HOSTS_MS))
        .map((host) => ({
          hostId: host.hostId,
          hostname: host.hostname,
          isSourceUp: isUp(live.sourceOf(host)),
        }));
    },
  };
}

/** A source that is starting counts as up: "nvidia-smi down" waits for it to fail. */
function isUp(state: SourceState | null): boolean {
  return state === null || state.status === 'running' || state.status === 'starting';
}
