import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Long reads (exports, backups) run on read-only connections of their own: with WAL they read
 * a consistent snapshot while the writer keeps committing, and never queue behind its batches
 * on the main connection. An in-memory database exists only on its one connection, so there
 * the main connection serves.
 */
export class SqliteReaders {
  private shared: Kysely<Database> | undefined;

  constructor(
    private readonly filename: string,
    private readonly main: Kysely<Database>,
  ) {}

  get isInMemory(): boolean {
    return this.filename === ':memory:' || this.filename === '';
  }

  /** The read connection exports share, opened on first use. */
  reader(): Kysely<Database> {
    if (this.isInMemory) return this.main;
    this.shared ??= openReader(this.filename).db;
    return this.shared;
  }

  /** A connection of its own with a read transaction open (one snapshot for a whole backup); close it after. */
  snapshot(): { db: Kysely<Database>; close: () => Promise<void> } {
    if (this.isInMemory) return { db: this.main, close: () => Promise.resolve() };
    const { db, handle } = openReader(this.filename);
    handle.exec('BEGIN');
    // A read transaction only takes its snapshot at the first read.
    handle.prepare('select count(*) from sqlite_master').get();
    return {
      db,
      close: async () => {
        handle.exec('COMMIT');
        await db.destroy();
      },
    };
  }

  async close(): Promise<void> {
    const shared = this.shared;
    this.shared = undefined;
    await shared?.destroy();
  }
}

function openReader(filename: string): { db: Kysely<Database>; handle: BetterSqlite3.Database } {
  const handle = new BetterSqlite3(filename, { readonly: true, fileMustExist: true });
  handle.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) }), handle };
}
