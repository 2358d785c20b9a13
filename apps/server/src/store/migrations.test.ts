import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLLUP_TABLE_NAMES } from './db.js';
import { METRIC_COLUMNS, ROLLUP_COLUMN_PAIRS } from './metric-columns.js';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrate.js';
import { migrationProvider, migrations } from './migrations/index.js';
import { createSqliteStore, SQLITE_FILENAME } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';
import { makeTempDir, type TempDir } from './test-fixtures.js';

let dir: TempDir;
let store: Store;
beforeEach(async () => {
  dir = makeTempDir();
  store = createSqliteStore({ dataDir: path.join(dir.path, 'nested', 'data') });
  await store.migrate();
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

/** A second, read-only connection, as an operator with the sqlite3 shell would look at the file. */
function inspect<T>(query: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(path.join(dir.path, 'nested', 'data', SQLITE_FILENAME), { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

const schemaObjects = (type: 'table' | 'index') =>
  inspect((db) =>
    db
      .prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'")
      .all(type)
      .map((row) => row.name)
      .sort(),
  );

describe('migrations', () => {
  it('create the tables and indexes in the data dir file', () => {
    expect(store.location).toBe(path.join(dir.path, 'nested', 'data', SQLITE_FILENAME));
    expect(schemaObjects('table')).toEqual(
      [
        'alert_rules',
        'alerts',
        'api_keys',
        'audit_log',
        'gpu_metrics',
        'gpu_metrics_10m',
        'gpu_metrics_1h',
        'gpu_metrics_1m',
        'gpus',
        'hosts',
        'ingest_streams',
        'notification_channels',
        'notification_outbox',
        'refresh_tokens',
        'settings',
        'users',
        MIGRATION_TABLE,
        `${MIGRATION_TABLE}_lock`,
      ].sort(),
    );
    expect(schemaObjects('index')).toEqual([
      'alerts_gpu_id_started_at_idx',
      'alerts_host_id_id_idx',
      'alerts_rule_id_id_idx',
      'alerts_state_started_at_idx',
      'alerts_uuid_id_idx',
      'audit_log_ts_idx',
      'gpu_metrics_10m_ts_idx',
      'gpu_metrics_1h_ts_idx',
      'gpu_metrics_1m_ts_idx',
      'gpu_metrics_gpu_id_ts_idx',
      'gpu_metrics_ts_idx',
      'gpus_host_id_idx',
      'ingest_streams_updated_at_idx',
      'notification_outbox_alert_id_idx',
      'notification_outbox_channel_id_idx',
      'notification_outbox_status_next_attempt_at_idx',
      'refresh_tokens_family_id_idx',
      'refresh_tokens_revoked_at_idx',
      'refresh_tokens_user_id_idx',
    ]);
  });

  it('give gpu_metrics a nullable REAL column for every metric in the column map', () => {
    const columns = inspect((db) =>
      db
        .prepare<[], { name: string; type: string; notnull: number }>("SELECT * FROM pragma_table_info('gpu_metrics')")
        .all(),
    );
    for (const column of Object.values(METRIC_COLUMNS)) {
      expect(columns).toContainEqual(expect.objectContaining({ name: column, type: 'REAL', notnull: 0 }));
    }
    expect(columns.map((column) => column.name)).toEqual(
      expect.arrayContaining(['id', 'gpu_id', 'ts', 'pstate', 'throttle_reasons']),
    );
  });

  it('give each rollup table min/max (nullable) and sum/count (0 by default) for every metric in the column map', () => {
    for (const table of ROLLUP_TABLE_NAMES) {
      const columns = inspect((db) =>
        db
          .prepare<[string], { name: string; notnull: number; dflt_value: string | null; pk: number }>(
            'SELECT * FROM pragma_table_info(?)',
          )
          .all(table),
      );
      expect(columns.filter((column) => column.pk > 0).map((column) => column.name)).toEqual(['gpu_id', 'ts']);
      for (const [, rollup] of ROLLUP_COLUMN_PAIRS) {
        expect(columns).toContainEqual(expect.objectContaining({ name: rollup.min, notnull: 0 }));
        expect(columns).toContainEqual(expect.objectContaining({ name: rollup.max, notnull: 0 }));
        expect(columns).toContainEqual(expect.objectContaining({ name: rollup.sum, notnull: 1, dflt_value: '0' }));
        expect(columns).toContainEqual(expect.objectContaining({ name: rollup.n, notnull: 1, dflt_value: '0' }));
      }
    }
  });

  it('store the rollup tables WITHOUT ROWID, clustered by (gpu_id, ts), and the raw table with row ids', () => {
    const withoutRowid = inspect((db) =>
      db
        .prepare<[], { name: string; wr: number }>(
          "SELECT name, wr FROM pragma_table_list WHERE name LIKE 'gpu_metrics%'",
        )
        .all(),
    );
    expect(withoutRowid.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'gpu_metrics', wr: 0 },
      { name: 'gpu_metrics_10m', wr: 1 },
      { name: 'gpu_metrics_1h', wr: 1 },
      { name: 'gpu_metrics_1m', wr: 1 },
    ]);
  });

  it('index gpu_metrics by (gpu_id, ts) and alerts by (state, started_at)', () => {
    const indexColumns = (index: string) =>
      inspect((db) =>
        db
          .prepare<[string], { name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno')
          .all(index)
          .map((row) => row.name),
      );
    expect(indexColumns('gpu_metrics_gpu_id_ts_idx')).toEqual(['gpu_id', 'ts']);
    expect(indexColumns('gpu_metrics_ts_idx')).toEqual(['ts']);
    expect(indexColumns('alerts_state_started_at_idx')).toEqual(['state', 'started_at']);
    expect(indexColumns('alerts_gpu_id_started_at_idx')).toEqual(['gpu_id', 'started_at']);
  });

  it('record each migration once, and a second run changes nothing', async () => {
    const applied = () =>
      inspect((db) => db.prepare<[], { name: string }>(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).all());
    const before = { applied: applied(), tables: schemaObjects('table'), indexes: schemaObjects('index') };
    expect(before.applied.map((row) => row.name)).toEqual(Object.keys(migrations));

    await store.migrate();
    await store.close();
    store = createSqliteStore({ dataDir: path.join(dir.path, 'nested', 'data') });
    await store.migrate();

    expect({ applied: applied(), tables: schemaObjects('table'), indexes: schemaObjects('index') }).toEqual(before);
  });

  it('open the file in WAL mode', () => {
    expect(inspect((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('declare foreign keys and reject alerts in an unknown state', async () => {
    await store.close();
    const db = new BetterSqlite3(path.join(dir.path, 'nested', 'data', SQLITE_FILENAME));
    try {
      db.pragma('foreign_keys = ON');
      expect(() => db.prepare('INSERT INTO gpu_metrics (gpu_id, ts) VALUES (999, 1)').run()).toThrow(/FOREIGN KEY/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO alerts (state, severity, metric, message, started_at) VALUES ('open', 'info', 'x', 'm', 1)",
          )
          .run(),
      ).toThrow(/CHECK/);
    } finally {
      db.close();
    }
    store = createSqliteStore({ dataDir: path.join(dir.path, 'nested', 'data') });
  });

  it('bring a database made before fleet hosts up to date, its hosts and rules kept', async () => {
    const filename = path.join(dir.path, 'before-fleet.db');
    const old = new Kysely<Record<string, Record<string, unknown>>>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(filename) }),
    });
    const migrator = new Migrator({
      db: old,
      provider: migrationProvider,
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    });
    expect((await migrator.migrateTo('0006-alerting')).error).toBeUndefined();
    await old
      .insertInto('hosts')
      .values({ host_id: 'host-a', hostname: 'workstation', first_seen_at: 1, last_seen_at: 2 })
      .execute();
    // A rule of the user's own already holds the shipped rule's name: it stays theirs.
    await old
      .updateTable('alert_rules')
      .set({ name: 'Host offline', is_default: 0 })
      .where('name', '=', 'GPU stale')
      .execute();
    await old.destroy();

    const upgraded = createSqliteStore({ filename });
    try {
      await upgraded.migrate();
      expect(await upgraded.schemaVersion()).toBe('0007-fleet');
      expect(await upgraded.listHosts()).toEqual([
        expect.objectContaining({ hostId: 'host-a', labels: {}, agentVersion: null, firstSeenAt: 1, lastSeenAt: 2 }),
      ]);
      const offline = (await upgraded.alerts.listRules()).filter((rule) => rule.name === 'Host offline');
      expect(offline).toEqual([expect.objectContaining({ metric: 'gpuStaleSeconds', isDefault: false })]);
      expect(await upgraded.streamMark('7f1c3a52-0000-4000-8000-000000000001')).toBe(0);
    } finally {
      await upgraded.close();
    }
  });
});
