import { ROLLUP_TIERS } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import {
  allRollups,
  allSamples,
  GPU_A,
  materialise,
  replay,
  sampleRun,
  storeOpener,
  T0,
  withTwoGpus,
  type MaterialisedDump,
} from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const STREAM = '7f1c3a52-0000-4000-8000-000000000001';

const TABLE_ORDER = [
  'hosts',
  'ingest_streams',
  'gpus',
  'gpu_metrics',
  'gpu_metrics_1m',
  'gpu_metrics_10m',
  'gpu_metrics_1h',
  'alert_rules',
  'notification_channels',
  'alerts',
  'notification_outbox',
  'users',
  'refresh_tokens',
  'api_keys',
  'audit_log',
  'settings',
];

/** A store holding something in every kind of table a user would miss after a restore. */
async function populate(store: Store): Promise<void> {
  await store.upsertHost({
    hostId: 'host-a',
    hostname: 'workstation',
    labels: { rack: 'r1' },
    agentVersion: '1.4.0',
    seenAt: T0,
  });
  await withTwoGpus(store);
  await store.insertSamples(sampleRun(3));
  await store.writeSegments([
    { samples: sampleRun(1, T0 + 5 * 60_000), mark: { streamId: STREAM, hostId: 'host-a', seq: 3 } },
  ]);
  const user = await store.identity.insertUser({ username: 'Ada', passwordHash: 'scrypt$x', role: 'admin' }, T0);
  await store.identity.insertRefreshToken(
    { tokenHash: 'h1', familyId: 'f1', userId: user.id, sessionId: 's1', expiresAt: T0 + 1_000 },
    T0,
  );
  await store.identity.insertApiKey(
    { name: 'agent', prefix: 'gs_ab', keyHash: 'k1', scope: 'ingest', createdBy: 'Ada', expiresAt: null },
    T0,
  );
  await store.identity.insertAudit({
    ts: T0,
    type: 'user.created',
    actor: 'Ada',
    target: 'Ada',
    ip: '127.0.0.1',
    details: { role: 'admin' },
  });
  await store.identity.setSetting('retention', '{"rawHours":24}');
}

/** Dumps compared by what they hold: columns by name (engines may order them apart), rows in key order. */
function byColumnName(tables: readonly MaterialisedDump[]) {
  return tables.map((table) => ({
    table: table.table,
    rows: table.rows.map((row) =>
      Object.fromEntries(
        table.columns.map((column, i) => [column, row[i]] as const).sort(([a], [b]) => a.localeCompare(b)),
      ),
    ),
  }));
}

const pairs = ENGINES.flatMap((from) => ENGINES.map((to) => ({ label: `${from.name} → ${to.name}`, from, to })));

describe.each(pairs)('backup $label', ({ from: fromEngine, to: toEngine }) => {
  const openSource = storeOpener(fromEngine);
  const openTarget = storeOpener(toEngine);

  it('restored into a fresh store gives identical tables', async () => {
    const source = await openSource();
    await populate(source);
    const dump = await materialise(source.dumpTables());
    expect(dump.map((table) => table.table)).toEqual(TABLE_ORDER);
    expect(dump.find((table) => table.table === 'gpu_metrics')?.columns).not.toContain('id');

    const target = await openTarget();
    const restored = await target.restoreTables(replay(dump), { replace: false });
    expect(restored).toEqual(Object.fromEntries(dump.map((table) => [table.table, table.rows.length])));
    expect(byColumnName(await materialise(target.dumpTables()))).toEqual(byColumnName(dump));

    // What a user sees after moving: the same samples, rollups, accounts and settings, and a store that keeps working.
    expect(await allSamples(target)).toEqual(await allSamples(source));
    for (const tier of ROLLUP_TIERS) expect(await allRollups(target, tier)).toEqual(await allRollups(source, tier));
    expect((await target.identity.findUserByUsername('ada'))?.role).toBe('admin');
    expect(await target.identity.getSetting('retention')).toBe('{"rawHours":24}');
    expect(await target.listHosts()).toEqual(await source.listHosts());
    expect(await target.streamMark(STREAM)).toBe(3);
    await target.insertSamples(sampleRun(1, T0 + 10 * 60_000));
    const second = await target.identity.insertUser({ username: 'grace', passwordHash: 'x', role: 'reader' }, T0);
    expect(second.id).toBeGreaterThan(1);
  });
});

