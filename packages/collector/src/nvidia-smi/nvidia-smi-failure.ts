import type { SourceStatus } from '@gpu-sentinel/protocol';
import type { CommandResult } from '../process/run-command.js';

/** nvidia-smi's own words when the driver is absent, unloaded or mismatched, or there is no GPU. */
const DRIVER_FAILURE =
  /NVIDIA-SMI has failed|couldn't communicate with the NVIDIA driver|Failed to initialize NVML|No devices were found|Driver\/library version mismatch/i;

/** The first line of `text` that says the driver or the GPUs are not usable, if any. */
export function driverFailureMessage(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    if (DRIVER_FAILURE.test(line)) return line.trim();
  }
  return null;
}

export interface SourceProblem {
  status: Extract<SourceStatus, 'missing' | 'failed'>;
  reason: string;
}

/** Why an executable could not be started, in words a user can act on. */
export function spawnProblem(executable: string, error: NodeJS.ErrnoException): SourceProblem {
  if (error.code === 'ENOENT') {
    return {
      status: 'missing',
      reason: `nvidia-smi not found (no executable "${executable}" on this machine): is the NVIDIA driver installed?`,
    };
  }
  if (error.code === 'EACCES') {
    return { status: 'failed', reason: `nvidia-smi at "${executable}" cannot be run: permission denied` };
  }
  return { status: 'failed', reason: `nvidia-smi at "${executable}" could not be started: ${error.message}` };
}

/** What went wrong with a one-shot nvidia-smi command, or null when it worked. */
export function commandProblem(executable: string, what: string, result: CommandResult): SourceProblem | null {
  if (result.spawnError !== null) return spawnProblem(executable, result.spawnError);
  const driver = driverFailureMessage(`${result.stdout}\n${result.stderr}`);
  if (driver !== null) return { status: 'missing', reason: `NVIDIA driver not usable: ${driver}` };
  if (result.isTimedOut) return { status: 'failed', reason: `\`nvidia-smi ${what}\` did not answer in time` };
  if (result.exitCode !== 0) {
    const detail = (result.stderr.trim() || result.stdout.trim()).slice(0, 300);
    return { status: 'failed', reason: `\`nvidia-smi ${what}\` exited with code ${result.exitCode}: ${detail}` };
  }
  return null;
}
