import type { SampleMetrics } from '@gpu-sentinel/protocol';
import { csvCells } from './csv.js';
import { parseHelpQueryGpu } from './help-query-gpu.js';
import { canonicalQueryGpuField, QueryGpuRow, rowCells } from './query-gpu-fields.js';

/**
 * Every field the live loop (`--query-gpu=<fields> --format=csv,noheader,nounits -lms N`) may ask
 * for, in the order it asks. Some are alternatives for older or newer drivers; `selectLoopFields`
 * keeps the ones the installed driver lists. PCIe throughput has no `--query-gpu` field, so live
 * samples carry null there (the XML inventory has it).
 */
export const LOOP_QUERY_FIELDS = [
  'index',
  'uuid',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'temperature.memory',
  'power.draw.instant',
  'power.draw',
  'enforced.power.limit',
  'power.limit',
  'fan.speed',
  'clocks.sm',
  'clocks.mem',
  'pstate',
  'utilization.encoder',
  'utilization.decoder',
  'clocks_event_reasons.active',
  'clocks_throttle_reasons.active',
  'ecc.errors.corrected.volatile.total',
  'ecc.errors.uncorrected.volatile.total',
] as const;

/** Fields every driver since ~418 accepts: what the loop asks for when `--help-query-gpu` is unavailable. */
export const DEFAULT_LOOP_FIELDS: readonly string[] = [
  'index',
  'uuid',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
  'power.limit',
  'fan.speed',
  'clocks.sm',
  'clocks.mem',
  'pstate',
  'clocks_throttle_reasons.active',
  'ecc.errors.corrected.volatile.total',
  'ecc.errors.uncorrected.volatile.total',
];

/** [preferred, fallback]: the fallback is dropped when the preferred field is available. */
const ALTERNATIVES: readonly (readonly [string, string])[] = [
  ['enforced.power.limit', 'power.limit'],
  ['clocks_event_reasons.active', 'clocks_throttle_reasons.active'],
];

/**
 * The loop's fields that this driver's `--help-query-gpu` lists (asking for an unknown field makes
 * nvidia-smi refuse the whole query). `null`, or help text that lists no `uuid`, gives the default set.
 */
export function selectLoopFields(helpText: string | null): string[] {
  const listed = helpText === null ? new Set<string>() : parseHelpQueryGpu(helpText);
  if (!listed.has('uuid') || !listed.has('index')) return [...DEFAULT_LOOP_FIELDS];
  const selected = LOOP_QUERY_FIELDS.filter((field) => listed.has(field));
  const dropped = new Set(ALTERNATIVES.filter(([preferred]) => listed.has(preferred)).map(([, fallback]) => fallback));
  return selected.filter((field) => !dropped.has(field));
}

/** One GPU's reading from one line of the loop. */
export interface QueryGpuLine {
  uuid: string;
  index: number;
  metrics: SampleMetrics;
}

export type QueryGpuLineProblem = 'column-count' | 'missing-uuid' | 'bad-index' | 'invalid-value';

/** A loop line that is not a GPU reading; the caller counts it, logs it and skips it. */
export class QueryGpuLineError extends Error {
  override readonly name = 'QueryGpuLineError';

  constructor(
    readonly problem: QueryGpuLineProblem,
    message: string,
    /** The offending line, cut to 200 characters for logs. */
    readonly line: string,
    /** The field whose value was rejected, where there is one. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

const GPU_UUID = /^(?:GPU|MIG)-[0-9A-Za-z-]+$/;

/**
 * Parses one `--format=csv,noheader,nounits` line, whose values are in the order of `fields` (the
 * list the loop was started with). Throws `QueryGpuLineError` for a line that is not a reading:
 * wrong number of values, no GPU uuid, no index, or text where a number (or a
 * pstate, or a reasons bitmask) must be. "No value"
 * markers (`[N/A]`, `[Not Supported]`, …) are not errors: they become null.
 */
export function parseQueryGpuLine(line: string, fields: readonly string[]): QueryGpuLine {
  const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
  const cells = csvCells(line);
  if (cells.length !== fields.length) {
    throw new QueryGpuLineError(
      'column-count',
      `expected ${fields.length} values, got ${cells.length}: ${JSON.stringify(shown)}`,
      shown,
    );
  }
  const row = new QueryGpuRow(rowCells(fields.map(canonicalQueryGpuField), cells));
  const uuid = row.text('uuid');
  if (uuid === null || !GPU_UUID.test(uuid)) {
    throw new QueryGpuLineError('missing-uuid', `no GPU uuid in ${JSON.stringify(shown)}`, shown, 'uuid');
  }
  const index = row.number('index');
  if (index === null || !Number.isInteger(index) || index < 0) {
    throw new QueryGpuLineError('bad-index', `no GPU index in ${JSON.stringify(shown)}`, shown, 'index');
  }
  const metrics = row.metrics();
  const [field] = row.invalidFields;
  if (field !== undefined) {
    throw new QueryGpuLineError('invalid-value', `unreadable ${field} value in ${JSON.stringify(shown)}`, shown, field);
  }
  return { uuid, index, metrics };
}
