import { Sampler, type GpuSource } from '@gpu-sentinel/collector';
import { systemClock, type Clock } from '@gpu-sentinel/core';
import type { ServerConfig, SourceState } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { Identity } from './auth/create-identity.js';
import { loadTls } from './config/load-tls.js';
import { openAccessControl } from './http/open-access-control.js';
import { registerIdentityRoutes } from './routes/identity-routes.js';
import { openCluster } from './cluster/open-cluster.js';
import { findWebDir } from './http/web-dir.js';
import { fleetAlertFacts, WATCH_STORED_HOSTS_MS } from './live/fleet-alert-facts.js';
import { LiveState } from './live/live-state.js';
import { IngestService, type IngestHost } from './ingest/ingest-service.js';
import { explained, localAgent } from './ingest/local-agent.js';
import { getSystemStatus } from './services/get-system-status.js';
import type { ServerFacts } from './services/server-facts.js';
import { SampleWriter, systemIntervalTimer, type SampleWriterStats } from './services/sample-writer.js';
import { configuredRetention } from './services/retention/retention-settings.js';
import { RetentionJob } from './services/retention/retention-job.js';
import { openStore } from './store-factory.js';
import { ShutdownStack } from './shutdown-stack.js';
import { hostIdentity } from './host-identity.js';
import { selectSource, type SourceChoice } from './select-source.js';
import { readServerVersion } from './version.js';
import { createNotifier } from './notify/create-notifier.js';
import { startAlerting } from './services/alerts/start-alerting.js';
import { sealChannelSecrets } from './services/alerts/sealed-channels.js';
import { StreamHub, type StreamHubStats } from './ws/stream-hub.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { RecentLogEntries } from './logging/recent-log-entries.js';
import { readDiagnostics } from './services/diagnostics/read-diagnostics.js';
import { countedNotifier, timedQueries, timedWrites } from './metrics/timed-ports.js';

/** Rows held while the store is slow, at least (about a minute of 64 GPUs at 4 Hz). */
const MIN_QUEUED_ROWS = 20_000;

export interface StartServerOptions {
  config: ServerConfig;
  logger: Logger;
  clock?: Clock;
  /** WebSocket hub tuning, for tests; production uses the defaults. */
  hub?: { slowClientTimeoutMs?: number; heartbeatMs?: number };
  /** Prefix of the Redis keys (rate limits, lockouts) when `redisUrl` is set; tests use one per run. */
  redisKeyPrefix?: string;
  /** Use this source instead of the one the config names (benchmarks fast-forward samples through it). */
  source?: GpuSource;
  /** The logger's newest warnings and errors (createLogger's `recent`), for the System page; empty when absent. */
  recentLog?: RecentLogEntries;
}

export interface RunningServer {
  app: FastifyInstance;
  /** http(s)://host:port, with the port actually bound (config port 0 picks a free one). */
  url: string;
  /** Set on the first start without GPU_SENTINEL_ADMIN_PASSWORD: the one-time link that creates the first admin. */
  setupUrl: string | null;
  identity: Identity;
  port: number;
  source: GpuSource;
  /** Why `auto` fell back to the simulated source; null when it did not. */
  fallbackReason: string | null;
  hubStats(): StreamHubStats;
  writerStats(): SampleWriterStats;
  close(): Promise<void>;
}

