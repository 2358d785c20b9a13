import type { GpuSample, GpuView, Host } from '@gpu-sentinel/protocol';
import { gpuInfo, gpuSample } from '../../../test/fixtures';

/** A fleet in the protocol's shapes, for the model's tests. */
export const NOW_TS = 1_000_000;

export function host(hostId: string, overrides: Partial<Host> = {}): Host {
  return {
    hostId,
    hostname: hostId,
    driverVersion: '570.86.15',
    cudaVersion: '12.8',
    gpuCount: 2,
    lastSeenAt: NOW_TS,
    labels: {},
    agentVersion: '0.1.0',
    status: 'online',
    source: null,
    isLocal: false,
    firstSeenAt: 0,
    ...overrides,
  };
}

/** GPU `index` of a host, reporting at NOW_TS unless the sample says otherwise. */
export function gpu(hostId: string, index: number, sample: Partial<GpuSample> | null = {}, isStale = false): GpuView {
  const uuid = `${hostId}-GPU-${String(index)}`;
  return {
    info: gpuInfo(index, { hostId, hostname: hostId, uuid }),
    latest: sample === null ? null : gpuSample(index, NOW_TS, { hostId, uuid, ...sample }),
    isStale,
  };
}
