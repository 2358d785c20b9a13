import type { GpusResponse } from '@gpu-sentinel/protocol';
import type { LiveState } from '../live/live-state.js';

/** `GET /gpus`: one entry per GPU, its static facts and its latest sample. */
export function listGpus(live: LiveState): GpusResponse {
  return { simulated: live.isSimulated(), gpus: live.gpuViews() };
}
