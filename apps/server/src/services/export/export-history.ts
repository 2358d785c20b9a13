import type { Clock } from '@gpu-sentinel/core';
import type { ExportQuery, HistoryTier } from '@gpu-sentinel/protocol';
import { ValidationError } from '../../errors/app-error.js';
import { exportChunks, type ExportFormat, type ExportStore } from './export-stream.js';

export const DEFAULT_EXPORT_RANGE_MS = 24 * 3_600_000;
/** Rows per chunk: big enough that a chunk is one write, small enough that memory stays flat. */
export const EXPORT_CHUNK_ROWS = 2_000;

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export interface ExportDeps {
  store: ExportStore;
  clock: Clock;
}

export interface OpenedExport {
  contentType: string;
  filename: string;
  format: ExportFormat;
  tier: HistoryTier;
  from: number;
  to: number;
  uuids: readonly string[] | undefined;
  /** The body, in chunks; the first is already read, so a store that fails at once fails before any byte is sent. */
  body: AsyncGenerator<string>;
  /** Rows sent so far. */
  rows(): number;
}

/** `GET /export`: defaults csv, every GPU, the last 24 hours, raw samples. */
export async function openExport(deps: ExportDeps, query: ExportQuery): Promise<OpenedExport> {
  const to = query.to ?? (query.from === undefined ? deps.clock.now() : query.from + DEFAULT_EXPORT_RANGE_MS);
  const from = query.from ?? Math.max(0, to - DEFAULT_EXPORT_RANGE_MS);
  if (from >= to) throw new ValidationError('from: must be before to', 'from');
  const format = query.format ?? 'csv';
  const tier = query.tier ?? 'raw';
  let rows = 0;
  const chunks = exportChunks(
    deps.store,
    format,
    tier,
    { uuids: query.gpus, from, to, chunkRows: EXPORT_CHUNK_ROWS },
    (n) => {
      rows += n;
    },
  );
  const first = await chunks.next();
  return {
    contentType: CONTENT_TYPES[format],
    filename: exportFilename(tier, from, to, format),
    format,
    tier,
    from,
    to,
    uuids: query.gpus,
    body: prepend(first, chunks),
    rows: () => rows,
  };
}

/** `gpu-sentinel-raw-20261126T100000Z-20261127T100000Z.csv`: ISO 8601 basic format, safe in every file system. */
export function exportFilename(tier: HistoryTier, from: number, to: number, format: ExportFormat): string {
  const stamp = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/[-:]/g, '');
  return `gpu-sentinel-${tier}-${stamp(from)}-${stamp(to)}.${format}`;
}

async function* prepend(first: IteratorResult<string>, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  try {
    if (first.done === true) return;
    yield first.value;
    yield* rest;
  } finally {
    // The consumer stopped early (client gone): end the store's read too.
    await rest.return(undefined);
  }
}
