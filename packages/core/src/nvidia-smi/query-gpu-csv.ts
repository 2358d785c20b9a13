import type { ParsedCapture, ParsedGpu } from '@gpu-sentinel/protocol';
import { CaptureFormatError } from './capture-format-error.js';
import { csvCells, csvLines, parseHeaderLine } from './csv.js';
import { canonicalQueryGpuField, QueryGpuRow, rowCells } from './query-gpu-fields.js';
import { fallbackId } from './xml-gpu.js';

/** True when a CSV header line names `--query-gpu` fields (rather than, say, `--query-compute-apps` ones). */
export function isQueryGpuHeader(line: string): boolean {
  const names = parseHeaderLine(line);
  if (names === null) return false;
  const fields = new Set(names.map(canonicalQueryGpuField));
  if (fields.has('pid')) return false;
  return [
    'uuid',
    'index',
    'name',
    'pci.bus_id',
    'memory.used',
    'memory.total',
    'utilization.gpu',
    'temperature.gpu',
  ].some((field) => fields.has(field));
}

/**
 * Parses a `--query-gpu=… --format=csv` capture, with or without `nounits`, one GPU per row in file
 * order. The header is required: it is what says which column is which. Values may carry units
 * ("1234 MiB", "45.12 W", "100 %"); `[N/A]` and bare `N/A` become null. The CSV has no CUDA version,
 * so `cudaVersion` is null; `driverVersion` comes from a `driver_version` (or `kmd_version`) column.
 */
export function parseQueryGpuCsv(text: string): ParsedCapture {
  const [header, ...rows] = csvLines(text);
  if (header === undefined || !isQueryGpuHeader(header)) {
    throw new CaptureFormatError(
      'not a `nvidia-smi --query-gpu=… --format=csv` capture: the first line must be its header (e.g. "uuid, memory.used [MiB]")',
    );
  }
  const fields = (parseHeaderLine(header) ?? []).map(canonicalQueryGpuField);
  let driverVersion: string | null = null;
  const gpus: ParsedGpu[] = rows.map((line, position) => {
    const cells = csvCells(line);
    if (cells.length !== fields.length) {
      throw new CaptureFormatError(
        `GPU row ${position + 1} has ${cells.length} values but the header names ${fields.length} fields`,
      );
    }
    const row = new QueryGpuRow(rowCells(fields, cells));
    driverVersion ??= row.text('driver_version') ?? row.text('kmd_version');
    return row.gpu(position, (busId) => fallbackId(busId, position));
  });
  return { driverVersion, cudaVersion: null, gpus };
}
