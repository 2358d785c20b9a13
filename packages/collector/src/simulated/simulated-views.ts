import type { GpuInfo, GpuProcess } from '@gpu-sentinel/protocol';
import type { GpuReading } from '../gpu-source.js';
import type { HostIdentity } from '../inventory.js';
import type { SimulatedGpu, SimulatedState } from './simulated-state.js';

const SIMULATED_DRIVER = '570.133.20';
const SIMULATED_CUDA = '12.8';

/** What nvidia-smi would print for this GPU now, rounded as nvidia-smi rounds. */
export function simulatedReading(gpu: SimulatedGpu): GpuReading {
  return {
    uuid: gpu.uuid,
    index: gpu.index,
    metrics: {
      utilizationGpuPct: Math.round(gpu.utilizationGpuPct),
      utilizationMemoryPct: Math.round(gpu.utilizationMemoryPct),
      memoryUsedMiB: gpu.memoryUsedMiB,
      memoryTotalMiB: gpu.model.memoryTotalMiB,
      temperatureC: Math.round(gpu.temperatureC),
      memoryTemperatureC: gpu.memoryTemperatureC === null ? null : Math.round(gpu.memoryTemperatureC),
      powerDrawW: Math.round(gpu.powerDrawW * 100) / 100,
      powerLimitW: gpu.model.powerLimitW,
      fanSpeedPct: gpu.fanSpeedPct === null ? null : Math.round(gpu.fanSpeedPct),
      clockSmMHz: gpu.clockSmMHz,
      clockMemMHz: gpu.clockMemMHz,
      pstate: gpu.pstate,
      encoderPct: 0,
      decoderPct: 0,
      pcieRxKBps: Math.round(gpu.pcieRxKBps),
      pcieTxKBps: Math.round(gpu.pcieTxKBps),
      throttleReasons: [...gpu.throttleReasons],
      eccErrorsCorrected: gpu.eccErrorsCorrected,
      eccErrorsUncorrected: gpu.model.hasEcc ? 0 : null,
    },
  };
}

export function simulatedReadings(state: SimulatedState): GpuReading[] {
  return state.gpus.map(simulatedReading);
}

export function simulatedInventory(state: SimulatedState, host: HostIdentity): GpuInfo[] {
  return state.gpus.map((gpu) => ({
    hostId: host.hostId,
    hostname: host.hostname,
    driverVersion: SIMULATED_DRIVER,
    cudaVersion: SIMULATED_CUDA,
    uuid: gpu.uuid,
    index: gpu.index,
    name: gpu.model.name,
    serial: gpu.serial,
    busId: gpu.busId,
    vbiosVersion: gpu.model.vbiosVersion,
    memoryTotalMiB: gpu.model.memoryTotalMiB,
    powerLimitW: gpu.model.powerLimitW,
    powerLimitDefaultW: gpu.model.powerLimitW,
    migMode: gpu.model.hasEcc ? 'Disabled' : null,
    computeMode: 'Default',
    persistenceMode: true,
  }));
}

/** The compute processes on every GPU: the training job (while one runs) and the leaking server. */
export function simulatedProcesses(state: SimulatedState, host: HostIdentity, ts: number): GpuProcess[] {
  const out: GpuProcess[] = [];
  for (const gpu of state.gpus) {
    const base = { ts, hostId: host.hostId, uuid: gpu.uuid };
    const leakMiB = gpu.leak === null ? 0 : gpu.leak.baseMiB + gpu.leak.leakedMiB;
    if (gpu.leak !== null) {
      out.push({ ...base, pid: gpu.leak.pid, name: '/usr/bin/python3', usedMemoryMiB: Math.round(leakMiB) });
    }
    if (gpu.job.pid !== null && gpu.phase !== 'idle') {
      const jobMiB = Math.max(0, gpu.memoryUsedMiB - leakMiB);
      out.push({ ...base, pid: gpu.job.pid, name: '/opt/conda/bin/python', usedMemoryMiB: Math.round(jobMiB) });
    }
  }
  return out;
}
