import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAKE_NVIDIA_SMI = join(dirname(fileURLToPath(import.meta.url)), '../fake-nvidia-smi/fake-nvidia-smi.js');

/** One start of the fake, as it logged it. */
export interface FakeSpawn {
  atMs: number;
  pid: number;
  args: string;
}

export interface FakeExecutable {
  /** A wrapper script that runs the fake with the chosen environment; pass it as the executable. */
  path: string;
  dir: string;
  spawns(): Promise<FakeSpawn[]>;
  /** Starts of the `--query-gpu … -lms` loop only. */
  loopSpawns(): Promise<FakeSpawn[]>;
  cleanup(): Promise<void>;
}

const quote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * A fake nvidia-smi with its own environment (mode, GPU count, …), as an executable path. The
 * wrapper `exec`s node, so the pid the source sees is the fake's own.
 */
export async function fakeExecutable(env: Record<string, string> = {}): Promise<FakeExecutable> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-nvsmi-'));
  const stateFile = join(dir, 'spawns.tsv');
  const path = join(dir, 'nvidia-smi');
  const exports = Object.entries({ FAKE_NVSMI_STATE_FILE: stateFile, ...env })
    .map(([name, value]) => `export ${name}=${quote(value)}`)
    .join('\n');
  await writeFile(path, `#!/bin/sh\n${exports}\nexec ${quote(process.execPath)} ${quote(FAKE_NVIDIA_SMI)} "$@"\n`);
  await chmod(path, 0o755);
  const spawns = async (): Promise<FakeSpawn[]> => {
    const text = await readFile(stateFile, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [atMs = '0', pid = '0', args = ''] = line.split('\t');
        return { atMs: Number(atMs), pid: Number(pid), args };
      });
  };
  return {
    path,
    dir,
    spawns,
    loopSpawns: async () => (await spawns()).filter((s) => s.args.includes('--query-gpu=') && s.args.includes('-lms')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Whether a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
