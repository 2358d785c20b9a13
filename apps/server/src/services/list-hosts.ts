import type { HostsResponse } from '@gpu-sentinel/protocol';
import type { LiveState } from '../live/live-state.js';
import type { Store } from '../store/store.js';

/** `GET /hosts`: every host the store knows. */
export async function listHosts(live: LiveState, store: Pick<Store, 'listHosts'>): Promise<HostsResponse> {
  const hosts = await store.listHosts();
  return {
    simulated: live.source().isSimulated,
    hosts: hosts.map((host) => ({ ...host, status: 'offline', source: null, isLocal: false })),
  };
}
