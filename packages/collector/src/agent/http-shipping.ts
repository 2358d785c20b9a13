import type { AgentBatch, AgentIdentity, IngestRequest } from '@gpu-sentinel/protocol';
import type { DiskSpool } from './disk-spool.js';
import { postIngest } from './http-ingest.js';

export type LatestFacts = Pick<IngestRequest, 'inventory' | 'processes' | 'source'>;

/** What the HTTP fallback needs from the shipper. */
export interface HttpShippingContext {
  baseUrl: string;
  key: string;
  identity: AgentIdentity;
  spool: DiskSpool;
  batchesPerRequest: number;
  requestTimeoutMs: number;
  /** How long to ship over HTTP before trying the WebSocket again. */
  retryWebSocketMs: number;
  signal: AbortSignal;
  /** Facts changed since the last stored request (and marks them sent); `restore` puts them back after a failure. */
  takeFacts(): LatestFacts;
  restoreFacts(facts: LatestFacts): void;
  onStored(ackedSeq: number, batches: number): void;
  /** Resolves on a new batch or fact, on stop, or after `timeoutMs`. */
  waitForWork(timeoutMs: number): Promise<void>;
}

export type HttpEnd =
  | { kind: 'retry-websocket' }
  | { kind: 'stopped' }
  | { kind: 'failed'; reason: string }
  | { kind: 'unauthorized'; status: number; reason: string };

/**
 * Ship over `POST /api/v1/ingest`, one request at a time, each as soon as there is something to
 * send, until a request fails or it is time to try the WebSocket again.
 */
export async function shipOverHttp(context: HttpShippingContext): Promise<HttpEnd> {
  const retryDue = AbortSignal.timeout(context.retryWebSocketMs);
  const isStopped = (): boolean => context.signal.aborted;
  while (!retryDue.aborted) {
    if (isStopped()) return { kind: 'stopped' };
    const batches = await nextBatches(context.spool, context.batchesPerRequest);
    const facts = context.takeFacts();
    if (batches.length === 0 && Object.keys(facts).length === 0) {
      await context.waitForWork(1_000);
      continue;
    }
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(context.requestTimeoutMs)]);
    const result = await postIngest(
      context.baseUrl,
      context.key,
      { agent: context.identity, batches, ...facts },
      signal,
    );
    if (result.kind !== 'stored') {
      context.restoreFacts(facts);
      if (isStopped()) return { kind: 'stopped' };
      return result;
    }
    const lastSent = batches.at(-1)?.seq ?? 0;
    context.onStored(result.ackedSeq, batches.length);
    if (result.ackedSeq < lastSent) {
      return {
        kind: 'failed',
        reason: `the server stored only up to seq ${String(result.ackedSeq)} of ${String(lastSent)}`,
      };
    }
  }
  return { kind: 'retry-websocket' };
}

async function nextBatches(spool: DiskSpool, limit: number): Promise<AgentBatch[]> {
  const batches: AgentBatch[] = [];
  for await (const batch of spool.pending(spool.ackedSeq)) {
    batches.push(batch);
    if (batches.length >= limit) break;
  }
  return batches;
}
