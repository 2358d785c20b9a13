import { loadConfig } from '../config/load-config.js';
import { configPathOf, pickConfigFlags } from '../config/pick-flags.js';
import { createSqliteStore } from '../store/index.js';
import { useColour, type CliIo } from './cli-io.js';
import { checkDataDir } from './doctor/check-data-dir.js';
import { checkNvidiaSmi } from './doctor/check-nvidia-smi.js';
import { checkStore } from './doctor/check-store.js';
import type { DoctorCheck } from './doctor/doctor-check.js';
import { formatDoctorJson, formatDoctorText, isHealthy } from './doctor/format-doctor.js';

/** `gpu-sentinel doctor`: each check with ✓/✗ and a fix; exit 1 when a required one fails. */
export async function doctorCommand(options: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const { config } = await loadConfig({
    flags: pickConfigFlags(options),
    configPath: configPathOf(options),
    env: io.env,
  });
  const checks: DoctorCheck[] = [...(await checkNvidiaSmi(config.nvidiaSmiPath, io.env))];
  const dataDir = await checkDataDir(config.dataDir);
  checks.push(dataDir);
  if (dataDir.isOk) checks.push(await checkStore(() => createSqliteStore({ dataDir: config.dataDir })));

  io.stdout.write(options.json === true ? formatDoctorJson(checks) : formatDoctorText(checks, useColour(io)));
  return isHealthy(checks) ? 0 : 1;
}
