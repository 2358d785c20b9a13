import pg from 'pg';
import Cursor from 'pg-cursor';
import { Kysely, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Database } from '../schema.js';
import { ScopedPostgresDialect } from './scoped-dialect.js';

/**
 * bigint (epoch ms, counts) and numeric (sums, averages) come back as JS numbers instead of
 * strings: epoch ms and row counts stay far below 2^53, and metric sums are doubles anyway.
 * Set on this pool only, not globally on `pg.types`.
 */
function numberTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, Number);
  types.setTypeParser(pg.types.builtins.NUMERIC, Number);
  return types;
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db` (also `?password=`), for logs, `/system` and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export interface ConnectionOptions {
  url: string;
  schema: string | undefined;
  poolSize: number;
}

/**
 * A pg pool whose every connection works in the store's schema: the schema is created once,
 * and each new physical connection gets its search_path before anyone uses it. Both Kysely and
 * the raw COPY path take connections through `acquire`, so neither can miss it.
 */
export class PostgresConnection {
  readonly pool: pg.Pool;
  readonly location: string;
  private readonly prepared = new WeakSet<pg.PoolClient>();
  private schemaReady: Promise<void> | undefined;

  constructor(private readonly options: ConnectionOptions) {
    this.location = redactUrl(options.url);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      types: numberTypes(),
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection dropped by the server (restart, failover) is discarded by the pool and
    // the next query opens a new one; without a listener the event would crash the process.
    this.pool.on('error', () => undefined);
  }

  /** A connection ready for the store's schema; the caller must `release()` it. */
  async acquire(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new Error(`cannot connect to Postgres at ${this.location}: ${messageOf(error)}`, { cause: error });
    }
    if (this.options.schema === undefined || this.prepared.has(client)) return client;
    try {
      this.schemaReady ??= this.createSchema(client);
      await this.schemaReady;
      await client.query(`SET search_path TO ${quoteIdent(this.options.schema)}`);
      this.prepared.add(client);
      return client;
    } catch (error) {
      this.schemaReady = undefined;
      client.release(true);
      throw error;
    }
  }

  /** A Kysely over the pool, streaming through pg-cursor (each stream on a connection of its own). */
  kysely(): Kysely<Database> {
    const pool: PostgresPool = {
      connect: () => this.acquire(),
      end: () => this.pool.end(),
    };
    return new Kysely<Database>({ dialect: new ScopedPostgresDialect({ pool, cursor: Cursor }) });
  }

  async dropSchema(): Promise<void> {
    if (this.options.schema === undefined) return;
    const client = await this.acquire();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(this.options.schema)} CASCADE`);
    } finally {
      client.release();
    }
  }

  private async createSchema(client: pg.PoolClient): Promise<void> {
    if (this.options.schema === undefined) return;
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.options.schema)}`);
    } catch (error) {
      // Two processes creating it at once: the loser sees a unique violation; the schema exists.
      if (pgErrorCode(error) !== '23505') throw error;
    }
  }
}

/**
 * A Kysely bound to one connection that already holds an open transaction (the COPY path's), so
 * the shared Kysely queries run inside it. Releasing stays with the caller; once `isOpen` says
 * false (the caller is done with the connection), a late query fails instead of running on a
 * connection someone else may hold by then.
 */
export function kyselyOnClient(client: pg.PoolClient, isOpen: () => boolean = () => true): Kysely<Database> {
  const query = client.query.bind(client) as unknown as (text: unknown, values?: unknown) => unknown;
  const borrowed: PostgresPoolClient = {
    query: ((text: unknown, values?: unknown) => {
      if (!isOpen()) throw new Error('this connection was handed back: its transaction is over');
      return query(text, values);
    }) as PostgresPoolClient['query'],
    release: () => undefined,
  };
  const pool: PostgresPool = { connect: () => Promise.resolve(borrowed), end: () => Promise.resolve() };
  return new Kysely<Database>({ dialect: new ScopedPostgresDialect({ pool, cursor: Cursor }) });
}

export function pgErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}
