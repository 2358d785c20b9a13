import { parseNvidiaSmiXml } from '@gpu-sentinel/core';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Env } from '../../config/read-env.js';
import { failed, messageOf, passed, type DoctorCheck } from './doctor-check.js';
import { findExecutable } from './find-executable.js';

const run = promisify(execFile);
const QUERY_TIMEOUT_MS = 20_000;

const INSTALL_FIX =
  'Install the NVIDIA driver (it ships nvidia-smi), or pass --nvidia-smi /path/to/nvidia-smi. ' +
  'Without it, `gpu-sentinel serve` shows SIMULATED GPUs.';
const DRIVER_FIX =
  'Run `nvidia-smi` by hand to see the error; load the driver (`sudo modprobe nvidia`) or reinstall the driver ' +
  'that matches your kernel, then reboot.';

/** nvidia-smi found, runs, reports GPUs; persistence mode per GPU as advice. */
export async function checkNvidiaSmi(nvidiaSmiPath: string, env: Env): Promise<DoctorCheck[]> {
  const path = await findExecutable(nvidiaSmiPath, env.PATH);
  if (path === null) return [failed('nvidia-smi found', `${nvidiaSmiPath} is not an executable on PATH`, INSTALL_FIX)];
  const checks = [passed('nvidia-smi found', path)];

  let xml: string;
  try {
    const output = await run(path, ['-q', '-x'], { timeout: QUERY_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    xml = output.stdout;
  } catch (error) {
    return [...checks, failed('nvidia-smi runs', `\`${path} -q -x\` failed: ${firstLine(error)}`, DRIVER_FIX)];
  }

  let parsed: ReturnType<typeof parseNvidiaSmiXml>;
  try {
    parsed = parseNvidiaSmiXml(xml);
  } catch (error) {
    return [...checks, failed('nvidia-smi runs', `its -q -x output cannot be read: ${messageOf(error)}`, DRIVER_FIX)];
  }
  const versions = `driver ${parsed.driverVersion ?? 'unknown'}, CUDA ${parsed.cudaVersion ?? 'unknown'}`;
  checks.push(passed('nvidia-smi runs', versions));

  const count = parsed.gpus.length;
  if (count === 0) {
    checks.push(
      failed(
        'GPUs',
        'nvidia-smi reports no GPU',
        'Check that the GPU is seated and visible (`lspci | grep -i nvidia`).',
      ),
    );
    return checks;
  }
  const names = parsed.gpus.map((gpu) => `${gpu.index}: ${gpu.name}`).join(', ');
  checks.push(passed('GPUs', `${count} GPU${count === 1 ? '' : 's'} (${names})`));
  checks.push(persistenceCheck(parsed.gpus));
  return checks;
}

function persistenceCheck(gpus: { index: number; persistenceMode: boolean | null }[]): DoctorCheck {
  const detail = gpus.map((gpu) => `GPU ${gpu.index} ${modeText(gpu.persistenceMode)}`).join(', ');
  if (gpus.every((gpu) => gpu.persistenceMode !== false)) return passed('persistence mode', detail, false);
  return failed(
    'persistence mode',
    detail,
    'Enable it so the driver stays loaded between queries: `sudo nvidia-smi -pm 1` ' +
      '(or enable the nvidia-persistenced service). Not required, but without it every query may wake the GPU.',
    false,
  );
}

function modeText(mode: boolean | null): string {
  if (mode === null) return 'n/a';
  return mode ? 'on' : 'off';
}

function firstLine(error: unknown): string {
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : '';
  const text = stderr === '' ? messageOf(error) : stderr;
  return text.split('\n')[0] ?? text;
}
