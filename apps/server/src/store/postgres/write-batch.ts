import type { GpuSample } from '@gpu-sentinel/protocol';
import type pg from 'pg';
import { findGpuIds, registerGpuFromSample } from '../inventory.js';
import { rollupRowsOf, upsertRollupRows } from '../rollups/upsert-rollups.js';
import { kyselyOnClient } from './connection.js';
import { copySamples } from './copy-samples.js';
import { postgresDialect } from './postgres-sql.js';

// `last_seen_at` only moves forward, even when an older batch arrives late.
const TOUCH_GPUS_SQL = `UPDATE gpus SET last_seen_at = greatest(gpus.last_seen_at, v.ts)
  FROM unnest($1::integer[], $2::bigint[]) AS v(gpu_id, ts) WHERE gpus.gpu_id = v.gpu_id`;
const TOUCH_HOSTS_SQL = `UPDATE hosts SET last_seen_at = greatest(hosts.last_seen_at, v.ts)
  FROM unnest($1::text[], $2::bigint[]) AS v(host_id, ts) WHERE hosts.host_id = v.host_id`;

/**
 * One batch in one transaction on `client` (its day partitions already exist): GPUs the cache
 * lacks are looked up or registered, raw rows go in by COPY, the batch is folded into the
 * rollups, and the GPUs and hosts are touched. Returns the gpu_ids it learned, to be cached once
 * the caller knows the transaction committed.
 */
export async function writeBatch(
  client: pg.PoolClient,
  samples: readonly GpuSample[],
  cachedIds: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const db = kyselyOnClient(client);
  await client.query('BEGIN');
  try {
    const learned = await resolveGpuIds(db, samples, cachedIds);
    const gpuIdOf = (uuid: string): number => {
      const id = cachedIds.get(uuid) ?? learned.get(uuid);
      if (id === undefined) throw new Error(`no gpu_id resolved for ${uuid}`);
      return id;
    };
    await copySamples(client, samples, gpuIdOf);
    for (const [table, rows] of rollupRowsOf(samples, gpuIdOf)) {
      // Rows locked in one fixed order (GPU, then time), here and in touchLastSeen, so batches
      // that overlap on the same GPUs wait for each other instead of deadlocking.
      rows.sort((a, b) => a.gpu_id - b.gpu_id || a.ts - b.ts);
      await upsertRollupRows(db, postgresDialect, table, rows);
    }
    await touchLastSeen(client, samples, gpuIdOf);
    await client.query('COMMIT');
    return learned;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function resolveGpuIds(
  db: ReturnType<typeof kyselyOnClient>,
  samples: readonly GpuSample[],
  cachedIds: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const firstSampleOf = new Map<string, GpuSample>();
  for (const sample of samples) {
    if (!cachedIds.has(sample.uuid) && !firstSampleOf.has(sample.uuid)) firstSampleOf.set(sample.uuid, sample);
  }
  const learned = await findGpuIds(db, [...firstSampleOf.keys()]);
  for (const [uuid, sample] of firstSampleOf) {
    if (!learned.has(uuid)) learned.set(uuid, await registerGpuFromSample(db, sample));
  }
  return learned;
}

async function touchLastSeen(
  client: pg.PoolClient,
  samples: readonly GpuSample[],
  gpuIdOf: (uuid: string) => number,
): Promise<void> {
  const uuidLatest = new Map<string, number>();
  const hostLatest = new Map<string, number>();
  for (const sample of samples) {
    if (sample.ts > (uuidLatest.get(sample.uuid) ?? -Infinity)) uuidLatest.set(sample.uuid, sample.ts);
    if (sample.ts > (hostLatest.get(sample.hostId) ?? -Infinity)) hostLatest.set(sample.hostId, sample.ts);
  }
  const gpus = [...uuidLatest].map(([uuid, ts]) => [gpuIdOf(uuid), ts] as const).sort(([a], [b]) => a - b);
  const hosts = [...hostLatest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await client.query(TOUCH_GPUS_SQL, [gpus.map(([id]) => id), gpus.map(([, ts]) => ts)]);
  await client.query(TOUCH_HOSTS_SQL, [hosts.map(([id]) => id), hosts.map(([, ts]) => ts)]);
}
