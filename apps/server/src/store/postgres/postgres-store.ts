/**
 * The Postgres engine (chosen when DATABASE_URL is set): a node-postgres pool, Kysely for the
 * queries both engines share, binary COPY for raw samples, and raw samples partitioned by UTC
 * day so retention drops partitions.
 *
 * Ingest (see write-batch.ts for how a batch is written), measured on the 2-core dev machine with
 * PostgreSQL 15 on the same machine, shared with other work (load average ~2): 400k samples of 8
 * GPUs in the writer's 2,000-row batches, one insertSamples call at a time (each one transaction:
 * COPY, the 1m/10m/1h rollups, last_seen_at touches), a fresh schema per run, 5 runs interleaved
 * with the previous write path: 141k-222k samples/s, median 168k (previous: 98k-121k, median
 * 114k, with one rollup tier fewer). This process now spends ~2-3 µs of CPU per sample (was
 * ~4-6.5). Filling 30 h (3.46M rows) in one run: 162k/s. The server's COPY (~4.5 µs a row,
 * two b-tree indexes) is now the critical path; a BRIN index on ts instead of its b-tree raised
 * ingest ~9%, but slows exports (kept the b-tree: see migrations/0002-gpu-metrics.ts).
 */
import { systemClock, type Clock } from '@gpu-sentinel/core';
import type { GpuInfo, GpuSample, RollupExportRow, RollupTier } from '@gpu-sentinel/protocol';
import type { Kysely } from 'kysely';
import { StoreNotFoundError } from '../errors.js';
import { streamRollupChunks } from '../export/stream-rollups.js';
import { streamSampleChunks } from '../export/stream-samples.js';
import { historyFromRaw } from '../history.js';
import type { AlertStore } from '../alert-store.js';
import { createKyselyAlertStore } from '../alerts/kysely-alert-store.js';
import { createKyselyIdentityStore } from '../identity/kysely-identity-store.js';
import type { IdentityStore } from '../identity-store.js';
import { upsertHostRow } from '../fleet/host-rows.js';
import { deleteStreamsBefore, readStreamMark } from '../fleet/stream-marks.js';
import { findGpuIds, upsertInventoryRows } from '../inventory.js';
import { listHostRows } from '../list-hosts.js';
import { listInventoryRows } from '../list-inventory.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { readSeries } from '../series/read-series.js';
import type {
  ExportRequest,
  HistoryRequest,
  HistoryResult,
  RestoreOptions,
  RetentionCutoffs,
  RetentionResult,
  SeriesRequest,
  SeriesResult,
  StorageStats,
  Store,
  TableDump,
  StoredHost,
  HostRegistration,
  WriteOutcome,
  WriteSegment,
} from '../store.js';
import { lastMigrationName } from '../tiers/schema-version.js';
import { deleteAllRollupsBefore, tierRowStats } from '../tiers/tier-stats.js';
import { pgErrorCode, PostgresConnection } from './connection.js';
import { DayPartitions, dropRawBefore } from './partitions.js';
import { dumpSnapshot, restoreInto } from './postgres-backup.js';
import { postgresDialect } from './postgres-sql.js';
import { tierSizes } from './sizes.js';
import { writeSegmentsOn } from './write-batch.js';

/**
 * A batch that failed for one of these is written again once, afresh: another server sharing the
 * database dropped a partition we had cached (23514: no partition for the row) or registered the
 * same new GPU first (23505). Overlapping batches need no retry: they lock rows in one order.
 */
const RETRIED_WRITE_ERRORS = new Set(['23514', '23505']);

