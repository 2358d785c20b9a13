import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '@gpu-sentinel/core';
import type { GpuInfo, GpuSample, RollupExportRow, RollupTier } from '@gpu-sentinel/protocol';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { dumpTablesFrom } from '../backup/dump-tables.js';
import { restoreTablesInto } from '../backup/restore-tables.js';
import { StoreNotFoundError } from '../errors.js';
import { streamRollupChunks } from '../export/stream-rollups.js';
import { streamSampleChunks } from '../export/stream-samples.js';
import { historyFromRaw } from '../history.js';
import type { AlertStore } from '../alert-store.js';
import { createKyselyAlertStore } from '../alerts/kysely-alert-store.js';
import { createKyselyIdentityStore } from '../identity/kysely-identity-store.js';
import type { IdentityStore } from '../identity-store.js';
import { upsertHostRow } from '../fleet/host-rows.js';
import { markedStreams, planSegments } from '../fleet/segment-plan.js';
import { advanceStreamMarks, claimStreamMarks, deleteStreamsBefore, readStreamMark } from '../fleet/stream-marks.js';
import { findGpuIds, gpuIdResolver, resolveBatchGpuIds, upsertInventoryRows } from '../inventory.js';
import { listHostRows } from '../list-hosts.js';
import { listInventoryRows } from '../list-inventory.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { readSeries } from '../series/read-series.js';
import { lastMigrationName } from '../tiers/schema-version.js';
import { deleteAllRollupsBefore, tierRowStats } from '../tiers/tier-stats.js';
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
import { SqliteReaders } from './read-connection.js';
import { SqliteReadWorker } from './read-worker.js';
import { prepareRollupWrite, type RollupWriteFn } from './rollup-write.js';
import { prepareSampleWrite, type SampleWriteFn } from './sample-insert.js';
import { deleteRawBefore } from './sqlite-retention.js';
import { sqliteSizes } from './sqlite-sizes.js';
import { SQLITE_PRAGMAS, sqliteDialect } from './sqlite-sql.js';
import { sqliteTableColumns } from './sqlite-table-columns.js';

export const SQLITE_FILENAME = 'gpu-sentinel.db';

/** `dataDir` holds `gpu-sentinel.db` (created if missing); `filename` names the file, or `:memory:` for tests. */
export type SqliteStoreOptions = ({ dataDir: string } | { filename: string }) & { clock?: Clock };

/** Open (creating if needed) the embedded store. Call `migrate()` before anything else. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const filename = 'dataDir' in options ? path.join(options.dataDir, SQLITE_FILENAME) : options.filename;
  if (filename !== ':memory:') mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const handle = new BetterSqlite3(filename);
  for (const pragma of SQLITE_PRAGMAS) handle.pragma(pragma);
  return new SqliteStore(handle, filename, options.clock ?? systemClock);
}

class SqliteStore implements Store {
  readonly engine = 'sqlite';
  private readonly db: Kysely<Database>;
  readonly identity: IdentityStore;
  readonly alerts: AlertStore;
  /** uuid → gpu_id; only ids of committed rows go in, so a rolled-back registration is never cached. */
  private readonly gpuIds = new Map<string, number>();
  private writeRows: SampleWriteFn | undefined;
  private writeRollups: RollupWriteFn | undefined;
  private readonly readers: SqliteReaders;
  /** Starts its thread on the first read. */
  private readonly readWorker: SqliteReadWorker;
  private isClosed = false;

  constructor(
    private readonly handle: BetterSqlite3.Database,
    readonly location: string,
    private readonly clock: Clock,
  ) {
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
    this.identity = createKyselyIdentityStore(this.db);
    this.alerts = createKyselyAlertStore(this.db);
    this.readers = new SqliteReaders(location, this.db);
    this.readWorker = new SqliteReadWorker(location);
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.db);
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
    const streams = markedStreams(segments);
    const { outcome, learned } = await this.db.transaction().execute(async (trx) => {
      const plan = planSegments(segments, await claimStreamMarks(trx, streams, { lockRows: false }));
      const learnedIds = await resolveBatchGpuIds(() => trx, plan.samples, this.gpuIds);
      if (plan.samples.length > 0) {
        const gpuIdOf = gpuIdResolver(this.gpuIds, learnedIds);
        // Kysely holds the one connection for this transaction, so these synchronous statements on
        // the same handle run inside it: a throw anywhere rolls the whole call back, marks included.
        this.writeRows ??= prepareSampleWrite(this.handle);
        this.writeRows(plan.samples, gpuIdOf);
        this.writeRollups ??= prepareRollupWrite(this.handle, this.db);
        this.writeRollups(plan.samples, gpuIdOf);
      }
      await advanceStreamMarks(trx, plan.marks, this.clock.now());
      return { outcome: plan.outcome, learned: learnedIds };
    });
    for (const [uuid, id] of learned) this.gpuIds.set(uuid, id);
    return outcome;
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
    return historyFromRaw(this.db, sqliteDialect.bucketIndex, gpuId, request);
  }

  schemaVersion(): Promise<string> {
    return lastMigrationName(this.db);
  }

  readSeries(request: SeriesRequest): Promise<SeriesResult> {
    // An in-memory database exists only on the main connection.
    if (this.readers.isInMemory) return readSeries(this.db, sqliteDialect, request);
    return readSeries(this.db, sqliteDialect, request, (query) => this.readWorker.run(query));
  }

  streamSamples(request: ExportRequest): AsyncIterable<GpuSample[]> {
    return streamSampleChunks(this.readers.reader(), request);
  }

  streamRollups(tier: RollupTier, request: ExportRequest): AsyncIterable<RollupExportRow[]> {
    return streamRollupChunks(this.readers.reader(), tier, request);
  }

  async storageStats(): Promise<StorageStats> {
    const rows = await tierRowStats(this.db);
    const sizes = sqliteSizes(this.handle);
    return {
      sizeBytes: sizes.totalBytes,
      tiers: rows.map((row) => ({ ...row, sizeBytes: sizes.tierBytes[row.tier] })),
    };
  }

  async applyRetention(cutoffs: RetentionCutoffs): Promise<RetentionResult> {
    const raw = await deleteRawBefore(this.db, cutoffs.raw);
    const rollups = await deleteAllRollupsBefore(this.db, cutoffs);
    await deleteStreamsBefore(this.db, cutoffs.raw);
    return { deletedRows: { raw, ...rollups }, droppedPartitions: 0 };
  }

  async *dumpTables(): AsyncIterable<TableDump> {
    const snapshot = this.readers.snapshot();
    try {
      yield* dumpTablesFrom(snapshot.db, sqliteTableColumns);
    } finally {
      await snapshot.close();
    }
  }

  async restoreTables(tables: AsyncIterable<TableDump>, options: RestoreOptions): Promise<Record<string, number>> {
    try {
      return await this.db.transaction().execute((trx) => restoreTablesInto(trx, tables, options, sqliteTableColumns));
    } finally {
      // gpu_ids now come from the backup (or stayed as they were after a rollback): relearn them.
      this.gpuIds.clear();
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
    await this.readWorker.close();
    await this.readers.close();
    await this.db.destroy();
  }
}
