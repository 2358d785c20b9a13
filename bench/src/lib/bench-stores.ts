import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore, createSqliteStore, type Store } from '@gpu-sentinel/server';

export type BenchEngine = 'sqlite' | 'postgres';

/** The Postgres the storage benchmarks write to: a throwaway schema per store, dropped after. */
export const BENCH_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** BENCH_ENGINES (default sqlite,postgres): which engines a storage benchmark measures. */
export function benchEngines(): BenchEngine[] {
  const names = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((name) => name.trim());
  for (const name of names) {
    if (name !== 'sqlite' && name !== 'postgres') throw new Error(`BENCH_ENGINES: unknown engine "${name}"`);
  }
  return names as BenchEngine[];
}

export interface BenchStore {
  engine: BenchEngine;
  store: Store;
  /** SQLite: the data dir holding the database file. */
  dataDir: string | null;
  /** Close the store and delete what it wrote (the temp dir, or the Postgres schema). */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated, empty store. SQLite: a file (WAL, the server's pragmas) in a temp data dir,
 * as `serve` opens it. Postgres: the engine's own factory on a schema of its own.
 */
export async function openBenchStore(engine: BenchEngine): Promise<BenchStore> {
  if (engine === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'gpu-sentinel-bench-'));
    const store = createSqliteStore({ dataDir });
    await store.migrate();
    return {
      engine,
      store,
      dataDir,
      dispose: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const store = createPostgresStore({ url: BENCH_POSTGRES_URL, schema });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    dropSchema(schema);
    throw error;
  }
  return {
    engine,
    store,
    dataDir: null,
    dispose: async () => {
      await store.close();
      dropSchema(schema);
    },
  };
}

// psql rather than a driver: only the server's store/ talks to databases from code.
function dropSchema(schema: string): void {
  const result = spawnSync(
    'psql',
    [BENCH_POSTGRES_URL, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `DROP SCHEMA IF EXISTS "${schema}" CASCADE`],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) process.stderr.write(`could not drop schema ${schema}: ${result.stderr}\n`);
}
