import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '@gpu-sentinel/core';
import type { GpuInfo, GpuSample, Host, RollupExportRow } from '@gpu-sentinel/protocol';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { StoreNotFoundError } from '../errors.js';
import { historyFromRaw } from '../history.js';
import { createKyselyIdentityStore } from '../identity/kysely-identity-store.js';
import type { IdentityStore } from '../identity-store.js';
import { findGpuIds, registerGpuFromSample, upsertInventoryRows } from '../inventory.js';
import { listHostRows } from '../list-hosts.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import type {
  HistoryRequest,
  HistoryResult,
  RetentionResult,
  SeriesResult,
  StorageStats,
  Store,
  TableDump,
} from '../store.js';
import { prepareSampleWrite, type SampleWriteFn } from './sample-insert.js';
import { SQLITE_PRAGMAS, sqliteDialect } from './sqlite-sql.js';

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
  /** uuid → gpu_id; only ids of committed rows go in, so a rolled-back registration is never cached. */
  private readonly gpuIds = new Map<string, number>();
  private writeRows: SampleWriteFn | undefined;
  private isClosed = false;

  constructor(
    private readonly handle: BetterSqlite3.Database,
    readonly location: string,
    private readonly clock: Clock,
  ) {
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
    this.identity = createKyselyIdentityStore(this.db);
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
    const learned = await this.db.transaction().execute(async (trx) => {
      const learnedIds = await this.resolveGpuIds(trx, samples);
      const gpuIdOf = (uuid: string): number => {
        const id = this.gpuIds.get(uuid) ?? learnedIds.get(uuid);
        if (id === undefined) throw new Error(`no gpu_id resolved for ${uuid}`);
        return id;
      };
      // Kysely holds the one connection for this transaction, so these synchronous statements on
      // the same handle run inside it: a throw anywhere rolls the whole batch back.
      this.writeRows ??= prepareSampleWrite(this.handle);
      this.writeRows(samples, gpuIdOf);
      return learnedIds;
    });
    for (const [uuid, id] of learned) this.gpuIds.set(uuid, id);
  }

  async history(request: HistoryRequest): Promise<HistoryResult> {
    const gpuId = this.gpuIds.get(request.uuid) ?? (await findGpuIds(this.db, [request.uuid])).get(request.uuid);
    if (gpuId === undefined) throw new StoreNotFoundError('gpu', request.uuid, 'uuid');
    return historyFromRaw(this.db, sqliteDialect.bucketIndex, gpuId, request);
  }

  // Placeholders while the tiered store is built (this commit only fixes the port's shape).
  schemaVersion(): Promise<string> {
    throw new Error('not implemented');
  }
  readSeries(): Promise<SeriesResult> {
    throw new Error('not implemented');
  }
  streamSamples(): AsyncIterable<GpuSample[]> {
    throw new Error('not implemented');
  }
  streamRollups(): AsyncIterable<RollupExportRow[]> {
    throw new Error('not implemented');
  }
  storageStats(): Promise<StorageStats> {
    throw new Error('not implemented');
  }
  applyRetention(): Promise<RetentionResult> {
    throw new Error('not implemented');
  }
  dumpTables(): AsyncIterable<TableDump> {
    throw new Error('not implemented');
  }
  restoreTables(): Promise<Record<string, number>> {
    throw new Error('not implemented');
  }

  listHosts(): Promise<Host[]> {
    return listHostRows(this.db);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.db.destroy();
  }

  /** gpu_ids for the batch's uuids that the cache lacks: one query, then registration of the truly new. */
  private async resolveGpuIds(trx: Transaction<Database>, samples: readonly GpuSample[]) {
    const firstSampleOf = new Map<string, GpuSample>();
    for (const sample of samples) {
      if (!this.gpuIds.has(sample.uuid) && !firstSampleOf.has(sample.uuid)) firstSampleOf.set(sample.uuid, sample);
    }
    const learned = await findGpuIds(trx, [...firstSampleOf.keys()]);
    for (const [uuid, sample] of firstSampleOf) {
      if (!learned.has(uuid)) learned.set(uuid, await registerGpuFromSample(trx, sample));
    }
    return learned;
  }
}
