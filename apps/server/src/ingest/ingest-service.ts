import type { Clock } from '@gpu-sentinel/core';
import type { GpuInfo, GpuProcess, GpuSample, HostLabels, SourceState } from '@gpu-sentinel/protocol';
import type { Bus } from '../bus/bus.js';
import { UnavailableError, ValidationError } from '../errors/app-error.js';
import type { SampleWriter, SegmentCallbacks, WriteRefusal } from '../services/sample-writer.js';
import type { Store } from '../store/store.js';
import { checkInventory, checkProcesses, checkSamples, type GpuOwner, type IngestProblem } from './check-batch.js';
import { liveSamples } from './live-gate.js';

/** A host as it registers: an agent's hello (or HTTP identity), or the server's own built-in agent. */
export interface IngestHost {
  hostId: string;
  hostname: string;
  labels: HostLabels;
  /** null for the server's own host. */
  agentVersion: string | null;
  isLocal: boolean;
  intervalMs: number;
}

/** One batch of a host; `streamId` null: the server's own source (never deduplicated). */
export interface IngestBatch {
  streamId: string | null;
  seq: number;
  samples: readonly GpuSample[];
}

/** A batch the writer would not store (queue full, store failing, shutting down): the agent replays it. */
export class BatchRefusedError extends UnavailableError {
  constructor(readonly refusal: WriteRefusal) {
    super(`batch not stored: ${refusal.message}`);
  }
}

export interface IngestServiceDeps {
  store: Pick<Store, 'upsertHost' | 'upsertInventory' | 'streamMark'>;
  writer: Pick<SampleWriter, 'enqueueSegment'>;
  bus: Pick<Bus, 'publish'>;
  clock: Clock;
  /** The host whose GPU this is, as the live state knows it (refuses one host writing another's GPU). */
  ownerOf: GpuOwner;
}

/**
 * The one way samples enter the server, shared by the agent WebSocket, the HTTP ingest and `serve`'s
 * built-in local agent: registers hosts, checks batches, hands them to the writer (never through the
 * bus, so each replica writes only what its own agents send), and publishes live ticks, inventory,
 * processes, source state and presence on the bus for every replica's live state, hub and alerts.
 */
export class IngestService {
  /** The newest sample time published per host: a tick never goes back in time. */
  private readonly lastPublishedTs = new Map<string, number>();

  constructor(private readonly deps: IngestServiceDeps) {}

  /** Store the host's registration and tell the fleet it is connected. */
  async register(host: IngestHost): Promise<void> {
    const at = this.deps.clock.now();
    await this.deps.store.upsertHost({
      hostId: host.hostId,
      hostname: host.hostname,
      labels: host.labels,
      agentVersion: host.agentVersion,
      seenAt: at,
    });
    this.publishPresence(host, true);
  }

  /** The agent went away (its socket closed). */
  disconnect(host: IngestHost): void {
    this.publishPresence(host, false);
  }

  /** The highest seq stored of a stream (0: none). */
  streamMark(streamId: string): Promise<number> {
    return this.deps.store.streamMark(streamId);
  }

  /**
   * Check a batch (throws a ValidationError naming the field), publish what is live, and queue it;
   * the callbacks say when it is stored or why it was not.
   */
  acceptBatch(host: IngestHost, batch: IngestBatch, callbacks: SegmentCallbacks, fieldPrefix = 'samples'): void {
    throwIf(checkSamples(host.hostId, batch.samples, this.deps.ownerOf, fieldPrefix));
    this.publishLive(host, batch.samples);
    const mark = batch.streamId === null ? null : { streamId: batch.streamId, hostId: host.hostId, seq: batch.seq };
    this.deps.writer.enqueueSegment({ samples: batch.samples, mark }, callbacks);
  }

  /** Check several batches' samples before any is queued (fields `<prefix>.<j>.samples.<i>.…`). */
  checkBatches(host: IngestHost, batches: readonly (readonly GpuSample[])[], prefix: string): void {
    for (const [j, samples] of batches.entries()) {
      throwIf(checkSamples(host.hostId, samples, this.deps.ownerOf, `${prefix}.${String(j)}.samples`));
    }
  }

  /** `acceptBatch`, resolved once the batch is stored; rejects with BatchRefusedError when it was not. */
  storeBatch(host: IngestHost, batch: IngestBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.acceptBatch(host, batch, {
        onStored: resolve,
        onFailed: (refusal) => reject(new BatchRefusedError(refusal)),
      });
    });
  }

  /** The built-in local agent's tick: always live, written without a mark, dropped oldest first when the store lags. */
  acceptLocalTick(host: IngestHost, samples: readonly GpuSample[]): void {
    const first = samples[0];
    if (first === undefined) return;
    // Its own source's samples are "now" by definition: no live gate (a test clock may not move).
    this.deps.bus.publish('tick', { ts: first.ts, hostId: host.hostId, samples: [...samples] });
    this.deps.writer.enqueueSegment({ samples, mark: null });
  }

  /** The host's GPU set: published at once, then stored (GPU facts for history and exports). */
  async applyInventory(host: IngestHost, inventory: GpuInfo[], field = 'inventory'): Promise<void> {
    throwIf(checkInventory(host.hostId, inventory, this.deps.ownerOf, field));
    this.deps.bus.publish('inventory', { hostId: host.hostId, inventory });
    await this.deps.store.upsertInventory(inventory);
  }

  applyProcesses(host: IngestHost, processes: GpuProcess[], field = 'processes'): void {
    throwIf(checkProcesses(host.hostId, processes, field));
    this.deps.bus.publish('processes', { hostId: host.hostId, processes });
  }

  applySource(host: IngestHost, source: SourceState): void {
    this.deps.bus.publish('source', { hostId: host.hostId, source });
  }

  private publishLive(host: IngestHost, samples: readonly GpuSample[]): void {
    const last = this.lastPublishedTs.get(host.hostId) ?? Number.NEGATIVE_INFINITY;
    const live = liveSamples(samples, last, this.deps.clock.now(), host.intervalMs);
    const newest = live.at(-1);
    if (newest === undefined) return;
    this.lastPublishedTs.set(host.hostId, newest.ts);
    this.deps.bus.publish('tick', { ts: newest.ts, hostId: host.hostId, samples: live });
  }

  private publishPresence(host: IngestHost, connected: boolean): void {
    this.deps.bus.publish('host', {
      hostId: host.hostId,
      hostname: host.hostname,
      labels: host.labels,
      agentVersion: host.agentVersion,
      isLocal: host.isLocal,
      intervalMs: host.intervalMs,
      connected,
      at: this.deps.clock.now(),
    });
  }
}

function throwIf(problem: IngestProblem | null): void {
  if (problem !== null) throw new ValidationError(problem.message, problem.field);
}
