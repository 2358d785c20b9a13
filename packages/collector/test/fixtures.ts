import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The project's copy of the nvidia-smi captures, or the shared originals where it is missing. */
export function fixtureDir(): string {
  const own = join(here, '../../../fixtures/nvidia-smi');
  return existsSync(join(own, 'xml')) ? own : join(here, '../../../../shared/fixtures/nvidia-smi');
}

/** GPU Sentinel's own H100 capture (scripts/capture-nvidia-smi.sh), driver 580.159.04. */
export const OWN_H100_CAPTURE = 'gpu-sentinel-linux-h100-80gb-hbm3-580.159.04';

export interface CaptureSet {
  /** The environment that makes the fake nvidia-smi replay this set. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * A capture directory laid out as the fake nvidia-smi reads it, holding the project's own H100
 * captures: its XML, help, table and compute apps, and the `--query-gpu` header captures (which
 * hold the loop's fields, not all fields) under the `-allfields.csv` names the fake looks for.
 * The compute-apps capture was taken as the collector asks (`noheader,nounits`), and the fake
 * finds columns by header, so the set gives it the header of the fields the script asked for.
 */
export async function ownH100CaptureSet(): Promise<CaptureSet> {
  const dir = await mkdtemp(join(tmpdir(), 'h100-captures-'));
  const copies: Record<string, string> = {
    [`xml/${OWN_H100_CAPTURE}-load.xml`]: `xml/${OWN_H100_CAPTURE}-load.xml`,
    'help/gpu-sentinel-help-query-gpu-linux-580.159.04.txt': 'help/gpu-sentinel-help-query-gpu-linux-580.159.04.txt',
    // The fake answers --help-query-compute-apps with this file, whatever the capture set.
    'help/nvgpuexp-help-query-compute-apps-595.71.05.txt': 'help/gpu-sentinel-help-query-compute-apps-580.159.04.txt',
    [`table/${OWN_H100_CAPTURE}-idle.txt`]: `table/${OWN_H100_CAPTURE}-idle.txt`,
    [`query-gpu-csv/${OWN_H100_CAPTURE}-idle-allfields.csv`]: `query-gpu-csv/${OWN_H100_CAPTURE}-idle-loopfields.csv`,
    [`query-gpu-csv/${OWN_H100_CAPTURE}-load-allfields.csv`]: `query-gpu-csv/${OWN_H100_CAPTURE}-load-loopfields.csv`,
  };
  for (const [to, from] of Object.entries(copies)) {
    await mkdir(dirname(join(dir, to)), { recursive: true });
    await copyFile(join(fixtureDir(), from), join(dir, to));
  }
  const apps = await readFile(join(fixtureDir(), `query-apps-csv/${OWN_H100_CAPTURE}-load.csv`), 'utf8');
  await mkdir(join(dir, 'query-apps-csv'));
  await writeFile(
    join(dir, `query-apps-csv/${OWN_H100_CAPTURE}-load.csv`),
    `gpu_uuid, pid, process_name, used_gpu_memory\n${apps}`,
  );
  return {
    env: {
      FAKE_NVSMI_FIXTURES: dir,
      FAKE_NVSMI_CAPTURE: OWN_H100_CAPTURE,
      FAKE_NVSMI_XML: `${OWN_H100_CAPTURE}-load.xml`,
      FAKE_NVSMI_HELP: 'gpu-sentinel-help-query-gpu-linux-580.159.04.txt',
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
