import type { HostsResponse } from '@gpu-sentinel/protocol';
import type { LiveState } from '../live/live-state.js';
import type { Store } from '../store/store.js';
import { byStatusThenName, hostView } from './host-view.js';

/**
 * `GET /hosts`: every host the store knows, and any heard of live but not stored yet, merged with
 * live facts; online first, then by name. `simulated` when any GPU shown comes from a simulated source.
 */
export async function listHosts(live: LiveState, store: Pick<Store, 'listHosts'>): Promise<HostsResponse> {
  const stored = await store.listHosts();
  const storedIds = new Set(stored.map((host) => host.hostId));
  const hosts = [
    ...stored.map((host) => hostView(live, host, live.host(host.hostId))),
    ...live
      .hosts()
      .filter((host) => host.isLive && !storedIds.has(host.hostId))
      .map((host) => hostView(live, undefined, host)),
  ].flatMap((host) => host ?? []);
  return { simulated: live.isSimulated(), hosts: hosts.sort(byStatusThenName) };
}