/**
 * The composition root: agents (WebSocket, HTTP) and the built-in local agent (GpuSource → Sampler)
 * → IngestService → {SampleWriter → store; Bus → live state, WebSocket hub, alert engine}. The only
 * place (with the CLI commands) that creates concrete adapters.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const host = hostIdentity(config.hostname);
  const tls = await loadTls(config);
  const shutdown = new ShutdownStack();
  const store = openStore(config, clock);
  let isStoreOpen = true;
  const storeHealth = { isOpen: () => isStoreOpen };
  shutdown.push(() => {
    isStoreOpen = false;
    return store.close();
  });
  const redisKeyPrefix = options.redisKeyPrefix ?? config.redisPrefix;
  const { access, cluster, choice } = await shutdown.orCloseAll(async () => {
    await store.migrate();
    const opened = await openAccessControl(config, { store: store.identity, clock, logger, redisKeyPrefix });
    shutdown.push(() => opened.security.close());
    const openedCluster = await openCluster(config, { clock, logger, keyPrefix: redisKeyPrefix });
    shutdown.push(() => openedCluster.close());
    const selected: SourceChoice =
      options.source === undefined
        ? await selectSource(config, host, clock, logger)
        : { source: options.source, fallbackReason: null };
    return { access: opened, cluster: openedCluster, choice: selected };
  });
  const { identity, security } = access;
  const { bus } = cluster;
  const { source } = choice;
  const sourceState = (): SourceState => explained(source.state(), choice);
  const localHostId = source.kind === 'none' ? null : host.hostId;
  const live = new LiveState({ clock, intervalMs: config.intervalMs, isRecording: true, sourceState, localHostId });
  const metrics = new ServerMetrics();
  const writer = new SampleWriter(timedWrites(store, metrics), systemIntervalTimer, {
    now: () => clock.now(),
    batchRows: config.writeBatchRows,
    flushMs: config.writeFlushMs,
    maxQueuedRows: Math.max(5 * config.writeBatchRows, MIN_QUEUED_ROWS),
    onBatchFailed: (error, rows) => logger.error({ err: error, rows }, 'writing samples failed'),
  });
  shutdown.push(() => writer.close());
  // The writer is fed by the ingest service, never by the bus: each replica writes what its own agents send.
  const ingest = new IngestService({ store, writer, bus, clock, ownerOf: (uuid) => live.hostIdOf(uuid) });
  const localHost: IngestHost = {
    hostId: host.hostId,
    hostname: host.hostname,
    labels: {},
    agentVersion: null,
    isLocal: true,
    intervalMs: config.intervalMs,
  };
  const facts: ServerFacts = {
    version: readServerVersion(),
    nodeVersion: process.version,
    hostId: host.hostId,
    hostname: host.hostname,
    startedAt: clock.now(),
    storage: { engine: store.engine, location: store.location, writerStats: () => writer.getStats() },
  };
  const retention = new RetentionJob({
    store,
    settings: store.identity,
    defaults: configuredRetention(config),
    clock,
    timer: systemIntervalTimer,
    intervalMs: config.retentionIntervalMs,
    log: logger,
    // On replicas one of them deletes old rows (the others' runs are skipped); a single server always does.
    isLeader: () => retentionLease.isOwner(),
  });
  const retentionLease = cluster.lease('retention', () => undefined);
  shutdown.push(() => retentionLease.close());
  shutdown.push(() => retention.close());
  const hub = new StreamHub({
    clock,
    maxBufferedBytes: config.wsMaxBufferedBytes,
    ...options.hub,
    snapshot: () => ({
      type: 'snapshot',
      system: getSystemStatus(live, facts),
      inventory: live.inventory(),
      samples: live.latestSamples(),
    }),
    fleetInventory: () => live.inventory(),
    localHostId,
    log: logger,
    onTickSent: (ageMs) => metrics.websocketSendLag.observe(Math.max(0, ageMs) / 1_000),
  });
  const { tickets } = cluster;
  const streams = cluster.closeRevokedStreams(identity, hub);
  // The live state follows the bus before the hub, so the hub reads the fleet's inventory after a change.
  for (const detach of [streams.detach, live.attach(bus), hub.attach(bus)]) shutdown.push(detach);
  try {
    live.seedHosts(await store.listHosts());
    live.seedInventory(await store.listInventory(clock.now() - WATCH_STORED_HOSTS_MS));
  } catch (error) {
    logger.error({ err: error }, 'reading the stored hosts failed; the fleet view starts empty');
  }

  metrics.follow({
    live,
    hubStats: () => hub.stats(),
    writerStats: () => writer.getStats(),
    writerLag: () => writer.lag(),
    authCache: () => identity.authenticator.cacheStats(),
  });
  const alertStore = sealChannelSecrets(store.alerts, access.secrets);
  const queriedStore = timedQueries(store, metrics);
  const alerting = await shutdown.orCloseAll(() =>
    startAlerting({
      store: alertStore,
      bus,
      clock,
      timer: systemIntervalTimer,
      notifier: countedNotifier(createNotifier(), metrics),
      config,
      log: logger,
      facts: fleetAlertFacts(live, clock),
      lease: (onChange) => cluster.lease('alerting', onChange),
    }),
  );
  shutdown.push(() => alerting.close());
  const app = await shutdown.orCloseAll(() =>
    buildApp({
      alertStore,
      alerts: alerting.control,
      notifier: alerting.notifier,
      logger,
      live,
      store: queriedStore,
      storeHealth,
      retention,
      writer,
      source,
      bus,
      clock,
      facts,
      hub,
      ingest,
      webDir: findWebDir(config.webDir),
      authenticator: identity.authenticator,
      audit: identity,
      tickets,
      rateLimits: security.rateLimits,
      lockouts: security.lockouts,
      corsOrigins: config.corsOrigins,
      trustProxy: config.trustProxy,
      tls,
      metrics: { metrics, auth: config.metricsAuth },
      diagnostics: () =>
        readDiagnostics({
          live,
          facts,
          storeHealth,
          store: queriedStore,
          hubStats: () => hub.stats(),
          writer,
          replica: {
            isClustered: cluster.isScaledOut,
            ownsAlerting: () => alerting.isEvaluating(),
            ownsRetention: () => retentionLease.isOwner(),
          },
          recent: options.recentLog ?? new RecentLogEntries(),
          clock,
        }),
      registerRoutes: (instance) => registerIdentityRoutes(instance, { identity: streams.identity }),
    }),
  );
  shutdown.push(() => app.close());
  // Stopping closes the live streams' sockets first, so closing the HTTP server does not wait on them.
  shutdown.push(() => hub.closeAll());
  await shutdown.orCloseAll(async () => {
    await retentionLease.start();
    await retention.start();
    await app.listen({ port: config.port, host: config.host });
  });
  const sampler = new Sampler({
    hostId: host.hostId,
    clock,
    onInvalid: (reading, problem) => logger.debug({ uuid: reading.uuid, problem }, 'dropped an invalid reading'),
  });
  if (localHostId !== null) {
    // "A single-host serve is a server with a built-in local agent": its samples go the agents' way.
    ingest.register(localHost).catch((error: unknown) => logger.error({ err: error }, 'registering this host failed'));
    source.start(localAgent(ingest, localHost, sampler, choice, logger));
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `${tls === null ? 'http' : 'https'}://${urlHost(config.host)}:${port}`;
  let closing: Promise<void> | null = null;
  return {
    app,
    port,
    url,
    setupUrl: access.setupPath === null ? null : `${url}${access.setupPath}`,
    identity: streams.identity,
    source,
    fallbackReason: choice.fallbackReason,
    hubStats: () => hub.stats(),
    writerStats: () => writer.getStats(),
    close: () => {
      closing ??= (async () => {
        await source.stop();
        await shutdown.closeAll();
      })();
      return closing;
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
