import type { GpuResponse, GpuView } from '@gpu-sentinel/protocol';
import { NotFoundError } from '../errors/app-error.js';
import type { LiveState } from '../live/live-state.js';

/** `GET /gpus/:uuid`. */
export function getGpu(live: LiveState, uuid: string): GpuResponse {
  return { simulated: live.isGpuSimulated(uuid), gpu: requireGpu(live, uuid) };
}

/** The GPU with this uuid in the current inventory, or a 404. */
export function requireGpu(live: LiveState, uuid: string): GpuView {
  const gpu = live.gpuView(uuid);
  if (gpu === undefined) throw new NotFoundError(`No GPU with uuid ${uuid}`, 'uuid');
  return gpu;
}
