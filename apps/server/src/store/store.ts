import type {
  GpuInfo,
  GpuSample,
  HistoryPoint,
  HistorySeries,
  HistoryTier,
  Host,
  NumericMetric,
  RollupExportRow,
  RollupTier,
  StorageEngine,
} from '@gpu-sentinel/protocol';
import type { AlertStore } from './alert-store.js';
import type { IdentityStore } from './identity-store.js';

export interface HistoryRequest {
  uuid: string;
  from: number;
  to: number;
  points: number;
}

export interface HistoryResult {
  bucketMs: number;
  points: HistoryPoint[];
}

/**
 * A history read, already planned (packages/core `planHistoryRead`): which tier, which bucket
 * width, and where bucket 0 starts. Buckets cover [origin + i·bucketMs, origin + (i+1)·bucketMs);
 * rows are read over [from, to).
 */
export interface SeriesRequest {
  uuids: readonly string[];
  metrics: readonly NumericMetric[];
  from: number;
  to: number;
  tier: HistoryTier;
  bucketMs: number;
  origin: number;
}

/**
 * uuid → metric → series. A uuid the store has never seen is absent; a known GPU with no rows in
 * the range maps every requested metric to empty arrays. Buckets with no row are left out; a
 * bucket where a metric was never reported has null min/avg/max for it.
 */
export type SeriesResult = Map<string, Map<NumericMetric, HistorySeries>>;

/** What an export reads; rows are ordered by time, then GPU. `uuids` undefined: every GPU. */
export interface ExportRequest {
  uuids?: readonly string[] | undefined;
  from: number;
  to: number;
  /** Rows per chunk yielded (the memory bound of a stream). */
  chunkRows: number;
}

export interface TierStats {
  tier: HistoryTier;
  rows: number;
  oldest: number | null;
  newest: number | null;
  sizeBytes: number | null;
}

export interface StorageStats {
  sizeBytes: number | null;
  tiers: TierStats[];
}

/**
 * Per tier, the time (epoch ms) before which its rows are deleted. The retention job always gives
 * every tier; a rollup tier left out keeps all its rows (a caller that means to trim raw rows only).
 */
export type RetentionCutoffs = { readonly raw: number } & Readonly<Partial<Record<RollupTier, number>>>;

export interface RetentionResult {
  deletedRows: Record<HistoryTier, number>;
  droppedPartitions: number;
}

/**
 * One table of a backup: its name, the columns as stored (snake_case SQL names), then its rows as
 * positional arrays in chunks. Values are JSON-safe: numbers, strings, null.
 */
export interface TableDump {
  table: string;
  columns: readonly string[];
  rows: AsyncIterable<readonly (readonly (number | string | null)[])[]>;
}

export interface RestoreOptions {
  /** Delete what the target holds first (in the same transaction); without it a non-empty target is refused. */
  replace: boolean;
}

/** A host as stored: the fleet view's facts minus what only live state knows (status, source, isLocal). */
export type StoredHost = Omit<Host, 'status' | 'source' | 'isLocal'>;

/** A host as an agent (or the server's built-in local agent) registers it. */
export interface HostRegistration {
  hostId: string;
  hostname: string;
  labels: Record<string, string>;
  /** null for the server's own host. */
  agentVersion: string | null;
  seenAt: number;
}

/** Where an agent's batch sits in its stream; the store keeps each stream's mark (the highest seq stored). */
export interface StreamMark {
  streamId: string;
  hostId: string;
  seq: number;
}

/** Samples to write, with the agent batch they came in; `mark` null: the server's own source (never deduplicated). */
export interface WriteSegment {
  samples: readonly GpuSample[];
  mark: StreamMark | null;
}

export interface WriteOutcome {
  /** Rows written. */
  written: number;
  /** Segments skipped, and their rows, because their stream's mark was already at or past their seq. */
  duplicateSegments: number;
  duplicateRows: number;
}

/** The storage port, with one adapter per engine (sqlite/, postgres/); the contract suite runs against both. */
export interface Store {
  readonly engine: StorageEngine;
  /** Where the data lives, for `/system` and `doctor` (a file path or a URL without its password). */
  readonly location: string;
  /** Users, sessions, API keys, audit log and settings, on the same database. */
  readonly identity: IdentityStore;
  /** Alert rules, notification channels, alerts and the notification outbox, on the same database. */
  readonly alerts: AlertStore;
  migrate(): Promise<void>;
  /** The name of the last migration applied (a backup records it; restore refuses a newer one). */
  schemaVersion(): Promise<string>;
  /** Insert or update hosts and GPUs (uuid → gpu_id) from an inventory. */
  upsertInventory(inventory: GpuInfo[]): Promise<void>;
  /**
   * Write one batch in one transaction, all or nothing: the raw rows, and the batch folded into
   * the 1-minute and 1-hour rollups (min/max merged, sums and counts added), so rollups are kept
   * incrementally and never recomputed by scanning.
   */
  insertSamples(samples: GpuSample[]): Promise<void>;
  /**
   * Write agent batches (and the built-in source's samples) in one transaction, exactly once: a
   * segment whose stream mark is already at or past its seq is skipped, the others are written
   * (raw rows and rollups, as insertSamples) and each stream's mark moves to its highest seq. On
   * Postgres the marks are locked (in stream order) for the transaction, so two replicas writing
   * the same batch store it once. Also moves each host's last_seen_at to its newest sample.
   */
  writeSegments(segments: readonly WriteSegment[]): Promise<WriteOutcome>;
  /** The highest seq stored for a stream; 0 when the stream is unknown. */
  streamMark(streamId: string): Promise<number>;
  /** Insert or update a host's name, labels and agent version, and move last_seen_at forward. */
  upsertHost(host: HostRegistration): Promise<void>;
  /** Averages per bucket over raw samples of one GPU; empty buckets are left out. */
  history(request: HistoryRequest): Promise<HistoryResult>;
  /** min/avg/max per bucket for several GPUs and metrics, from the tier the request names. */
  readSeries(request: SeriesRequest): Promise<SeriesResult>;
  /** Raw samples in chunks, on a read connection of its own: a long export never blocks the writer. */
  streamSamples(request: ExportRequest): AsyncIterable<GpuSample[]>;
  /** Rollup rows of one tier in chunks, as the export writes them. */
  streamRollups(tier: RollupTier, request: ExportRequest): AsyncIterable<RollupExportRow[]>;
  /** Rows, time span and size per tier. */
  storageStats(): Promise<StorageStats>;
  /** Delete each tier's rows older than its cutoff (epoch ms); Postgres drops whole day partitions of raw rows. */
  applyRetention(cutoffs: RetentionCutoffs): Promise<RetentionResult>;
  /** Every table a backup holds, streamed, in an order that restores without breaking references. */
  dumpTables(): AsyncIterable<TableDump>;
  /** Load tables from a dump in one transaction: all or nothing. Columns are matched by name. */
  restoreTables(tables: AsyncIterable<TableDump>, options: RestoreOptions): Promise<Record<string, number>>;
  listHosts(): Promise<StoredHost[]>;
  /** The stored inventory of every host heard from since `since` (epoch ms), by hostname and index. */
  listInventory(since: number): Promise<GpuInfo[]>;
  close(): Promise<void>;
}
