import type { Kysely } from 'kysely';
import { parseStoredLabels } from './fleet/host-rows.js';
import type { Database } from './schema.js';
import type { StoredHost } from './store.js';

/** Every host the store knows, with its labels and agent version, how many GPUs it has had and when it was last heard from. */
export async function listHostRows(db: Kysely<Database>): Promise<StoredHost[]> {
  const rows = await db
    .selectFrom('hosts')
    .leftJoin('gpus', 'gpus.host_id', 'hosts.host_id')
    .select((eb) => [
      'hosts.host_id',
      'hosts.hostname',
      'hosts.driver_version',
      'hosts.cuda_version',
      'hosts.first_seen_at',
      'hosts.last_seen_at',
      'hosts.labels',
      'hosts.agent_version',
      eb.fn.count<number | string>('gpus.gpu_id').as('gpu_count'),
    ])
    .groupBy('hosts.host_id')
    .orderBy('hosts.hostname')
    .orderBy('hosts.host_id')
    .execute();
  return rows.map((row) => ({
    hostId: row.host_id,
    hostname: row.hostname,
    driverVersion: row.driver_version,
    cudaVersion: row.cuda_version,
    gpuCount: Number(row.gpu_count),
    lastSeenAt: row.last_seen_at,
    firstSeenAt: row.first_seen_at,
    labels: parseStoredLabels(row.labels),
    agentVersion: row.agent_version,
  }));
}