describe.each(ENGINES)('$name store: restore is all or nothing', (engine) => {
  const open = storeOpener(engine);

  async function sourceDump(): Promise<MaterialisedDump[]> {
    const source = await open();
    await populate(source);
    return materialise(source.dumpTables());
  }

  it('refuses a target that holds data unless told to replace it, and then replaces it', async () => {
    const dump = await sourceDump();
    const target = await open();
    await target.identity.insertUser({ username: 'someone', passwordHash: 'x', role: 'user' }, T0);

    await expect(target.restoreTables(replay(dump), { replace: false })).rejects.toThrow(/not empty|already holds/);
    expect((await target.identity.listUsers()).map((user) => user.username)).toEqual(['someone']);

    await target.restoreTables(replay(dump), { replace: true });
    expect((await target.identity.listUsers()).map((user) => user.username)).toEqual(['Ada']);
    expect((await allSamples(target)).length).toBeGreaterThan(0);
  });

  it('rolls back when a row is bad, leaving the target as it was', async () => {
    const dump = await sourceDump();
    const target = await open();
    await withTwoGpus(target);
    await target.insertSamples(sampleRun(1));
    const before = byColumnName(await materialise(target.dumpTables()));

    const badRow = dump.map((table) =>
      table.table === 'audit_log' ? { ...table, rows: [...table.rows, [1, 2]] } : table,
    );
    await expect(target.restoreTables(replay(badRow), { replace: true })).rejects.toThrow(/audit_log/);
    expect(byColumnName(await materialise(target.dumpTables()))).toEqual(before);
    // The store still writes after the failed restore (its GPU ids are the ones it had).
    await target.insertSamples(sampleRun(1, T0 + 60_000));
    expect((await allSamples(target)).filter((sample) => sample.uuid === GPU_A)).toHaveLength(8);
  });

  it('names a column the target lacks', async () => {
    const dump = await sourceDump();
    const target = await open();
    const withExtra = dump.map((table) =>
      table.table === 'settings'
        ? { ...table, columns: [...table.columns, 'colour'], rows: table.rows.map((row) => [...row, 'blue']) }
        : table,
    );
    await expect(target.restoreTables(replay(withExtra), { replace: false })).rejects.toThrow(/settings.*colour/);
    expect(await target.identity.countUsers()).toBe(0);
  });

  it('fills a column the backup lacks with its default', async () => {
    const dump = await sourceDump();
    const target = await open();
    const withoutDetails = dump.map((table) => {
      if (table.table !== 'audit_log') return table;
      const at = table.columns.indexOf('details');
      return {
        ...table,
        columns: table.columns.filter((_, i) => i !== at),
        rows: table.rows.map((row) => row.filter((_, i) => i !== at)),
      };
    });
    await target.restoreTables(replay(withoutDetails), { replace: false });
    const page = await target.identity.listAudit({ limit: 10 });
    expect(page.items.map((event) => event.details)).toEqual([{}]);
  });

  it('restores a backup made before 10-minute rollups existed, and keeps them from then on', async () => {
    const source = await open();
    await populate(source);
    const dump = (await materialise(source.dumpTables())).filter((table) => table.table !== 'gpu_metrics_10m');
    const target = await open();

    const restored = await target.restoreTables(replay(dump), { replace: false });
    expect(restored).not.toHaveProperty('gpu_metrics_10m');
    expect(restored.gpu_metrics_1m).toBeGreaterThan(0);
    expect(await allSamples(target)).toEqual(await allSamples(source));
    expect(await allRollups(target, '1m')).toEqual(await allRollups(source, '1m'));
    expect(await allRollups(target, '1h')).toEqual(await allRollups(source, '1h'));
    expect(await allRollups(target, '10m')).toEqual([]);

    await target.insertSamples(sampleRun(1, T0 + 10 * 60_000));
    expect((await allRollups(target, '10m')).map((row) => [row.ts, row.samples])).toEqual([
      [T0 + 10 * 60_000, 4],
      [T0 + 10 * 60_000, 4],
    ]);
  });
});
