import type { ProcessesResponse } from '@gpu-sentinel/protocol';
import type { LiveState } from '../live/live-state.js';
import { requireGpu } from './get-gpu.js';

/** `GET /gpus/:uuid/processes`: the compute processes seen at the latest process poll. */
export function listGpuProcesses(live: LiveState, uuid: string): ProcessesResponse {
  requireGpu(live, uuid);
  return { simulated: live.isGpuSimulated(uuid), uuid, processes: live.processesOf(uuid) };
}
