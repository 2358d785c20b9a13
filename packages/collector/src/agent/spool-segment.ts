import { readdir, readFile, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** One NDJSON file of consecutive batches; the name carries its first seq, zero-padded so names sort by seq. */
export interface SpoolSegment {
  path: string;
  firstSeq: number;
  /** Seq and sample count of every batch in the file, in order. */
  seqs: number[];
  sampleCounts: number[];
  samples: number;
  bytes: number;
}

const SEGMENT_NAME = /^segment-(\d{15})\.ndjson$/;

export function segmentPath(dir: string, firstSeq: number): string {
  return join(dir, `segment-${String(firstSeq).padStart(15, '0')}.ndjson`);
}

export function lastSeqOf(segment: SpoolSegment): number {
  return segment.seqs.at(-1) ?? segment.firstSeq - 1;
}

export function emptySegment(dir: string, firstSeq: number): SpoolSegment {
  return { path: segmentPath(dir, firstSeq), firstSeq, seqs: [], sampleCounts: [], samples: 0, bytes: 0 };
}

/** Batches (and their samples) after `ackedSeq` in these segments. */
export function unackedIn(
  segments: readonly SpoolSegment[],
  ackedSeq: number,
): { pendingBatches: number; pendingSamples: number } {
  let pendingBatches = 0;
  let pendingSamples = 0;
  for (const segment of segments) {
    segment.seqs.forEach((seq, index) => {
      if (seq <= ackedSeq) return;
      pendingBatches++;
      pendingSamples += segment.sampleCounts[index] ?? 0;
    });
  }
  return { pendingBatches, pendingSamples };
}

export interface LoadedSegments {
  segments: SpoolSegment[];
  /** Lines that could not be read back (a write torn by a crash): skipped. */
  tornLines: number;
}

/** Index the segments of a spool dir in seq order; a torn tail is cut off so the file reads clean next time. */
export async function loadSegments(dir: string): Promise<LoadedSegments> {
  const names = (await readdir(dir)).filter((name) => SEGMENT_NAME.test(name)).sort();
  const segments: SpoolSegment[] = [];
  let tornLines = 0;
  let lastSeq = 0;
  for (const name of names) {
    const path = join(dir, name);
    const indexed = indexSegment(path, await readFile(path, 'utf8'), lastSeq);
    tornLines += indexed.tornLines;
    if (indexed.goodBytes < indexed.totalBytes && indexed.isTornAtEnd) await truncate(path, indexed.goodBytes);
    if (indexed.segment.seqs.length === 0) {
      await unlink(path);
      continue;
    }
    segments.push(indexed.segment);
    lastSeq = lastSeqOf(indexed.segment);
  }
  return { segments, tornLines };
}

interface IndexedSegment {
  segment: SpoolSegment;
  tornLines: number;
  /** Bytes up to the end of the last good line. */
  goodBytes: number;
  totalBytes: number;
  isTornAtEnd: boolean;
}

function indexSegment(path: string, text: string, afterSeq: number): IndexedSegment {
  const segment: SpoolSegment = { path, firstSeq: 0, seqs: [], sampleCounts: [], samples: 0, bytes: 0 };
  let tornLines = 0;
  let offset = 0;
  let consumedBytes = 0;
  let goodBytes = 0;
  let isTornAtEnd = false;
  let previousSeq = afterSeq;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset, end === -1 ? text.length : end);
    offset = end === -1 ? text.length : end + 1;
    consumedBytes += Buffer.byteLength(line) + (end === -1 ? 0 : 1);
    const batch = end === -1 ? null : headerOf(line);
    if (batch === null || batch.seq <= previousSeq) {
      if (line !== '') tornLines++;
      isTornAtEnd = true;
      continue;
    }
    isTornAtEnd = false;
    previousSeq = batch.seq;
    if (segment.seqs.length === 0) segment.firstSeq = batch.seq;
    segment.seqs.push(batch.seq);
    segment.sampleCounts.push(batch.sampleCount);
    segment.samples += batch.sampleCount;
    goodBytes = consumedBytes;
  }
  segment.bytes = isTornAtEnd ? goodBytes : consumedBytes;
  return { segment, tornLines, goodBytes, totalBytes: consumedBytes, isTornAtEnd };
}

/** Seq and size of a spooled line; the samples themselves are validated when the batch is replayed. */
function headerOf(line: string): { seq: number; sampleCount: number } | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || !('seq' in value) || !('samples' in value)) return null;
    const { seq, samples } = value;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || !Array.isArray(samples)) return null;
    return { seq, sampleCount: samples.length };
  } catch {
    return null;
  }
}
