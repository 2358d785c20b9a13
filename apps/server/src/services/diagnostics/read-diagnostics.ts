import type { Clock } from '@gpu-sentinel/core';
import type { SourceDiagnostics, SystemDiagnostics } from '@gpu-sentinel/protocol';
import type { LiveState } from '../../live/live-state.js';
import type { RecentLogEntries } from '../../logging/recent-log-entries.js';
import type { Store } from '../../store/store.js';
import type { StreamHubStats } from '../../ws/stream-hub.js';
import { checkReadiness, type StoreHealth } from '../check-readiness.js';
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
  writer: Pick<SampleWriter, 'getStats' | 'lag'>;
  replica: ReplicaRole;
  recent: Pick<RecentLogEntries, 'list'>;
  clock: Clock;
  /** The process's memory; process.memoryUsage by default. */
  memory?: () => { rss: number; heapUsed: number };
}

/** `GET /system/diagnostics`: health, versions, every host's source, storage per tier, streams, writer, errors. */
export async function readDiagnostics(deps: DiagnosticsDeps): Promise<SystemDiagnostics> {
  const { live, facts, clock } = deps;
  const now = clock.now();
  const stats = await deps.store.storageStats();
  const memory = (deps.memory ?? process.memoryUsage)();
  const local = live.localInventory()[0];
  const { clients, skippedTicks, droppedSlowClients, terminatedDeadClients } = deps.hubStats();
  return {
    checkedAt: now,
    health: checkReadiness(live, deps.storeHealth),
    versions: {
      server: facts.version,
      node: facts.nodeVersion,
      driver: local?.driverVersion ?? null,
      cuda: local?.cudaVersion ?? null,
      storageEngine: facts.storage.engine,
    },
    process: {
      hostname: facts.hostname,
      startedAt: facts.startedAt,
      uptimeMs: Math.max(0, now - facts.startedAt),
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
      engine: facts.storage.engine,
      location: facts.storage.location,
      sizeBytes: stats.sizeBytes,
      tiers: stats.tiers.map(({ tier, rows, sizeBytes }) => ({ tier, rows, sizeBytes })),
    },
    websocket: { clients, skippedTicks, droppedSlowClients, terminatedDeadClients },
    writer: { ...deps.writer.getStats(), ...deps.writer.lag() },
    cluster: {
      isClustered: deps.replica.isClustered,
      ownsAlerting: deps.replica.ownsAlerting(),
      ownsRetention: deps.replica.ownsRetention(),
    },
    recentErrors: deps.recent.list(),
  };
}
