import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The project's copy of the nvidia-smi captures, or the shared originals where it is missing. */
export function fixtureDir(): string {
  const own = join(here, '../../../fixtures/nvidia-smi');
  return existsSync(join(own, 'xml')) ? own : join(here, '../../../../shared/fixtures/nvidia-smi');
}
