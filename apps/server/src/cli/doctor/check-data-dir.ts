import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { failed, messageOf, passed, type DoctorCheck } from './doctor-check.js';

/** The data dir exists (or can be made) and takes a file. */
export async function checkDataDir(dataDir: string): Promise<DoctorCheck> {
  const dir = resolve(dataDir);
  const probe = join(dir, `.doctor-${process.pid}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
    return passed('data dir writable', dir);
  } catch (error) {
    return failed(
      'data dir writable',
      `${dir}: ${messageOf(error)}`,
      `Create it and give the server's user write access (\`mkdir -p ${dir} && chown $USER ${dir}\`), ` +
        'or pass --data-dir to a writable folder.',
    );
  }
}
