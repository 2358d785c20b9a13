import { afterEach, describe, expect, it } from 'vitest';
import { NvidiaSmiSource } from '../src/nvidia-smi/nvidia-smi-source.js';
import { fakeExecutable } from './fake-nvidia-smi.js';
import { ownH100CaptureSet } from './fixtures.js';
import { RecordingListener, waitFor } from './recording-listener.js';

const host = { hostId: 'host-h100', hostname: 'h100-box' };
let cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

describe("NvidiaSmiSource on GPU Sentinel's own H100 capture (driver 580.159.04)", () => {
  it('reports the H100 as the driver shows it: inventory, idle and load samples, the python3 process', async () => {
    const captures = await ownH100CaptureSet();
    const fake = await fakeExecutable({ ...captures.env, FAKE_NVSMI_GPUS: '1' });
    const source = new NvidiaSmiSource({
      ...host,
      executable: fake.path,
      intervalMs: 50,
      processIntervalMs: 200,
      backoff: { initialMs: 50, maxMs: 400 },
      killGraceMs: 300,
      inventoryRefreshGapMs: 100,
    });
    const listener = new RecordingListener();
    cleanups.push(async () => {
      await source.stop();
      await fake.cleanup();
      await captures.cleanup();
    });
    source.start(listener);

    await waitFor('idle and load ticks', () => listener.ticks.length >= 6);
    await waitFor('processes', () => listener.processes.length > 0);

    expect(listener.inventories[0]).toEqual([
      expect.objectContaining({
        name: 'NVIDIA H100 80GB HBM3',
        driverVersion: '580.159.04',
        cudaVersion: '13.0',
        memoryTotalMiB: 81_559,
        powerLimitW: 700,
        migMode: 'Disabled',
      }),
    ]);
    // The fake alternates the idle and load rows of the capture; power draw is the instant reading.
    const readings = listener.ticks.flatMap((tick) => tick.readings.map((reading) => reading.metrics));
    const phases = new Map(readings.map((m) => [m.throttleReasons.join(','), m]));
    expect(phases.get('gpu_idle')).toMatchObject({ utilizationGpuPct: 0, temperatureC: 42, powerDrawW: 80.12 });
    expect(phases.get('sw_power_cap')).toMatchObject({
      utilizationGpuPct: 98,
      memoryUsedMiB: 21_491,
      temperatureC: 54,
      powerDrawW: 822.66,
      clockSmMHz: 1395,
    });
    expect([...phases.keys()].sort()).toEqual(['gpu_idle', 'sw_power_cap']);
    for (const metrics of readings) {
      expect(metrics).toMatchObject({ powerLimitW: 700, memoryTotalMiB: 81_559, fanSpeedPct: null, pstate: 'P0' });
    }
    expect(listener.processes[0]?.map((p) => [p.pid, p.name, p.usedMemoryMiB])).toEqual([[486, 'python3', 21_482]]);

    const [loop] = await fake.loopSpawns();
    expect(loop?.args).toContain('power.draw.instant,power.draw,enforced.power.limit,');
    expect(loop?.args).toContain('clocks_event_reasons.active');
    expect(loop?.args).not.toContain('clocks_throttle_reasons');
    expect(source.state()).toMatchObject({ restarts: 0, badLines: 0, isSimulated: false });
  });
});
