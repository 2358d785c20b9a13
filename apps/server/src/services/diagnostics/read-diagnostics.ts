import type { Clock } from '@gpu-sentinel/core';
import type { SourceDiagnostics, SystemDiagnostics } from '@gpu-sentinel/protocol';
import type { LiveState } from '../../live/live-state.js';
import type { RecentLogEntries } from '../../logging/recent-log-entries.js';
import type { Store } from '../../store/store.js';
import type { StreamHubStats } from '../../ws/stream-hub.js';
import { checkReadiness, type StoreHealth } from '../check-readiness.js';
import { getSystemStatus } from '../get-system-status.js';
import type { SampleWriter } from '../sample-writer.js';
import type { ServerFacts } from '../server-facts.js';
import { orderSources } from './order-sources.js';

/** Whether this replica holds the leases that put work on one replica only. */
export interface ReplicaRole {
  isClustered: boolean;
  ownsAlerting(): boolean;
  ownsRetention(): boolean;
}

/** Where the System page's numbers come from. */
export interface DiagnosticsDeps {
  live: LiveState;
  facts: ServerFacts;
  storeHealth: StoreHealth;
  store: Pick<Store, 'storageStats'>;
  hubStats: () => StreamHubStats;
  /** Its counters are the facts' (`facts.storage.writerStats`); here only its lag. */
  writer: Pick<SampleWriter, 'lag'>;
  replica: ReplicaRole;
  recent: Pick<RecentLogEntries, 'list'>;
  clock: Clock;
  /** The process's memory; process.memoryUsage by default. */
  memory?: () => { rss: number; heapUsed: number };
}

/** `GET /system/diagnostics`: health, versions, every host's source, storage per tier, streams, writer, errors. */
export async function readDiagnostics(deps: DiagnosticsDeps): Promise<SystemDiagnostics> {
  const { live, clock } = deps;
  const now = clock.now();
  const stats = await deps.store.storageStats();
  const memory = (deps.memory ?? process.memoryUsage)();
  // The versions, this host and the writer's counters as GET /system tells them.
  const system = getSystemStatus(live, deps.facts);
  const { clients, skippedTicks, droppedSlowClients, terminatedDeadClients } = deps.hubStats();
  return {
    checkedAt: now,
    health: checkReadiness(live, deps.storeHealth),
    versions: {
      server: system.version,
      node: system.nodeVersion,
      driver: system.driverVersion,
      cuda: system.cudaVersion,
      storageEngine: system.storage.engine,
    },
    process: {
      hostname: system.hostname,
      startedAt: system.startedAt,
      uptimeMs: Math.max(0, now - system.startedAt),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    },
    sources: orderSources(
      live.hosts().map((host): SourceDiagnostics => ({
        hostId: host.hostId,
        hostname: host.hostname,
        isLocal: host.isLocal,
        status: live.isOnline(host) ? 'online' : 'offline',
        gpuCount: host.inventory.length,
        source: live.sourceOf(host),
      })),
    ),
    storage: {
      engine: system.storage.engine,
      location: system.storage.location,
      sizeBytes: stats.sizeBytes,
      tiers: stats.tiers.map(({ tier, rows, sizeBytes }) => ({ tier, rows, sizeBytes })),
    },
    websocket: { clients, skippedTicks, droppedSlowClients, terminatedDeadClients },
    writer: { ...system.storage.writer, ...deps.writer.lag() },
    cluster: {
      isClustered: deps.replica.isClustered,
      ownsAlerting: deps.replica.ownsAlerting(),
      ownsRetention: deps.replica.ownsRetention(),
    },
    recentErrors: deps.recent.list(),
  };
}