export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:port/db` */
  url: string;
  /** Tables live in this schema (created if missing) instead of `public`: tests use one per run. */
  schema?: string;
  /** Drop `schema` with everything in it on close (tests' throwaway schemas). */
  dropSchemaOnClose?: boolean;
  clock?: Clock;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/** Open the Postgres store (connections are made on first use). Call `migrate()` before anything else. */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  return new PostgresStore(options);
}

class PostgresStore implements Store {
  readonly engine = 'postgres';
  readonly location: string;
  readonly identity: IdentityStore;
  readonly alerts: AlertStore;
  private readonly connection: PostgresConnection;
  private readonly db: Kysely<Database>;
  private readonly clock: Clock;
  private readonly partitions = new DayPartitions();
  /** uuid → gpu_id; only ids of committed rows go in, so a rolled-back registration is never cached. */
  private readonly gpuIds = new Map<string, number>();
  private isClosed = false;

  constructor(private readonly options: PostgresStoreOptions) {
    this.connection = new PostgresConnection({
      url: options.url,
      schema: options.schema,
      poolSize: options.poolSize ?? 10,
    });
    this.location = this.connection.location;
    this.db = this.connection.kysely();
    this.clock = options.clock ?? systemClock;
    this.identity = createKyselyIdentityStore(this.db);
    this.alerts = createKyselyAlertStore(this.db);
  }

  async migrate(): Promise<void> {
    // Connect first, so an unreachable server is reported as such rather than as a failed migration.
    (await this.connection.acquire()).release();
    await migrateToLatest(this.db, this.options.schema === undefined ? {} : { schema: this.options.schema });
  }

  schemaVersion(): Promise<string> {
    return lastMigrationName(this.db);
  }

  async upsertInventory(inventory: GpuInfo[]): Promise<void> {
    if (inventory.length === 0) return;
    const ids = await this.db.transaction().execute((trx) => upsertInventoryRows(trx, inventory, this.clock.now()));
    for (const [uuid, id] of ids) this.gpuIds.set(uuid, id);
  }

  async insertSamples(samples: GpuSample[]): Promise<void> {
    if (samples.length === 0) return;
    await this.writeSegments([{ samples, mark: null }]);
  }

  async writeSegments(segments: readonly WriteSegment[]): Promise<WriteOutcome> {
    if (segments.length === 0) return { written: 0, duplicateSegments: 0, duplicateRows: 0 };
    try {
      return await this.writeOnce(segments);
    } catch (error) {
      if (!RETRIED_WRITE_ERRORS.has(pgErrorCode(error) ?? '')) throw error;
      this.partitions.forget();
      return await this.writeOnce(segments);
    }
  }

  streamMark(streamId: string): Promise<number> {
    return readStreamMark(this.db, streamId);
  }

  upsertHost(host: HostRegistration): Promise<void> {
    return upsertHostRow(this.db, host);
  }

  async history(request: HistoryRequest): Promise<HistoryResult> {
    const gpuId = this.gpuIds.get(request.uuid) ?? (await findGpuIds(this.db, [request.uuid])).get(request.uuid);
    if (gpuId === undefined) throw new StoreNotFoundError('gpu', request.uuid, 'uuid');
    return historyFromRaw(this.db, postgresDialect.bucketIndex, gpuId, request);
  }

  readSeries(request: SeriesRequest): Promise<SeriesResult> {
    return readSeries(this.db, postgresDialect, request);
  }

  streamSamples(request: ExportRequest): AsyncIterable<GpuSample[]> {
    return streamSampleChunks(this.db, request);
  }

  streamRollups(tier: RollupTier, request: ExportRequest): AsyncIterable<RollupExportRow[]> {
    return streamRollupChunks(this.db, tier, request);
  }

  async storageStats(): Promise<StorageStats> {
    const [rows, sizes] = await Promise.all([tierRowStats(this.db), tierSizes(this.connection)]);
    return {
      sizeBytes: sizes.database,
      tiers: rows.map((tier) => ({ ...tier, sizeBytes: sizes.tiers[tier.tier] })),
    };
  }

  async applyRetention(cutoffs: RetentionCutoffs): Promise<RetentionResult> {
    const client = await this.connection.acquire();
    let raw: Awaited<ReturnType<typeof dropRawBefore>>;
    try {
      raw = await dropRawBefore(client, cutoffs.raw);
    } finally {
      client.release();
    }
    for (const day of raw.droppedDays) this.partitions.forget(day);
    await deleteStreamsBefore(this.db, cutoffs.raw);
    return {
      deletedRows: {
        raw: raw.deletedRows,
        ...(await deleteAllRollupsBefore(this.db, cutoffs)),
      },
      droppedPartitions: raw.droppedDays.length,
    };
  }

  dumpTables(): AsyncIterable<TableDump> {
    return dumpSnapshot(this.connection);
  }

  async restoreTables(tables: AsyncIterable<TableDump>, options: RestoreOptions): Promise<Record<string, number>> {
    try {
      return await restoreInto(this.db, tables, options);
    } finally {
      // A replace may have dropped rows of cached GPUs, and partitions may have come or gone.
      this.gpuIds.clear();
      this.partitions.forget();
    }
  }

  listHosts(): Promise<StoredHost[]> {
    return listHostRows(this.db);
  }

  listInventory(since: number): Promise<GpuInfo[]> {
    return listInventoryRows(this.db, since);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    try {
      if (this.options.dropSchemaOnClose === true) await this.connection.dropSchema();
    } finally {
      await this.db.destroy();
    }
  }

  private async writeOnce(segments: readonly WriteSegment[]): Promise<WriteOutcome> {
    const client = await this.connection.acquire();
    try {
      // Partitions for every segment's rows, duplicates included: which are duplicates is known
      // only once the marks are locked, and a partition made in vain is one a day at most.
      await this.partitions.ensure(
        (statement) => client.query(statement),
        segments.flatMap((segment) => segment.samples.map((sample) => sample.ts)),
      );
      const { learned, outcome } = await writeSegmentsOn(client, segments, this.gpuIds, this.clock.now());
      for (const [uuid, id] of learned) this.gpuIds.set(uuid, id);
      return outcome;
    } finally {
      client.release();
    }
  }
}
