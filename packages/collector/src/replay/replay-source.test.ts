import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureDir } from '../../test/fixtures.js';
import { RecordingListener, waitFor } from '../../test/recording-listener.js';
import { ReplaySource } from './replay-source.js';

const host = { hostId: 'replay-host', hostname: 'replay-box' };
const dirs: string[] = [];
const sources: ReplaySource[] = [];

afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function captureDir(files: Record<string, string>, junk: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'replay-'));
  dirs.push(dir);
  for (const [name, from] of Object.entries(files)) await copyFile(join(fixtureDir(), from), join(dir, name));
  for (const [name, text] of Object.entries(junk)) await writeFile(join(dir, name), text);
  return dir;
}

function start(dir: string): { source: ReplaySource; listener: RecordingListener } {
  const source = new ReplaySource({ ...host, dir, intervalMs: 50 });
  const listener = new RecordingListener();
  sources.push(source);
  source.start(listener);
  return { source, listener };
}

describe('ReplaySource', () => {
  it('plays XML and CSV captures in a loop, one capture per interval', async () => {
    const dir = await captureDir(
      {
        'a-gtx1080.xml': 'xml/a0s-gtx1080-x2-processes.xml',
        'b-t4.csv': 'query-gpu-csv/virtualclient-4x-tesla-t4-510.108.03-nounits.csv',
      },
      { 'c-notes.csv': 'this is not a capture\n', 'readme.txt': 'ignored' },
    );
    const { source, listener } = start(dir);
    await waitFor('two full cycles', () => listener.ticks.length >= 4);
    expect(source.state()).toMatchObject({ kind: 'replay', status: 'running', isSimulated: false });

    const inventory = listener.inventories[0] ?? [];
    expect(inventory.map((g) => g.name)).toEqual(
      expect.arrayContaining(['GeForce GTX 1080', 'GeForce GTX 1080', 'Tesla T4', 'Tesla T4', 'Tesla T4', 'Tesla T4']),
    );
    expect(inventory).toHaveLength(6);
    expect(inventory.every((g) => g.hostId === 'replay-host')).toBe(true);

    const [xmlTick, csvTick, again] = listener.ticks.map((t) => t.readings);
    expect(xmlTick?.map((r) => r.uuid)).toEqual([
      'GPU-683c6e09-3969-31a5-b7ca-cc88252b7fce',
      'GPU-90e3dab0-b59d-8bf6-d909-d4fab8d2f29b',
    ]);
    expect(xmlTick?.[0]?.metrics).toMatchObject({ temperatureC: 67, powerDrawW: 211.86, memoryUsedMiB: 2900 });
    expect(csvTick?.map((r) => r.metrics.temperatureC)).toEqual([48, 51, 53, 53]);
    expect(csvTick?.[0]?.metrics).toMatchObject({ memoryUsedMiB: 257, memoryTotalMiB: 16_384, pstate: 'P8' });
    expect(again).toEqual(xmlTick);

    const processes = listener.processes[0] ?? [];
    expect(processes.map((p) => [p.pid, p.name, p.usedMemoryMiB])).toContainEqual([8991, '/opt/nbminer/nbminer', 2883]);
  });

  it('fails with a clear reason when the directory holds no usable capture', async () => {
    const dir = await captureDir({}, { 'junk.csv': 'pid, name\n1, x\n', 'broken.xml': '<nope' });
    const { source, listener } = start(dir);
    await waitFor('failed', () => source.state().status === 'failed');
    expect(source.state().reason).toMatch(/no usable capture in .*junk\.csv.*/);
    expect(listener.ticks).toHaveLength(0);
  });

  it('fails when the directory does not exist', async () => {
    const { source } = start('/nonexistent/captures');
    await waitFor('failed', () => source.state().status === 'failed');
    expect(source.state().reason).toMatch(/cannot read the replay directory \/nonexistent\/captures/);
  });

  it('plays the whole project fixture folder of XML captures', async () => {
    const { source, listener } = start(join(fixtureDir(), 'xml'));
    await waitFor('running', () => source.state().status === 'running');
    await waitFor('ticks', () => listener.ticks.length >= 3);
    expect(listener.inventories[0]?.length).toBeGreaterThan(20);
    await source.stop();
    const count = listener.ticks.length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(listener.ticks).toHaveLength(count);
    expect(source.state().status).toBe('stopped');
  });
});
