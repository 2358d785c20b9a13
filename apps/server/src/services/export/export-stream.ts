import type { ExportQuery, HistoryTier } from '@gpu-sentinel/protocol';
import type { ExportRequest, Store } from '../../store/store.js';
import { ROLLUP_CSV_HEADER, rollupCsvLine, SAMPLE_CSV_HEADER, sampleCsvLine } from './export-csv.js';

export type ExportFormat = NonNullable<ExportQuery['format']>;

export type ExportStore = Pick<Store, 'streamSamples' | 'streamRollups'>;

/**
 * The export as text chunks, one per chunk of rows the store yields: nothing is read ahead of
 * what the consumer pulls, and returning early (a client gone) closes the store's read.
 * `onRows` counts what went out, for the log.
 */
export async function* exportChunks(
  store: ExportStore,
  format: ExportFormat,
  tier: HistoryTier,
  request: ExportRequest,
  onRows: (rows: number) => void,
): AsyncGenerator<string> {
  if (format === 'csv') yield tier === 'raw' ? SAMPLE_CSV_HEADER : ROLLUP_CSV_HEADER;
  if (tier === 'raw') {
    for await (const chunk of store.streamSamples(request)) {
      onRows(chunk.length);
      yield chunk.map((sample) => (format === 'csv' ? sampleCsvLine(sample) : ndjsonLine(sample))).join('');
    }
    return;
  }
  for await (const chunk of store.streamRollups(tier, request)) {
    onRows(chunk.length);
    yield chunk.map((row) => (format === 'csv' ? rollupCsvLine(row) : ndjsonLine(row))).join('');
  }
}

function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
