import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../store.js';
import { createPostgresStore, type PostgresStoreOptions } from './postgres-store.js';

/**
 * The Postgres-only tests run when GPU_SENTINEL_TEST_POSTGRES_URL is set (`.ci/run` sets it), the
 * same switch as the storage contract suite; then an unreachable server fails them, never skips.
 */
// eslint-disable-next-line no-restricted-syntax -- the test run's choice of engines, not server configuration
const postgresUrl = process.env.GPU_SENTINEL_TEST_POSTGRES_URL ?? '';

/** False when the run did not ask for Postgres (the env var unset): the Postgres-only tests then skip. */
export const isPostgresTestRun = postgresUrl !== '';

export function testPostgresUrl(): string {
  return postgresUrl;
}

export function testSchemaName(): string {
  return `pgtest_${randomBytes(6).toString('hex')}`;
}

/** A migrated store in a schema of its own, dropped on close unless told otherwise. */
export async function openTestStore(options: Partial<PostgresStoreOptions> = {}): Promise<Store> {
  const store = createPostgresStore({
    url: postgresUrl,
    schema: testSchemaName(),
    dropSchemaOnClose: true,
    poolSize: 4,
    ...options,
  });
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

/** A plain connection into `schema`, to look at what the store left there as an operator with psql would. */
export async function inspectSchema<T>(schema: string, query: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    return await query(client);
  } finally {
    await client.end();
  }
}
