import type { ParsedGpu } from '@gpu-sentinel/protocol';
import { normalizeThrottleReason } from './throttle-reasons.js';
import { firstPresent, normalizeBusId, parseEnabled, parseNumber, parseText, sumOfPresent } from './values.js';
import { attribute, child, childNames, children, textAt, textOf, type XmlNode } from './xml-tree.js';

/** A process listed under a GPU's `<processes>`. */
export interface XmlGpuProcess {
  uuid: string;
  pid: number;
  name: string;
  usedMemoryMiB: number | null;
}

/**
 * Reads one `<gpu>` element. Every field is found by element presence, never by DTD version:
 * drivers rename and move elements (power_readings → gpu_power_readings, power_draw →
 * instant_power_draw, clocks_throttle_reasons → clocks_event_reasons) within one DTD version.
 *
 * `position` is the GPU's place in the file, which is nvidia-smi's index order (the XML has no
 * index; minor_number is the /dev node and differs from it on some machines).
 */
export function parseXmlGpu(gpu: XmlNode, position: number): ParsedGpu {
  const num = (...path: string[]): number | null => parseNumber(textAt(gpu, ...path));
  const text = (...path: string[]): string | null => parseText(textAt(gpu, ...path));
  const power = powerReadings(gpu);
  const busId = normalizeBusId(textAt(gpu, 'pci', 'pci_bus_id') ?? attribute(gpu, 'id'));
  const powerLimitW = firstPresent(
    ['enforced_power_limit', 'current_power_limit', 'power_limit'].map((name) => parseNumber(textAt(power, name))),
  );

  return {
    uuid: text('uuid') ?? fallbackId(busId, position),
    index: position,
    name: text('product_name') ?? '',
    serial: text('serial'),
    busId,
    vbiosVersion: text('vbios_version'),
    memoryTotalMiB: num('fb_memory_usage', 'total'),
    powerLimitW,
    powerLimitDefaultW: parseNumber(textAt(power, 'default_power_limit')),
    migMode: text('mig_mode', 'current_mig'),
    computeMode: text('compute_mode'),
    persistenceMode: parseEnabled(textAt(gpu, 'persistence_mode')),
    utilizationGpuPct: num('utilization', 'gpu_util'),
    utilizationMemoryPct: num('utilization', 'memory_util'),
    memoryUsedMiB: num('fb_memory_usage', 'used'),
    temperatureC: num('temperature', 'gpu_temp'),
    memoryTemperatureC: num('temperature', 'memory_temp'),
    // Prefer the instant reading; drivers from ~570 have no power_draw, only instant and average.
    powerDrawW: firstPresent(
      ['instant_power_draw', 'power_draw', 'average_power_draw'].map((name) => parseNumber(textAt(power, name))),
    ),
    fanSpeedPct: num('fan_speed'),
    clockSmMHz: num('clocks', 'sm_clock'),
    clockMemMHz: num('clocks', 'mem_clock'),
    encoderPct: num('utilization', 'encoder_util'),
    decoderPct: num('utilization', 'decoder_util'),
    pcieRxKBps: num('pci', 'rx_util'),
    pcieTxKBps: num('pci', 'tx_util'),
    ...eccErrors(child(gpu, 'ecc_errors', 'volatile')),
    pstate: text('performance_state'),
    throttleReasons: activeThrottleReasons(gpu),
  };
}

/** The processes under `<processes>`, with the GPU's uuid. */
export function parseXmlProcesses(gpu: XmlNode, uuid: string): XmlGpuProcess[] {
  const processes: XmlGpuProcess[] = [];
  for (const info of children(child(gpu, 'processes'), 'process_info')) {
    const pid = parseNumber(textAt(info, 'pid'));
    if (pid === null || !Number.isInteger(pid) || pid < 0) continue;
    processes.push({
      uuid,
      pid,
      name: parseText(textAt(info, 'process_name')) ?? '',
      usedMemoryMiB: parseNumber(textAt(info, 'used_memory')),
    });
  }
  return processes;
}

/** A stand-in identity for a capture without a uuid (hand-reduced files): the bus id, else the position. */
export function fallbackId(busId: string | null, position: number): string {
  return busId === null ? `index:${position}` : `bus:${busId}`;
}

/** The board's own power block: `gpu_power_readings` (535+) or `power_readings`, never the module's. */
function powerReadings(gpu: XmlNode): XmlNode | undefined {
  return child(gpu, 'gpu_power_readings') ?? child(gpu, 'power_readings');
}

/**
 * Volatile ECC error counts (since the driver last loaded), the same quantity as the live loop's
 * `ecc.errors.*.volatile.total`. Old drivers give single_bit/double_bit totals; from ~510 the
 * counts are split into SRAM and DRAM, which are summed here.
 */
function eccErrors(volatile: XmlNode | undefined): {
  eccErrorsCorrected: number | null;
  eccErrorsUncorrected: number | null;
} {
  const count = (...path: string[]): number | null => parseNumber(textAt(volatile, ...path));
  if (child(volatile, 'single_bit') !== undefined || child(volatile, 'double_bit') !== undefined) {
    return { eccErrorsCorrected: count('single_bit', 'total'), eccErrorsUncorrected: count('double_bit', 'total') };
  }
  return {
    eccErrorsCorrected: sumOfPresent([count('sram_correctable'), count('dram_correctable')]),
    eccErrorsUncorrected: sumOfPresent([
      count('sram_uncorrectable'),
      count('sram_uncorrectable_parity'),
      count('sram_uncorrectable_secded'),
      count('dram_uncorrectable'),
    ]),
  };
}

/** Names of the reasons reported "Active", from `clocks_event_reasons` or `clocks_throttle_reasons`. */
function activeThrottleReasons(gpu: XmlNode): string[] {
  const block = child(gpu, 'clocks_event_reasons') ?? child(gpu, 'clocks_throttle_reasons');
  return childNames(block)
    .filter((name) => textOf(child(block, name))?.trim().toLowerCase() === 'active')
    .map(normalizeThrottleReason);
}
