import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../src/backup/write-backup.js';
import { runCli } from '../src/cli/run-cli.js';
import { createSqliteStore, type Store } from '../src/store/index.js';
import { gpuInfo } from '../src/store/test-fixtures.js';
import { capturedIo } from './support/captured-io.js';
import { scratchDatabase } from './support/scratch-database.js';
import { tempDir } from './support/test-server.js';
import { GPU_A, GPU_B, materialise, sampleRun, type MaterialisedDump } from './store-contract/contract-fixtures.js';
import { POSTGRES_URL_ENV } from './store-contract/engines.js';

async function sqliteAt(dataDir: string): Promise<Store> {
  const store = createSqliteStore({ dataDir });
  await store.migrate();
  return store;
}

/** Everything a backup holds, read straight from the store. */
async function contentsOf(dataDir: string): Promise<MaterialisedDump[]> {
  const store = await sqliteAt(dataDir);
  try {
    return await materialise(store.dumpTables());
  } finally {
    await store.close();
  }
}

function totalRows(tables: readonly MaterialisedDump[]): number {
  return tables.reduce((sum, table) => sum + table.rows.length, 0);
}

/** Rows beyond what a freshly migrated database holds (the shipped alert rules). */
function rowsBeyondDefaults(tables: readonly MaterialisedDump[]): number {
  return totalRows(tables.filter((table) => table.table !== 'alert_rules'));
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capturedIo();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('gpu-sentinel backup and restore', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let source: string;
  let backupFile: string;
  let original: MaterialisedDump[];
  let backupRun: Awaited<ReturnType<typeof cli>>;
  const dirs: string[] = [];
  let next = 0;
  const freshDir = () => {
    const dir = join(work.dir, `target-${String((next += 1))}`);
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    work = await tempDir('backup');
    source = join(work.dir, 'source');
    backupFile = join(work.dir, 'source.gsb');
    const store = await sqliteAt(source);
    await store.upsertInventory([gpuInfo({ uuid: GPU_A }), gpuInfo({ uuid: GPU_B, index: 1 })]);
    await store.insertSamples(sampleRun(150));
    await store.identity.insertUser({ username: 'ada', passwordHash: 'scrypt$not-a-real-hash', role: 'admin' }, 1);
    await store.identity.insertAudit({
      ts: 2,
      type: 'settings.changed',
      actor: 'ada',
      target: 'retention',
      ip: null,
      details: { note: 'quotes " and, commas\nand lines' },
    });
    await store.identity.setSetting('storage.retention', '{"rawHours":12,"minuteDays":30,"hourDays":400}');
    await store.close();
    original = await contentsOf(source);
    backupRun = await cli('backup', backupFile, '--data-dir', source);
  });
  afterAll(async () => {
    await work.remove();
  });
  afterEach(() => {
    expect(dirs.filter((dir) => existsSync(`${dir}.partial`))).toEqual([]);
  });

  it('backs up every table into one file and restores it into an empty SQLite store, unchanged', async () => {
    const backup = backupRun;
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/^gpu_metrics\s+1200$/m);
    expect(backup.out).toMatch(/^gpu_metrics_1m\s+300$/m);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
    const header = JSON.parse(
      gunzipSync(await readFile(backupFile))
        .toString('utf8')
        .split('\n')[0] ?? '',
    ) as unknown;
    expect(header).toMatchObject({ format: 'gpu-sentinel-backup', version: 1, engine: 'sqlite' });

    const target = freshDir();
    const restore = await cli('restore', backupFile, '--data-dir', target);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(/^users\s+1$/m);
    expect(await contentsOf(target)).toEqual(original);
  });

  it('refuses a non-empty target without --replace, and replaces it with --replace', async () => {
    const target = freshDir();
    expect((await cli('restore', backupFile, '--data-dir', target)).code).toBe(0);
    const again = await cli('restore', backupFile, '--data-dir', target);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/not empty/);
    expect(again.err).toContain('--replace');
    const replaced = await cli('restore', backupFile, '--data-dir', target, '--replace');
    expect(replaced.code).toBe(0);
    expect(await contentsOf(target)).toEqual(original);
  });

  it('refuses a truncated or damaged file before committing anything, leaving the target as it was', async () => {
    const bytes = await readFile(backupFile);
    const text = gunzipSync(bytes).toString('utf8');
    const lines = text.trimEnd().split('\n');
    const aSampleRow = lines.findIndex((line) => line.startsWith('{"table":"gpu_metrics"')) + 10;
    const cases: [string, Buffer, RegExp][] = [
      ['cut.gsb', bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated/],
      ['no-trailer.gsb', gzipSync(`${lines.slice(0, -1).join('\n')}\n`), /truncated/],
      [
        'cut-row.gsb',
        gzipSync(`${lines.slice(0, -3).join('\n')}\n${(lines.at(-3) ?? '').slice(0, 5)}`),
        /not JSON|truncated/,
      ],
      ['miscount.gsb', gzipSync(`${lines.filter((_, i) => i !== aSampleRow).join('\n')}\n`), /end marker counts/],
    ];
    const empty = freshDir();
    const full = freshDir();
    expect((await cli('restore', backupFile, '--data-dir', full)).code).toBe(0);
    for (const [name, content, message] of cases) {
      const file = join(work.dir, name);
      await writeFile(file, content);
      const intoEmpty = await cli('restore', file, '--data-dir', empty);
      expect(intoEmpty.code, name).toBe(1);
      expect(intoEmpty.err, name).toMatch(message);
      const intoFull = await cli('restore', file, '--data-dir', full, '--replace');
      expect(intoFull.code, name).toBe(1);
    }
    expect(rowsBeyondDefaults(await contentsOf(empty))).toBe(0);
    expect(await contentsOf(full)).toEqual(original);
  });

  it('refuses what is not a backup, and a backup of a newer schema', async () => {
    const target = freshDir();
    const notGzip = join(work.dir, 'garbage.gsb');
    await writeFile(notGzip, 'this is not a backup at all\n');
    const notBackup = join(work.dir, 'other.gsb');
    await writeFile(notBackup, gzipSync('{"hello":"world"}\n'));
    const newer = join(work.dir, 'newer.gsb');
    const lines = gunzipSync(await readFile(backupFile))
      .toString('utf8')
      .split('\n');
    const header = { ...(JSON.parse(lines[0] ?? '{}') as object), schemaVersion: '9999-from-the-future' };
    await writeFile(newer, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));

    const cases: [string, RegExp][] = [
      [notGzip, /is not a GPU Sentinel backup/],
      [notBackup, /is not a GPU Sentinel backup/],
      [newer, /newer database .*9999-from-the-future.*upgrade/],
      [join(work.dir, 'missing.gsb'), /cannot read/],
    ];
    for (const [file, message] of cases) {
      const result = await cli('restore', file, '--data-dir', target);
      expect(result.code, file).toBe(1);
      expect(result.err, file).toMatch(message);
    }
    expect(rowsBeyondDefaults(await contentsOf(target))).toBe(0);
  });

  it('leaves no file when a backup fails, and keeps the earlier one', async () => {
    const file = join(work.dir, 'kept.gsb');
    await writeFile(file, 'the earlier backup');
    const failing: Pick<Store, 'engine' | 'schemaVersion' | 'dumpTables'> = {
      engine: 'sqlite',
      schemaVersion: () => Promise.resolve('0005-rollups'),
      dumpTables: async function* () {
        await Promise.resolve();
        yield {
          table: 'hosts',
          columns: ['host_id'],
          rows: (async function* () {
            await Promise.resolve();
            yield [['h1']];
            throw new Error('disk read failed');
          })(),
        };
      },
    };
    await expect(writeBackup(failing, file, { serverVersion: 'test', now: 0 })).rejects.toThrow('disk read failed');
    expect(await readFile(file, 'utf8')).toBe('the earlier backup');
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  const postgresUrl = process.env[POSTGRES_URL_ENV];
  // Runs whenever GPU_SENTINEL_TEST_POSTGRES_URL is set (CI sets it); an unreachable server then fails it.
  it.runIf(postgresUrl !== undefined && postgresUrl !== '')(
    `moves SQLite → Postgres → SQLite unchanged through the CLI and DATABASE_URL (${POSTGRES_URL_ENV})`,
    async () => {
      const database = await scratchDatabase(postgresUrl ?? '');
      const fromPostgres = join(work.dir, 'from-postgres.gsb');
      try {
        const env = { DATABASE_URL: database.url };
        const into = capturedIo(env);
        expect(await runCli(['restore', backupFile], into), into.err()).toBe(0);
        expect(into.out()).toMatch(/^gpu_metrics\s+1200$/m);
        expect(into.out()).toMatch(/into postgres at /);
        const out = capturedIo(env);
        expect(await runCli(['backup', fromPostgres], out), out.err()).toBe(0);
        const header = JSON.parse(
          gunzipSync(await readFile(fromPostgres))
            .toString('utf8')
            .split('\n')[0] ?? '',
        ) as unknown;
        expect(header).toMatchObject({ engine: 'postgres' });
      } finally {
        await database.drop();
      }
      const target = freshDir();
      const back = await cli('restore', fromPostgres, '--data-dir', target);
      expect(back.err).toBe('');
      expect(await contentsOf(target)).toEqual(original);
    },
  );
});
