import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { parseComputeAppsCsv, parseNvidiaSmiXml, parseQueryGpuCsv } from '@gpu-sentinel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeExecutable, type FakeExecutable } from './fake-nvidia-smi.js';

const run = promisify(execFile);
const fakes: FakeExecutable[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.cleanup()));
});
async function fake(env: Record<string, string> = {}): Promise<string> {
  const f = await fakeExecutable(env);
  fakes.push(f);
  return f.path;
}

describe('the fake nvidia-smi', () => {
  it('answers -q -x, the loop and compute-apps with the same GPUs', async () => {
    const path = await fake({ FAKE_NVSMI_GPUS: '3' });
    const xml = parseNvidiaSmiXml((await run(path, ['-q', '-x'])).stdout);
    const uuids = xml.gpus.map((g) => g.uuid);
    expect(uuids).toEqual([
      'GPU-fake-0000-0000-0000-000000000000',
      'GPU-fake-0000-0000-0000-000000000001',
      'GPU-fake-0000-0000-0000-000000000002',
    ]);
    const apps = parseComputeAppsCsv(
      (await run(path, ['--query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory', '--format=csv'])).stdout,
    );
    expect(new Set(apps.map((a) => a.uuid))).toEqual(new Set(uuids));
    const csv = parseQueryGpuCsv((await run(path, ['--query-gpu=index,uuid,name,memory.used', '--format=csv'])).stdout);
    expect(csv.gpus.map((g) => [g.index, g.uuid, g.name])).toEqual(
      uuids.map((u, i) => [i, u, 'NVIDIA H100 80GB HBM3']),
    );
  });

  it('answers aliases under their full names, and keeps units unless asked for nounits', async () => {
    const path = await fake();
    const { stdout } = await run(path, ['--query-gpu=gpu_uuid,clocks.gr,power.draw', '--format=csv']);
    expect(stdout.split('\n')[0]).toBe('uuid, clocks.current.graphics [MHz], power.draw [W]');
    expect(stdout.split('\n')[1]).toMatch(/^GPU-fake-\S+, \d+ MHz, [\d.]+ W$/);
    const bare = await run(path, ['--query-gpu=clocks.gr,power.draw', '--format=csv,noheader,nounits']);
    expect(bare.stdout).toMatch(/^\d+, [\d.]+\n$/);
  });

  it('refuses an unknown field the way nvidia-smi does', async () => {
    const path = await fake();
    await expect(run(path, ['--query-gpu=index,bogus.field', '--format=csv'])).rejects.toMatchObject({
      code: 2,
      stdout: 'Field "bogus.field" is not a valid field to query.\n\n',
    });
  });

  it('exits when its reader goes away', async () => {
    const path = await fake();
    const child = spawn(path, ['--query-gpu=index,uuid', '--format=csv,noheader', '-lms', '20'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    await exited;
    expect(child.exitCode ?? child.signalCode).not.toBeNull();
  });
});
