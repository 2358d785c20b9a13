import {
  NUMERIC_METRICS,
  type GpuInfo,
  type NumericMetric,
  type ParsedGpu,
  type SampleMetrics,
} from '@gpu-sentinel/protocol';
import type { GpuReading } from './gpu-source.js';

/** Who the samples belong to: every GpuInfo, sample and process carries the host. */
export interface HostIdentity {
  hostId: string;
  hostname: string;
}

export interface DriverVersions {
  driverVersion: string | null;
  cudaVersion: string | null;
}

/** A parsed GPU's static facts, stamped with its host and driver. */
export function toGpuInfo(gpu: ParsedGpu, host: HostIdentity, versions: DriverVersions): GpuInfo {
  return {
    hostId: host.hostId,
    hostname: host.hostname,
    driverVersion: versions.driverVersion,
    cudaVersion: versions.cudaVersion,
    uuid: gpu.uuid,
    index: gpu.index,
    name: gpu.name,
    serial: gpu.serial,
    busId: gpu.busId,
    vbiosVersion: gpu.vbiosVersion,
    memoryTotalMiB: gpu.memoryTotalMiB,
    powerLimitW: gpu.powerLimitW,
    powerLimitDefaultW: gpu.powerLimitDefaultW,
    migMode: gpu.migMode,
    computeMode: gpu.computeMode,
    persistenceMode: gpu.persistenceMode,
  };
}

/** A parsed GPU's sample fields, as a reading. */
export function toReading(gpu: ParsedGpu): GpuReading {
  const numbers = Object.fromEntries(NUMERIC_METRICS.map((name) => [name, gpu[name]])) as Record<
    NumericMetric,
    number | null
  >;
  const metrics: SampleMetrics = { ...numbers, pstate: gpu.pstate, throttleReasons: [...gpu.throttleReasons] };
  return { uuid: gpu.uuid, index: gpu.index, metrics };
}

/** Whether two inventories describe the same GPUs (by uuid). */
export function sameGpuSet(a: readonly GpuInfo[], b: readonly GpuInfo[]): boolean {
  if (a.length !== b.length) return false;
  const uuids = new Set(a.map((gpu) => gpu.uuid));
  return b.every((gpu) => uuids.has(gpu.uuid));
}
