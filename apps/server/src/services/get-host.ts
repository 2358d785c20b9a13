import type { HostResponse } from '@gpu-sentinel/protocol';
import { NotFoundError } from '../errors/app-error.js';
import type { LiveState } from '../live/live-state.js';
import type { Store } from '../store/store.js';
import { hostView } from './host-view.js';

/** `GET /hosts/:hostId`: the host and its GPUs as the dashboard lists them; 404 when neither stored nor live. */
export async function getHost(live: LiveState, store: Pick<Store, 'listHosts'>, hostId: string): Promise<HostResponse> {
  const stored = (await store.listHosts()).find((host) => host.hostId === hostId);
  const current = live.host(hostId);
  const host = hostView(live, stored, current);
  if (host === null) throw new NotFoundError(`No host with id ${hostId}`, 'hostId');
  const gpus = live.gpuViews().filter((gpu) => gpu.info.hostId === hostId);
  return { simulated: current === undefined ? false : live.isHostSimulated(current), host, gpus };
}
