import { randomBytes } from 'node:crypto';
import { createPostgresStore, createSqliteStore, type Store } from '../../src/store/index.js';
import type { Clock } from '@gpu-sentinel/core';

/**
 * The engines the storage contract suite runs against. SQLite always; Postgres when
 * GPU_SENTINEL_TEST_POSTGRES_URL is set (`.ci/run` sets it), and then an unreachable server fails
 * the suite rather than skipping it. Each Postgres store gets a schema of its own, dropped after.
 */
export const POSTGRES_URL_ENV = 'GPU_SENTINEL_TEST_POSTGRES_URL';
// eslint-disable-next-line no-restricted-syntax -- the test run's choice of engines, not server configuration
const postgresUrl = process.env[POSTGRES_URL_ENV];

export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store. */
  open(options?: { clock?: Clock }): Promise<Store>;
}

export const ENGINES: EngineUnderTest[] = [
  {
    name: 'sqlite',
    open: async (options = {}) => {
      const store = createSqliteStore({ filename: ':memory:', ...options });
      await store.migrate();
      return store;
    },
  },
  ...(postgresUrl === undefined || postgresUrl === ''
    ? []
    : [
        {
          name: 'postgres' as const,
          open: async (options: { clock?: Clock } = {}) => {
            const schema = `contract_${randomBytes(6).toString('hex')}`;
            const store = createPostgresStore({ url: postgresUrl, schema, dropSchemaOnClose: true, ...options });
            try {
              await store.migrate();
            } catch (error) {
              // Closing drops whatever the failed migration left in the schema.
              await store.close().catch(() => undefined);
              throw error;
            }
            return store;
          },
        },
      ]),
];
