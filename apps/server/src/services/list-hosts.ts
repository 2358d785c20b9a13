import type { HostsResponse } from '@gpu-sentinel/protocol';
import type { LiveState } from '../live/live-state.js';
import type { Store } from '../store/store.js';

/** `GET /hosts`: every host the store knows. */
export async function listHosts(live: LiveState, store: Pick<Store, 'listHosts'>): Promise<HostsResponse> {
  return { simulated: live.source().isSimulated, hosts: await store.listHosts() };
}
