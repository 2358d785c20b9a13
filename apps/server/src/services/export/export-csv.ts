import { NUMERIC_METRICS, type GpuSample, type RollupExportRow } from '@gpu-sentinel/protocol';

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; null is an empty field. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

const KEY_COLUMNS = ['ts', 'time', 'host_id', 'uuid', 'index'] as const;

/** Raw samples: time and GPU, one column per metric (canonical names), then pstate and `;`-joined throttle reasons. */
export const SAMPLE_CSV_HEADER = csvLine([...KEY_COLUMNS, ...NUMERIC_METRICS, 'pstate', 'throttle_reasons']);

export function sampleCsvLine(sample: GpuSample): string {
  return csvLine([
    sample.ts,
    new Date(sample.ts).toISOString(),
    sample.hostId,
    sample.uuid,
    sample.index,
    ...NUMERIC_METRICS.map((metric) => sample[metric]),
    sample.pstate,
    sample.throttleReasons.join(';'),
  ]);
}

/** Rollups: time and GPU, how many samples the row summarises, then min/avg/max of each metric. */
export const ROLLUP_CSV_HEADER = csvLine([
  ...KEY_COLUMNS,
  'samples',
  ...NUMERIC_METRICS.flatMap((metric) => [`${metric}_min`, `${metric}_avg`, `${metric}_max`]),
]);

export function rollupCsvLine(row: RollupExportRow): string {
  return csvLine([
    row.ts,
    new Date(row.ts).toISOString(),
    row.hostId,
    row.uuid,
    row.index,
    row.samples,
    ...NUMERIC_METRICS.flatMap((metric) => {
      const aggregate = row.metrics[metric];
      return [aggregate?.min ?? null, aggregate?.avg ?? null, aggregate?.max ?? null];
    }),
  ]);
}
