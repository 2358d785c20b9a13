import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LiveState } from '../live/live-state.js';
import type { CacheStats } from '../auth/session-revocations.js';
import type { SampleWriterLag, SampleWriterStats } from '../services/sample-writer.js';
import type { StreamHubStats } from '../ws/stream-hub.js';
import { gpuExposition } from './gpu-exposition.js';
import { exportedGpuViews, registerHostMetrics } from './gpu-metrics.js';

/**
 * prom-client's gauges named `…_total` (active handles, requests, resources): promtool rejects a gauge
 * with a counter's suffix, and the same counts are exported without it (`nodejs_active_handles`, …).
 */
const MISNAMED_DEFAULT_METRICS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** Where the server-side numbers come from, read at scrape time. */
export interface MetricsSources {
  live: LiveState;
  hubStats: () => StreamHubStats;
  writerStats: () => SampleWriterStats;
  writerLag: () => SampleWriterLag;
  /** The access-token revocation cache: checks answered from memory, and those that read the store. */
  authCache: () => CacheStats;
}

/** The server's Prometheus registry (its own, never prom-client's global one) and the instruments fed directly. */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'code'>;
  readonly storeWriteDuration: Histogram;
  readonly storeQueryDuration: Histogram<'query'>;
  readonly websocketSendLag: Histogram;
  readonly notifications: Counter<'channel_type'>;
  readonly notificationFailures: Counter<'channel_type'>;
  /** The fleet whose GPUs are exported; set by follow(). */
  private live: LiveState | null = null;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    for (const name of MISNAMED_DEFAULT_METRICS) this.registry.removeSingleMetric(name);
    this.httpDuration = new Histogram({
      name: 'gpu_sentinel_http_request_duration_seconds',
      help: 'HTTP request duration, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.storeWriteDuration = new Histogram({
      name: 'gpu_sentinel_store_write_duration_seconds',
      help: 'Duration of one store write of queued samples (a writer flush batch).',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.storeQueryDuration = new Histogram({
      name: 'gpu_sentinel_store_query_duration_seconds',
      help: 'Duration of store reads, by query (history: a chart or history page; storage_stats; hosts).',
      labelNames: ['query'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.websocketSendLag = new Histogram({
      name: 'gpu_sentinel_websocket_send_lag_seconds',
      help: "Age of a tick's samples when they were sent to the dashboard streams (sampling to socket).",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.notifications = new Counter({
      name: 'gpu_sentinel_notifications_sent_total',
      help: 'Notifications a receiver accepted, by channel type.',
      labelNames: ['channel_type'],
      registers,
    });
    this.notificationFailures = new Counter({
      name: 'gpu_sentinel_notification_failures_total',
      help: 'Notification sends that failed (each try), by channel type.',
      labelNames: ['channel_type'],
      registers,
    });
  }

  /** The live fleet, the WebSocket hub and the writer, read at each scrape. */
  follow(sources: MetricsSources): void {
    registerHostMetrics(this.registry, sources.live);
    this.live = sources.live;
    const gauge = (name: string, help: string, read: () => number): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    };
    const counter = (name: string, help: string, read: () => number): void => {
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          // The source keeps the running total; the counter mirrors it.
          this.reset();
          this.inc(read());
        },
      });
    };
    const hub = sources.hubStats;
    const writer = sources.writerStats;
    gauge('gpu_sentinel_websocket_clients', 'Dashboard WebSocket clients connected.', () => hub().clients);
    gauge(
      'gpu_sentinel_websocket_buffered_bytes',
      "Bytes queued on the dashboard streams' sockets, not yet sent.",
      () => hub().bufferedBytes,
    );
    counter(
      'gpu_sentinel_websocket_skipped_ticks_total',
      'Live ticks skipped for clients that did not drain their socket.',
      () => hub().skippedTicks,
    );
    counter(
      'gpu_sentinel_websocket_dropped_slow_clients_total',
      'WebSocket clients disconnected for staying too slow.',
      () => hub().droppedSlowClients,
    );
    gauge('gpu_sentinel_writer_queued_rows', 'Sample rows waiting for the store writer.', () => writer().queued);
    gauge(
      'gpu_sentinel_writer_lag_seconds',
      'How long the oldest sample waiting for the store writer has waited.',
      () => sources.writerLag().lagMs / 1_000,
    );
    counter('gpu_sentinel_writer_rows_written_total', 'Sample rows the store committed.', () => writer().written);
    counter(
      'gpu_sentinel_writer_rows_dropped_total',
      'Local sample rows dropped (queue full or a failed write).',
      () => writer().dropped,
    );
    counter(
      'gpu_sentinel_writer_duplicate_rows_total',
      'Replayed agent rows the store already held, skipped.',
      () => writer().duplicates,
    );
    counter('gpu_sentinel_writer_failed_batches_total', 'Store writes that failed.', () => writer().failedBatches);
    new Counter({
      name: 'gpu_sentinel_auth_cache_lookups_total',
      help: 'Access-token checks, by whether the revocation cache answered (hit) or read the store first (miss).',
      labelNames: ['result'],
      registers: [this.registry],
      collect() {
        const { hits, misses } = sources.authCache();
        this.reset();
        this.inc({ result: 'hit' }, hits);
        this.inc({ result: 'miss' }, misses);
      },
    });
  }

  /** The exposition text and its content type: the registry's families, then the fleet's GPU series. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const gpus = this.live === null ? '' : gpuExposition(exportedGpuViews(this.live));
    return { contentType: this.registry.contentType, body: (await this.registry.metrics()) + gpus };
  }
}
