import { parseNvidiaSmiXml } from '@gpu-sentinel/core';
import type { GpuInfo } from '@gpu-sentinel/protocol';
import { toGpuInfo, type HostIdentity } from '../inventory.js';
import { runCommand } from '../process/run-command.js';
import { commandProblem, type SourceProblem } from './nvidia-smi-failure.js';

export type InventoryResult = { ok: true; inventory: GpuInfo[] } | ({ ok: false } & SourceProblem);

/** The host's GPUs from `nvidia-smi -q -x`, stamped with host, driver and CUDA versions. */
export async function readInventory(
  executable: string,
  host: HostIdentity,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<InventoryResult> {
  const result = await runCommand(executable, ['-q', '-x'], options);
  const problem = commandProblem(executable, '-q -x', result);
  if (problem !== null) return { ok: false, ...problem };
  try {
    const xml = parseNvidiaSmiXml(result.stdout);
    const inventory = xml.gpus.map((gpu) => toGpuInfo(gpu, host, xml)).sort((a, b) => a.index - b.index);
    return { ok: true, inventory };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 'failed', reason: `could not read \`nvidia-smi -q -x\`: ${message}` };
  }
}
