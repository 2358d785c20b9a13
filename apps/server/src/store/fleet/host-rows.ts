import { HostLabels } from '@gpu-sentinel/protocol';
import { sql } from 'kysely';
import type { StoreDb } from '../db.js';
import type { HostRegistration } from '../store.js';

/**
 * Insert or update a host as its agent registers it: name, labels and agent version replace the
 * stored ones; first_seen_at is set on insert only; last_seen_at only moves forward. Driver and
 * CUDA versions stay with the inventory (upsertInventoryRows), which leaves labels alone.
 */
export async function upsertHostRow(db: StoreDb, host: HostRegistration): Promise<void> {
  await db
    .insertInto('hosts')
    .values({
      host_id: host.hostId,
      hostname: host.hostname,
      driver_version: null,
      cuda_version: null,
      first_seen_at: host.seenAt,
      last_seen_at: host.seenAt,
      labels: JSON.stringify(host.labels),
      agent_version: host.agentVersion,
    })
    .onConflict((oc) =>
      oc.column('host_id').doUpdateSet((eb) => ({
        hostname: eb.ref('excluded.hostname'),
        labels: eb.ref('excluded.labels'),
        agent_version: eb.ref('excluded.agent_version'),
        // CASE rather than max()/greatest(): the same SQL on both engines.
        last_seen_at: sql<number>`case when excluded.last_seen_at > hosts.last_seen_at
          then excluded.last_seen_at else hosts.last_seen_at end`,
      })),
    )
    .execute();
}

/** Stored labels back as HostLabels; a value that is not (hand-edited, corrupt) reads as no labels. */
export function parseStoredLabels(stored: string): HostLabels {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return {};
  }
  const parsed = HostLabels.safeParse(value);
  return parsed.success ? parsed.data : {};
}
