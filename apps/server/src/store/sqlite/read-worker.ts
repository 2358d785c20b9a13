import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';

const requireHere = createRequire(import.meta.url);

/**
 * The worker's code, evaluated as CommonJS so it runs the same from the TypeScript sources (tests)
 * and from the build: it opens its own read-only connection and answers one query at a time.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    parentPort.postMessage({ id, rows: db.prepare(sql).all(...parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Reply = { id: number; rows: unknown[] } | { id: number; error: string };

interface Pending {
  resolve: (rows: readonly unknown[]) => void;
  reject: (error: Error) => void;
}

/**
 * Wide history reads (48 hours of raw rows, weeks of rollups: tens to hundreds of thousands of
 * rows aggregated, 50-500 ms here) run on a worker thread with a read-only connection of its
 * own, so they never stall the event loop that carries the live stream. better-sqlite3 is
 * synchronous: on the main thread such a query would freeze every socket for its duration.
 * Started on first use; a crashed worker fails its pending reads and the next read starts another.
 *
 * 30 days of 8 GPUs, 4 metrics, 1,000 points (rollups written time-major, as the writer does;
 * 2-core machine at load ~2.3): from the 10-minute tier, which the planner now picks, 34,560
 * rows, p50 ~80 ms, p95 ~105-120 ms through readSeries; forced onto the 1-minute tier, 345,600
 * rows, p50 ~475 ms (WITHOUT ROWID) and ~705 ms (rowid tables). Of the 10-minute query's ~60 ms
 * in SQLite, the scan and aggregates take ~17 ms and the GROUP BY's temp b-tree sort the rest:
 * the next gain is a query shape that avoids that sort.
 */
export class SqliteReadWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private isClosed = false;

  constructor(private readonly filename: string) {}

  run(query: CompiledQuery): Promise<readonly unknown[]> {
    if (this.isClosed) return Promise.reject(new Error('the store was closed during a history read'));
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Held only while a read is in flight, so an idle worker never keeps the process alive.
      worker.ref();
      worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
  }

  async close(): Promise<void> {
    this.isClosed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the store was closed during a history read'));
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { filename: this.filename, driver: requireHere.resolve('better-sqlite3') },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      this.settle(reply);
    });
    worker.on('error', (error) => {
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('the history read worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve(reply.rows);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
