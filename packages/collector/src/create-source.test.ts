import { afterEach, describe, expect, it } from 'vitest';
import { fakeExecutable, type FakeExecutable } from '../test/fake-nvidia-smi.js';
import { fixtureDir } from '../test/fixtures.js';
import { createSource, detectSource } from './create-source.js';
import { parseListGpus, probeNvidiaSmi } from './probe-nvidia-smi.js';

const host = { hostId: 'h', hostname: 'box' };
const fakes: FakeExecutable[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.cleanup()));
});
async function fake(env: Record<string, string> = {}): Promise<FakeExecutable> {
  const f = await fakeExecutable(env);
  fakes.push(f);
  return f;
}

describe('probeNvidiaSmi', () => {
  it('lists the GPUs of a working nvidia-smi', async () => {
    const probe = await probeNvidiaSmi((await fake({ FAKE_NVSMI_GPUS: '2' })).path);
    expect(probe.status).toBe('ok');
    expect(probe.gpus.map((g) => g.uuid)).toEqual([
      'GPU-fake-0000-0000-0000-000000000000',
      'GPU-fake-0000-0000-0000-000000000001',
    ]);
  });

  it('says why it does not work: missing executable, driver not loaded', async () => {
    const missing = await probeNvidiaSmi('/nonexistent/nvidia-smi');
    expect(missing.status).toBe('missing');
    expect(missing.reason).toMatch(/not found/);
    const noDriver = await probeNvidiaSmi((await fake({ FAKE_NVSMI_MODE: 'no-driver' })).path);
    expect(noDriver.status).toBe('missing');
    expect(noDriver.reason).toMatch(/couldn't communicate with the NVIDIA driver/);
  });

  it('reads -L lines', () => {
    expect(parseListGpus('GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-abc)\nnoise\n')).toEqual([
      { index: 0, name: 'NVIDIA H100 80GB HBM3', uuid: 'GPU-abc' },
    ]);
  });
});

describe('createSource', () => {
  it('auto picks nvidia-smi when it answers', async () => {
    const created = await createSource('auto', { ...host, executable: (await fake()).path });
    expect(created.source.kind).toBe('nvidia-smi');
    expect(created.fallbackReason).toBeNull();
  });

  it('auto falls back to simulated GPUs and says why', async () => {
    const created = await createSource('auto', { ...host, executable: '/nonexistent/nvidia-smi', gpuCount: 2 });
    expect(created.source.kind).toBe('simulated');
    expect(created.fallbackReason).toMatch(/nvidia-smi not found.*using simulated GPUs instead/);
    expect(created.source.inventory()).toHaveLength(2);
    const detection = await detectSource({ executable: (await fake({ FAKE_NVSMI_MODE: 'no-driver' })).path });
    expect(detection.kind).toBe('simulated');
    expect(detection.reason).toMatch(/NVIDIA driver/);
  });

  it('builds each named source', async () => {
    expect((await createSource('simulated', host)).source.kind).toBe('simulated');
    expect((await createSource('nvidia-smi', host)).source.kind).toBe('nvidia-smi');
    const replay = await createSource(`replay:${fixtureDir()}/xml`, host);
    expect(replay.source.kind).toBe('replay');
  });
});
