import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NUMERIC_METRICS, type GpuInfo, type GpuSample, type NumericMetric } from '@gpu-sentinel/protocol';

/** Builders and a temp data dir for tests that run on real SQLite files. */

export function gpuInfo(overrides: Partial<GpuInfo> & Pick<GpuInfo, 'uuid'>): GpuInfo {
  return {
    hostId: 'host-a',
    hostname: 'workstation',
    driverVersion: '550.54.15',
    cudaVersion: '12.4',
    index: 0,
    name: 'NVIDIA GeForce RTX 4090',
    serial: null,
    busId: '00000000:01:00.0',
    vbiosVersion: '95.02.18.80.87',
    memoryTotalMiB: 24564,
    powerLimitW: 450,
    powerLimitDefaultW: 450,
    migMode: null,
    computeMode: 'Default',
    persistenceMode: true,
    ...overrides,
  };
}

const noMetrics = Object.fromEntries(NUMERIC_METRICS.map((metric) => [metric, null])) as Record<NumericMetric, null>;

/** A sample with every metric null unless given. */
export function gpuSample(overrides: Partial<GpuSample> & Pick<GpuSample, 'uuid' | 'ts'>): GpuSample {
  return { hostId: 'host-a', index: 0, ...noMetrics, pstate: null, throttleReasons: [], ...overrides };
}

export interface TempDir {
  readonly path: string;
  remove(): void;
}

export function makeTempDir(prefix = 'gpu-sentinel-store-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
