import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeExecutable, isAlive, type FakeExecutable } from '../../test/fake-nvidia-smi.js';
import { RecordingListener, sleep, waitFor } from '../../test/recording-listener.js';
import type { NvidiaSmiSourceOptions } from './nvidia-smi-options.js';
import { NvidiaSmiSource } from './nvidia-smi-source.js';

const host = { hostId: 'host-test', hostname: 'test-box' };
let cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

/** Starts a source on a fake nvidia-smi; it is stopped and the fake removed after the test. */
async function startOnFake(env: Record<string, string>, options: Partial<NvidiaSmiSourceOptions> = {}) {
  const fake = await fakeExecutable(env);
  const source = new NvidiaSmiSource({
    ...host,
    executable: fake.path,
    intervalMs: 50,
    processIntervalMs: 200,
    backoff: { initialMs: 50, maxMs: 400 },
    killGraceMs: 300,
    inventoryRefreshGapMs: 100,
    ...options,
  });
  const listener = new RecordingListener();
  cleanups.push(async () => {
    await source.stop();
    await fake.cleanup();
  });
  source.start(listener);
  return { fake, source, listener };
}

const loopPids = async (fake: FakeExecutable): Promise<number[]> => (await fake.loopSpawns()).map((s) => s.pid);

describe('NvidiaSmiSource against the fake nvidia-smi', () => {
  it('streams ticks at the requested rate with values from the capture, from one child', async () => {
    const { fake, source, listener } = await startOnFake({ FAKE_NVSMI_GPUS: '2' });
    await waitFor('running', () => source.state().status === 'running');
    const firstAt = listener.ticks.length;
    await sleep(1_000);
    const perSecond = listener.ticks.length - firstAt;
    expect(perSecond).toBeGreaterThanOrEqual(10);
    expect(perSecond).toBeLessThanOrEqual(25);

    const tick = listener.ticks.at(-1)?.readings ?? [];
    expect(tick.map((r) => [r.index, r.uuid])).toEqual([
      [0, 'GPU-fake-0000-0000-0000-000000000000'],
      [1, 'GPU-fake-0000-0000-0000-000000000001'],
    ]);
    // The fake alternates the H100 idle and load captures: 41 °C / 69.62 W and 59 °C / 625.68 W.
    const seen = listener.ticks.flatMap((t) => t.readings.map((r) => [r.metrics.temperatureC, r.metrics.powerDrawW]));
    expect(new Set(seen.map((pair) => JSON.stringify(pair)))).toEqual(new Set(['[41,69.62]', '[59,625.68]']));
    expect(tick[0]?.metrics.memoryTotalMiB).toBe(81_559);
    expect(tick[0]?.metrics.pstate).toBe('P0');

    expect(listener.inventories[0]?.map((g) => [g.uuid, g.name, g.hostId, g.driverVersion])).toEqual([
      ['GPU-fake-0000-0000-0000-000000000000', 'NVIDIA H100 80GB HBM3', 'host-test', '535.54.03'],
      ['GPU-fake-0000-0000-0000-000000000001', 'NVIDIA H100 80GB HBM3', 'host-test', '535.54.03'],
    ]);
    await waitFor('processes', () => listener.processes.length > 0);
    expect(listener.processes[0]?.map((p) => [p.uuid, p.pid, p.name, p.usedMemoryMiB])).toContainEqual([
      'GPU-fake-0000-0000-0000-000000000001',
      12345,
      './gpu_burn',
      15690,
    ]);
    expect(await loopPids(fake)).toHaveLength(1);
    expect(source.state()).toMatchObject({ kind: 'nvidia-smi', restarts: 0, badLines: 0, isSimulated: false });
  });

  it('detects a hung child within about three intervals, kills it and starts another', async () => {
    const { fake, listener } = await startOnFake({ FAKE_NVSMI_MODE: 'hang' });
    await waitFor('a second loop child', async () => (await loopPids(fake)).length >= 2);
    const stalled = listener.states.find((s) => s.status === 'stalled');
    expect(stalled?.reason).toMatch(/printed nothing for 150 ms/);
    // The fake printed two lines, then went silent: the stall is called about 3 intervals later.
    const lastTickAt = listener.ticks.filter((t) => t.atMs <= (stalled?.since ?? 0)).at(-1)?.atMs ?? 0;
    expect((stalled?.since ?? 0) - lastTickAt).toBeGreaterThanOrEqual(140);
    expect((stalled?.since ?? 0) - lastTickAt).toBeLessThan(1_000);
    expect(listener.statuses()).toEqual(expect.arrayContaining(['running', 'stalled', 'restarting']));
    const [first] = await loopPids(fake);
    expect(isAlive(first ?? 0)).toBe(false);
  });

  it('restarts a child that exits, with growing backoff, and reports why', async () => {
    const { fake, source, listener } = await startOnFake({ FAKE_NVSMI_MODE: 'exit', FAKE_NVSMI_EXIT_AFTER_LINES: '2' });
    await waitFor('four loop children', async () => (await loopPids(fake)).length >= 4, 5_000);
    const restarting = listener.states.find((s) => s.status === 'restarting');
    expect(restarting?.reason).toMatch(/exited with code 1.*restarting in 50 ms/);
    const delays = listener.states
      .filter((s) => s.status === 'restarting')
      .map((s) => /restarting in (\d+) ms/.exec(s.reason ?? '')?.[1]);
    expect(delays.slice(0, 3)).toEqual(['50', '100', '200']);
    expect(source.state().restarts).toBeGreaterThanOrEqual(3);
  });

  it('counts garbage lines, skips them, and keeps the good samples flowing', async () => {
    const { source, listener } = await startOnFake({ FAKE_NVSMI_MODE: 'garbage', FAKE_NVSMI_GPUS: '2' });
    await waitFor('garbage counted', () => source.state().badLines >= 4);
    const before = listener.ticks.length;
    await sleep(300);
    expect(listener.ticks.length).toBeGreaterThan(before + 3);
    expect(listener.ticks.slice(-4).every((t) => t.readings.length === 2)).toBe(true);
    // Rows of ERR! are values nvidia-smi could not read: null, not garbage.
    const nullTemps = listener.ticks.flatMap((t) => t.readings).filter((r) => r.metrics.temperatureC === null);
    expect(nullTemps.length).toBeGreaterThan(0);
    expect(source.state()).toMatchObject({ status: 'running', restarts: 0 });
  });

  it('says missing, with nvidia-smi own words, when the driver is not loaded', async () => {
    const { source, listener } = await startOnFake({ FAKE_NVSMI_MODE: 'no-driver' });
    await waitFor('missing', () => source.state().status === 'missing');
    expect(source.state().reason).toMatch(/couldn't communicate with the NVIDIA driver/);
    expect(listener.ticks).toHaveLength(0);
  });

  it('says missing when there is no nvidia-smi at all', async () => {
    const source = new NvidiaSmiSource({ ...host, executable: '/nonexistent/nvidia-smi', intervalMs: 50 });
    const listener = new RecordingListener();
    source.start(listener);
    await waitFor('missing', () => source.state().status === 'missing');
    expect(source.state().reason).toMatch(/nvidia-smi not found.*\/nonexistent\/nvidia-smi/);
    await source.stop();
    expect(source.state().status).toBe('stopped');
  });

  it('waits for a slow first line without calling it a stall', async () => {
    const { source } = await startOnFake(
      { FAKE_NVSMI_MODE: 'slow-start', FAKE_NVSMI_START_DELAY_MS: '500' },
      { firstLineTimeoutMs: 3_000 },
    );
    await waitFor('running', () => source.state().status === 'running');
    expect(source.state().restarts).toBe(0);
  });

  it('restarts the child with the new -lms when the interval changes', async () => {
    const { fake, source, listener } = await startOnFake({}, { intervalMs: 250 });
    await waitFor('running', () => source.state().status === 'running');
    source.setIntervalMs(50);
    await waitFor('a second loop child', async () => (await loopPids(fake)).length === 2);
    const [old, current] = await fake.loopSpawns();
    expect(old?.args).toMatch(/-lms 250$/);
    expect(current?.args).toMatch(/-lms 50$/);
    await waitFor('ticks at the new rate', () => listener.ticks.length > 5);
    const before = listener.ticks.length;
    await sleep(500);
    expect(listener.ticks.length - before).toBeGreaterThanOrEqual(6);
    expect(isAlive(old?.pid ?? 0)).toBe(false);
    expect(source.state().restarts).toBe(0);
  });

  it('reads the inventory again when a GPU appears', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gpus-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const gpusFile = join(dir, 'gpus');
    await writeFile(gpusFile, '1');
    const { listener } = await startOnFake({ FAKE_NVSMI_GPUS_FILE: gpusFile });
    await waitFor('first inventory', () => listener.inventories.length === 1);
    expect(listener.inventories[0]).toHaveLength(1);
    await writeFile(gpusFile, '2');
    await waitFor('second inventory', () => listener.inventories.length === 2);
    expect(listener.inventories[1]?.map((g) => g.index)).toEqual([0, 1]);
    await waitFor('ticks of two GPUs', () => listener.ticks.at(-1)?.readings.length === 2);
  });

  it('stop() kills the child (SIGKILL if SIGTERM is ignored) and leaves nothing behind', async () => {
    const { fake, source } = await startOnFake({ FAKE_NVSMI_IGNORE_SIGTERM: '1' });
    await waitFor('running', () => source.state().status === 'running');
    const [pid] = await loopPids(fake);
    expect(isAlive(pid ?? 0)).toBe(true);
    await source.stop();
    expect(isAlive(pid ?? 0)).toBe(false);
    for (const spawn of await fake.spawns()) expect(isAlive(spawn.pid)).toBe(false);
    expect(source.state().status).toBe('stopped');
  });

  it('never overlaps process queries: a slow one is killed and the next waits its turn', async () => {
    const { fake, source } = await startOnFake({ FAKE_NVSMI_APPS_DELAY_MS: '5000' }, { processIntervalMs: 100 });
    await waitFor('running', () => source.state().status === 'running');
    await sleep(1_300);
    const apps = (await fake.spawns()).filter((s) => s.args.includes('--query-compute-apps'));
    expect(apps.length).toBeGreaterThanOrEqual(1);
    expect(apps.length).toBeLessThanOrEqual(2);
    expect(apps.filter((s) => isAlive(s.pid)).length).toBeLessThanOrEqual(1);
  });
});
