import { runCommand } from './process/run-command.js';
import { commandProblem } from './nvidia-smi/nvidia-smi-failure.js';

export interface ProbedGpu {
  index: number;
  name: string;
  uuid: string;
}

export type NvidiaSmiProbe =
  { status: 'ok'; reason: null; gpus: ProbedGpu[] } | { status: 'missing' | 'failed'; reason: string; gpus: [] };

const GPU_LINE = /^GPU (\d+): (.*?) \(UUID: ([^)]+)\)/;

/** The GPUs `nvidia-smi -L` lists (`GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-…)`). */
export function parseListGpus(text: string): ProbedGpu[] {
  const gpus: ProbedGpu[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = GPU_LINE.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined) {
      gpus.push({ index: Number(match[1]), name: match[2], uuid: match[3] });
    }
  }
  return gpus;
}

/**
 * Runs `nvidia-smi -L` once with a short timeout: is nvidia-smi there, does its driver answer, and
 * which GPUs does it see. Never throws; the reason says what is wrong in words a user can act on.
 */
export async function probeNvidiaSmi(executable = 'nvidia-smi', timeoutMs = 5_000): Promise<NvidiaSmiProbe> {
  const result = await runCommand(executable, ['-L'], { timeoutMs });
  const problem = commandProblem(executable, '-L', result);
  if (problem !== null) return { ...problem, gpus: [] };
  const gpus = parseListGpus(result.stdout);
  if (gpus.length === 0) return { status: 'missing', reason: '`nvidia-smi -L` lists no GPU', gpus: [] };
  return { status: 'ok', reason: null, gpus };
}
