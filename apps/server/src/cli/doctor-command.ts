import { loadConfig } from '../config/load-config.js';
import { configPathOf, pickConfigFlags } from '../config/pick-flags.js';
import { openStore } from '../store-factory.js';
import { useColour, type CliIo } from './cli-io.js';
import { checkDataDir } from './doctor/check-data-dir.js';
import { checkNvidiaSmi } from './doctor/check-nvidia-smi.js';
import { checkStore } from './doctor/check-store.js';
import type { DoctorCheck } from './doctor/doctor-check.js';
import { formatDoctorJson, formatDoctorText, isHealthy } from './doctor/format-doctor.js';

/** `gpu-sentinel doctor`: nvidia-smi, the driver, and the store (which engine, reachable or not); each check with ✓/✗ and a fix; exit 1 when a required one fails. */
export async function doctorCommand(options: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const { config } = await loadConfig({
    flags: pickConfigFlags(options),
    configPath: configPathOf(options),
    env: io.env,
  });
  const checks: DoctorCheck[] = [...(await checkNvidiaSmi(config.nvidiaSmiPath, io.env))];
  if (config.databaseUrl === undefined) {
    const dataDir = await checkDataDir(config.dataDir);
    checks.push(dataDir);
    if (dataDir.isOk) checks.push(await checkStore('sqlite', () => openStore(config)));
  } else {
    // With DATABASE_URL the data dir holds nothing: the check is whether Postgres answers.
    checks.push(await checkStore('postgres', () => openStore(config)));
  }

  io.stdout.write(options.json === true ? formatDoctorJson(checks) : formatDoctorText(checks, useColour(io)));
  return isHealthy(checks) ? 0 : 1;
}
