import { temperatureBand, type GpuInfo, type GpuSample, type TemperatureBand } from '@gpu-sentinel/protocol';

export interface SnapshotGpu {
  info: GpuInfo;
  latest: GpuSample | null;
  processCount: number;
}

export interface SnapshotTable {
  hostname: string;
  takenAt: number;
  isSimulated: boolean;
  sourceKind: string;
  gpus: SnapshotGpu[];
}

const BAND_COLOUR: Record<TemperatureBand, string> = {
  critical: '1;31',
  warning: '33',
  normal: '32',
  optimal: '32',
  cool: '36',
};

type Paint = (code: string, text: string) => string;

/** A gpustat-like table: one line per GPU, temperature coloured by band, `n/a` where a value is unknown. */
export function renderGpuTable(table: SnapshotTable, useColour: boolean): string {
  const paint: Paint = (code, text) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const first = table.gpus[0]?.info;
  const title = [
    paint('1', table.hostname),
    new Date(table.takenAt).toISOString(),
    `driver ${first?.driverVersion ?? 'n/a'}`,
    `CUDA ${first?.cudaVersion ?? 'n/a'}`,
    table.isSimulated ? paint('1;33', 'SIMULATED GPUs') : `source ${table.sourceKind}`,
  ].join('  ');
  if (table.gpus.length === 0) return `${title}\nNo GPUs.\n`;

  const rows = table.gpus.map((gpu) => cellsOf(gpu));
  const header = ['IDX', 'NAME', 'TEMP', 'UTIL', 'MEMORY', 'POWER', 'PROCS'];
  const widths = header.map((name, column) => Math.max(name.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[], colour: (column: number, text: string) => string): string =>
    cells.map((cell, column) => colour(column, pad(cell, widths[column] ?? 0, column))).join('  ');

  const lines = [
    title,
    paint(
      '2',
      line(header, (_column, text) => text),
    ),
  ];
  table.gpus.forEach((gpu, position) => {
    const band = temperatureBand(gpu.latest?.temperatureC ?? null);
    lines.push(
      line(rows[position] ?? [], (column, text) => {
        if (column === 1) return paint('34', text);
        if (column === 2 && band !== null) return paint(BAND_COLOUR[band], text);
        if (column === 4) return paint('33', text);
        return text;
      }),
    );
  });
  return `${lines.join('\n')}\n`;
}

function cellsOf(gpu: SnapshotGpu): string[] {
  const sample = gpu.latest;
  return [
    String(gpu.info.index),
    gpu.info.name,
    withUnit(sample?.temperatureC, '°C'),
    withUnit(sample?.utilizationGpuPct, ' %'),
    `${num(sample?.memoryUsedMiB)} / ${num(sample?.memoryTotalMiB ?? gpu.info.memoryTotalMiB)} MiB`,
    `${num(sample?.powerDrawW)} / ${num(sample?.powerLimitW ?? gpu.info.powerLimitW)} W`,
    String(gpu.processCount),
  ];
}

/** Numbers right-aligned, text left-aligned. */
function pad(text: string, width: number, column: number): string {
  return column === 1 ? text.padEnd(width) : text.padStart(width);
}

function num(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : String(Math.round(value));
}

function withUnit(value: number | null | undefined, unit: string): string {
  return value === null || value === undefined ? 'n/a' : `${Math.round(value)}${unit}`;
}
