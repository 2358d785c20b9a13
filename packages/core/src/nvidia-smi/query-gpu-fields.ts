import type { NumericMetric, ParsedGpu, SampleMetrics } from '@gpu-sentinel/protocol';
import { decodeThrottleReasons, normalizeThrottleReason } from './throttle-reasons.js';
import { normalizeBusId, parseEnabled, parseText, readNumber } from './values.js';

/**
 * `--query-gpu` field names and what they mean in the canonical model. A capture's header and the
 * live loop's field list are both reduced to full names first, because nvidia-smi answers an alias
 * under its full name (`clocks.gr` comes back as `clocks.current.graphics [MHz]`).
 */
const FIELD_ALIASES: Readonly<Record<string, string>> = {
  gpu_name: 'name',
  gpu_serial: 'serial',
  gpu_uuid: 'uuid',
  gpu_bus_id: 'pci.bus_id',
  'clocks.gr': 'clocks.current.graphics',
  'clocks.sm': 'clocks.current.sm',
  'clocks.mem': 'clocks.current.memory',
  'clocks.video': 'clocks.current.video',
  'gpu.power.current_limit': 'enforced.power.limit',
  'gpu.power.requested_limit': 'power.limit',
  'gpu.power.default_limit': 'power.default_limit',
  'gpu.power.draw.average': 'power.draw.average',
  'gpu.power.draw.instant': 'power.draw.instant',
};

const OLD_REASONS_PREFIX = 'clocks_throttle_reasons.';
const REASONS_PREFIX = 'clocks_event_reasons.';
const ACTIVE_REASONS_FIELD = 'clocks_event_reasons.active';

/** The full, current name of a `--query-gpu` field (aliases and the pre-535 `clocks_throttle_reasons.*` resolved). */
export function canonicalQueryGpuField(name: string): string {
  const field = name.trim();
  if (field.startsWith(OLD_REASONS_PREFIX)) return REASONS_PREFIX + field.slice(OLD_REASONS_PREFIX.length);
  return FIELD_ALIASES[field] ?? field;
}

/** Where each numeric metric comes from, best source first. pcie throughput has no `--query-gpu` field. */
const METRIC_FIELDS: Readonly<Record<NumericMetric, readonly string[]>> = {
  utilizationGpuPct: ['utilization.gpu'],
  utilizationMemoryPct: ['utilization.memory'],
  memoryUsedMiB: ['memory.used'],
  memoryTotalMiB: ['memory.total'],
  temperatureC: ['temperature.gpu'],
  memoryTemperatureC: ['temperature.memory'],
  // Instant first, as in the XML: from ~570 `power.draw` is an average.
  powerDrawW: ['power.draw.instant', 'power.draw', 'power.draw.average'],
  powerLimitW: ['enforced.power.limit', 'power.limit'],
  fanSpeedPct: ['fan.speed'],
  clockSmMHz: ['clocks.current.sm'],
  clockMemMHz: ['clocks.current.memory'],
  encoderPct: ['utilization.encoder'],
  decoderPct: ['utilization.decoder'],
  pcieRxKBps: [],
  pcieTxKBps: [],
  eccErrorsCorrected: ['ecc.errors.corrected.volatile.total'],
  eccErrorsUncorrected: ['ecc.errors.uncorrected.volatile.total'],
};

const PSTATE = /^P\d{1,2}$/;

/**
 * Reads one row's cells, keyed by canonical field name. Nothing throws: a cell that is neither a
 * value nor a "no value" marker is read as null and its field listed in `invalidFields`, so the
 * live loop can reject the line while a capture parser keeps going.
 */
export class QueryGpuRow {
  readonly invalidFields: string[] = [];

  constructor(private readonly cells: ReadonlyMap<string, string>) {}

  has(field: string): boolean {
    return this.cells.has(field);
  }

  text(field: string): string | null {
    return parseText(this.cells.get(field));
  }

  number(field: string): number | null {
    const reading = readNumber(this.cells.get(field));
    if (reading !== 'invalid') return reading;
    this.invalidFields.push(field);
    return null;
  }

  /** The first of `fields` that has a value; every present field is still checked for garbage. */
  firstNumber(fields: readonly string[]): number | null {
    let value: number | null = null;
    for (const field of fields) {
      const reading = this.number(field);
      value ??= reading;
    }
    return value;
  }

  metrics(): SampleMetrics {
    const numbers = Object.fromEntries(
      Object.entries(METRIC_FIELDS).map(([metric, fields]) => [metric, this.firstNumber(fields)]),
    ) as Record<NumericMetric, number | null>;
    return { ...numbers, pstate: this.pstate(), throttleReasons: this.throttleReasons() };
  }

  /** The static facts and the sample; `position` stands in for a missing index. */
  gpu(position: number, fallbackUuid: (busId: string | null) => string): ParsedGpu {
    const busId = normalizeBusId(this.cells.get('pci.bus_id'));
    const index = this.number('index');
    return {
      uuid: this.text('uuid') ?? fallbackUuid(busId),
      index: index !== null && Number.isInteger(index) && index >= 0 ? index : position,
      name: this.text('name') ?? '',
      serial: this.text('serial'),
      busId,
      vbiosVersion: this.text('vbios_version'),
      powerLimitDefaultW: this.number('power.default_limit'),
      migMode: this.text('mig.mode.current'),
      computeMode: this.text('compute_mode'),
      persistenceMode: parseEnabled(this.cells.get('persistence_mode')),
      ...this.metrics(),
    };
  }

  private pstate(): string | null {
    const pstate = this.text('pstate');
    if (pstate === null || PSTATE.test(pstate)) return pstate;
    this.invalidFields.push('pstate');
    return null;
  }

  /** From the active bitmask when queried, else from the per-reason "Active"/"Not Active" columns. */
  private throttleReasons(): string[] {
    if (this.has(ACTIVE_REASONS_FIELD)) {
      const bitmask = this.text(ACTIVE_REASONS_FIELD);
      if (bitmask === null) return [];
      const reasons = decodeThrottleReasons(bitmask);
      if (reasons !== null) return reasons;
      this.invalidFields.push(ACTIVE_REASONS_FIELD);
      return [];
    }
    const reasons: string[] = [];
    for (const [field, value] of this.cells) {
      if (field.startsWith(REASONS_PREFIX) && value.toLowerCase() === 'active') {
        reasons.push(normalizeThrottleReason(field));
      }
    }
    return reasons;
  }
}

/** Pairs canonical field names with a row's cells. The caller checks that the counts match. */
export function rowCells(fields: readonly string[], cells: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  fields.forEach((field, i) => {
    // The first occurrence wins when a field was asked for twice (an alias and its full name).
    if (!map.has(field)) map.set(field, cells[i] ?? '');
  });
  return map;
}
