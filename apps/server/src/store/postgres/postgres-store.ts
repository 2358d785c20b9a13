import type { Clock } from '@gpu-sentinel/core';
import type { Store } from '../store.js';

export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:port/db` */
  url: string;
  /** Tables live in this schema (created if missing) instead of `public`: tests use one per run. */
  schema?: string;
  clock?: Clock;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/** Placeholder until the Postgres engine lands. */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  throw new Error(`Postgres storage is being built (${options.url.replace(/:[^:@/]*@/, ':***@')})`);
}
