import type { GpuInfo } from '@gpu-sentinel/protocol';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The GPUs of every host heard from since `since` (epoch ms), as their inventory was last stored: what
 * a replica that starts after the agents connected (to other replicas) shows until they send it again.
 */
export async function listInventoryRows(db: Kysely<Database>, since: number): Promise<GpuInfo[]> {
  const rows = await db
    .selectFrom('gpus')
    .innerJoin('hosts', 'hosts.host_id', 'gpus.host_id')
    .select([
      'gpus.host_id',
      'hosts.hostname',
      'hosts.driver_version',
      'hosts.cuda_version',
      'gpus.uuid',
      'gpus.idx',
      'gpus.name',
      'gpus.serial',
      'gpus.bus_id',
      'gpus.vbios_version',
      'gpus.memory_total_mib',
      'gpus.power_limit_w',
      'gpus.power_limit_default_w',
      'gpus.mig_mode',
      'gpus.compute_mode',
      'gpus.persistence_mode',
    ])
    .where('hosts.last_seen_at', '>=', since)
    .orderBy('hosts.hostname')
    .orderBy('gpus.idx')
    .execute();
  return rows.map((row) => ({
    hostId: row.host_id,
    hostname: row.hostname,
    driverVersion: row.driver_version,
    cudaVersion: row.cuda_version,
    uuid: row.uuid,
    index: row.idx,
    name: row.name,
    serial: row.serial,
    busId: row.bus_id,
    vbiosVersion: row.vbios_version,
    memoryTotalMiB: row.memory_total_mib,
    powerLimitW: row.power_limit_w,
    powerLimitDefaultW: row.power_limit_default_w,
    migMode: row.mig_mode,
    computeMode: row.compute_mode,
    persistenceMode: row.persistence_mode === null ? null : row.persistence_mode === 1,
  }));
}
