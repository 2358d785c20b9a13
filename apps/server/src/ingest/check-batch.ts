import type { GpuInfo, GpuProcess, GpuSample } from '@gpu-sentinel/protocol';

/** Where a check failed: the message for the agent and the field it names (as `parseInput` names fields). */
export interface IngestProblem {
  message: string;
  field: string;
}

/** Which host a GPU belongs to, as the live state knows it; undefined: not known yet. */
export type GpuOwner = (uuid: string) => string | undefined;

/**
 * Every sample of a batch must come from the agent's own host, and none may be of a GPU another host
 * reports: a misconfigured agent would otherwise write into another host's history. A GPU not known
 * yet is accepted (its samples may come before its host's inventory; the store registers it).
 */
export function checkSamples(
  hostId: string,
  samples: readonly GpuSample[],
  ownerOf: GpuOwner,
  prefix = 'samples',
): IngestProblem | null {
  for (const [i, sample] of samples.entries()) {
    if (sample.hostId !== hostId) {
      const field = `${prefix}.${String(i)}.hostId`;
      return { field, message: `${field}: expected the agent's host ${hostId}, got ${sample.hostId}` };
    }
    const owner = ownerOf(sample.uuid);
    if (owner !== undefined && owner !== hostId) {
      const field = `${prefix}.${String(i)}.uuid`;
      return { field, message: `${field}: GPU ${sample.uuid} is reported by host ${owner}` };
    }
  }
  return null;
}

/** An inventory lists the agent's own GPUs only. */
export function checkInventory(
  hostId: string,
  inventory: readonly GpuInfo[],
  ownerOf: GpuOwner,
  prefix = 'inventory',
): IngestProblem | null {
  for (const [i, gpu] of inventory.entries()) {
    if (gpu.hostId !== hostId) {
      const field = `${prefix}.${String(i)}.hostId`;
      return { field, message: `${field}: expected the agent's host ${hostId}, got ${gpu.hostId}` };
    }
    const owner = ownerOf(gpu.uuid);
    if (owner !== undefined && owner !== hostId) {
      const field = `${prefix}.${String(i)}.uuid`;
      return { field, message: `${field}: GPU ${gpu.uuid} is reported by host ${owner}` };
    }
  }
  return null;
}

export function checkProcesses(
  hostId: string,
  processes: readonly GpuProcess[],
  prefix = 'processes',
): IngestProblem | null {
  const i = processes.findIndex((process) => process.hostId !== hostId);
  if (i < 0) return null;
  const field = `${prefix}.${String(i)}.hostId`;
  return { field, message: `${field}: expected the agent's host ${hostId}, got ${processes[i]?.hostId ?? ''}` };
}
