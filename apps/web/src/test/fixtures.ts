import type { GpuInfo, GpuSample, SystemStatus } from '@gpu-sentinel/protocol';

/** Test data in the protocol's shapes. */
export function gpuInfo(index: number, overrides: Partial<GpuInfo> = {}): GpuInfo {
  return {
    hostId: 'host-a',
    hostname: 'host-a',
    driverVersion: '570.86.15',
    cudaVersion: '12.8',
    uuid: `GPU-${index}`,
    index,
    name: 'NVIDIA H100 80GB HBM3',
    serial: null,
    busId: null,
    vbiosVersion: null,
    memoryTotalMiB: 81559,
    powerLimitW: 700,
    powerLimitDefaultW: 700,
    migMode: null,
    computeMode: null,
    persistenceMode: null,
    ...overrides,
  };
}

export function gpuSample(index: number, ts: number, overrides: Partial<GpuSample> = {}): GpuSample {
  return {
    ts,
    hostId: 'host-a',
    uuid: `GPU-${index}`,
    index,
    utilizationGpuPct: 50,
    utilizationMemoryPct: 20,
    memoryUsedMiB: 1024,
    memoryTotalMiB: 81559,
    temperatureC: 60,
    memoryTemperatureC: null,
    powerDrawW: 300,
    powerLimitW: 700,
    fanSpeedPct: null,
    clockSmMHz: 1980,
    clockMemMHz: 2619,
    encoderPct: 0,
    decoderPct: 0,
    pcieRxKBps: null,
    pcieTxKBps: null,
    eccErrorsCorrected: 0,
    eccErrorsUncorrected: 0,
    pstate: 'P0',
    throttleReasons: [],
    ...overrides,
  };
}

export function systemStatus(overrides: Partial<SystemStatus> = {}): SystemStatus {
  return {
    version: '0.1.0',
    nodeVersion: 'v20',
    hostId: 'host-a',
    hostname: 'host-a',
    startedAt: 0,
    source: {
      kind: 'simulated',
      status: 'running',
      reason: null,
      since: 0,
      restarts: 0,
      badLines: 0,
      isSimulated: true,
    },
    intervalMs: 250,
    isRecording: true,
    simulated: true,
    storage: {
      engine: 'sqlite',
      location: './data',
      writer: {
        written: 0,
        dropped: 0,
        failedBatches: 0,
        duplicates: 0,
        queued: 0,
        lastError: null,
        isRecording: true,
      },
    },
    driverVersion: null,
    cudaVersion: null,
    ...overrides,
  };
}
