import { csvCells, csvLines, parseHeaderLine } from './csv.js';
import { parseNumber, parseText } from './values.js';

/** The field order the collector asks `--query-compute-apps` for, and assumes for output without a header. */
export const COMPUTE_APPS_FIELDS = ['gpu_uuid', 'pid', 'process_name', 'used_gpu_memory'] as const;

/** A compute process as `--query-compute-apps` reports it. */
export interface ComputeApp {
  uuid: string;
  pid: number;
  name: string;
  /** Null where the driver cannot tell (Windows WDDM reports `[N/A]`). */
  usedMemoryMiB: number | null;
}

const FIELD_ALIASES: Readonly<Record<string, string>> = {
  name: 'process_name',
  used_memory: 'used_gpu_memory',
  uuid: 'gpu_uuid',
};

const PID = /^\d+$/;

/**
 * Parses `--query-compute-apps=… --format=csv[,noheader][,nounits]`. With a header, columns are
 * found by name (any order, extra columns ignored); without one they are `COMPUTE_APPS_FIELDS`.
 * A header alone means no processes. Rows without a GPU uuid or a numeric pid are skipped; a
 * process name that contains commas is put back together.
 */
export function parseComputeAppsCsv(text: string): ComputeApp[] {
  const lines = csvLines(text);
  const header = lines[0] === undefined ? null : parseHeaderLine(lines[0]);
  const isHeader = header?.some((name) => name === 'pid') ?? false;
  const fields = isHeader && header ? header.map((name) => FIELD_ALIASES[name] ?? name) : [...COMPUTE_APPS_FIELDS];
  const apps: ComputeApp[] = [];
  for (const line of isHeader ? lines.slice(1) : lines) {
    const app = parseRow(fields, csvCells(line));
    if (app !== null) apps.push(app);
  }
  return apps;
}

function parseRow(fields: readonly string[], cells: readonly string[]): ComputeApp | null {
  const values = alignCells(fields, cells);
  if (values === null) return null;
  const uuid = parseText(values.get('gpu_uuid'));
  const pid = values.get('pid') ?? '';
  if (uuid === null || !PID.test(pid)) return null;
  return {
    uuid,
    pid: Number(pid),
    name: parseText(values.get('process_name')) ?? '',
    usedMemoryMiB: parseNumber(values.get('used_gpu_memory')),
  };
}

/** Maps cells to fields; surplus cells are commas inside the process name. */
function alignCells(fields: readonly string[], cells: readonly string[]): Map<string, string> | null {
  const surplus = cells.length - fields.length;
  const nameAt = fields.indexOf('process_name');
  if (surplus < 0 || (surplus > 0 && nameAt < 0)) return null;
  const values = new Map<string, string>();
  let cell = 0;
  fields.forEach((field, i) => {
    const width = i === nameAt ? surplus + 1 : 1;
    values.set(field, cells.slice(cell, cell + width).join(', '));
    cell += width;
  });
  return values;
}
