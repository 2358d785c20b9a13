import { retentionMs, type StorageSettingsBody, type StorageStatus } from '@gpu-sentinel/protocol';
import type { Store } from '../store/store.js';
import type { RetentionControl } from './retention/retention-job.js';
import type { ServerFacts } from './server-facts.js';

export interface StorageStatusDeps {
  store: Pick<Store, 'storageStats'>;
  facts: Pick<ServerFacts, 'storage'>;
  retention: RetentionControl;
}

/** `GET /storage`: the engine, size and rows per tier, the retention in force, its last run and the writer's counters. */
export async function getStorageStatus(deps: StorageStatusDeps): Promise<StorageStatus> {
  const stats = await deps.store.storageStats();
  const retention = deps.retention.retention();
  const keepMs = retentionMs(retention);
  return {
    engine: deps.facts.storage.engine,
    location: deps.facts.storage.location,
    sizeBytes: stats.sizeBytes,
    tiers: stats.tiers.map((tier) => ({ ...tier, retentionMs: keepMs[tier.tier] })),
    retention,
    lastRetention: deps.retention.lastRun(),
    writer: deps.facts.storage.writerStats(),
  };
}

/** `PUT /storage`: store the new retention (a run applying it starts), then answer the status with it. */
export async function updateStorageSettings(
  deps: StorageStatusDeps,
  body: StorageSettingsBody,
): Promise<StorageStatus> {
  await deps.retention.update(body.retention);
  return getStorageStatus(deps);
}
