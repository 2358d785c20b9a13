import type { GpuInfo, GpuSample } from '@gpu-sentinel/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Insert or update the hosts and GPUs of an inventory (keyed by uuid); returns uuid → gpu_id. */
export async function upsertInventoryRows(
  db: Db,
  inventory: readonly GpuInfo[],
  nowMs: number,
): Promise<Map<string, number>> {
  const hosts = new Map(inventory.map((gpu) => [gpu.hostId, gpu]));
  for (const host of hosts.values()) {
    await db
      .insertInto('hosts')
      .values({
        host_id: host.hostId,
        hostname: host.hostname,
        driver_version: host.driverVersion,
        cuda_version: host.cudaVersion,
        first_seen_at: nowMs,
        last_seen_at: nowMs,
      })
      .onConflict((oc) =>
        oc.column('host_id').doUpdateSet((eb) => ({
          hostname: eb.ref('excluded.hostname'),
          driver_version: eb.ref('excluded.driver_version'),
          cuda_version: eb.ref('excluded.cuda_version'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
        })),
      )
      .execute();
  }
  const ids = new Map<string, number>();
  for (const gpu of inventory) ids.set(gpu.uuid, await upsertGpu(db, gpu, nowMs));
  return ids;
}

async function upsertGpu(db: Db, gpu: GpuInfo, nowMs: number): Promise<number> {
  const row = await db
    .insertInto('gpus')
    .values({
      uuid: gpu.uuid,
      host_id: gpu.hostId,
      idx: gpu.index,
      name: gpu.name,
      serial: gpu.serial,
      bus_id: gpu.busId,
      vbios_version: gpu.vbiosVersion,
      memory_total_mib: gpu.memoryTotalMiB,
      power_limit_w: gpu.powerLimitW,
      power_limit_default_w: gpu.powerLimitDefaultW,
      mig_mode: gpu.migMode,
      compute_mode: gpu.computeMode,
      persistence_mode: gpu.persistenceMode === null ? null : Number(gpu.persistenceMode),
      first_seen_at: nowMs,
      last_seen_at: nowMs,
    })
    .onConflict((oc) =>
      oc.column('uuid').doUpdateSet((eb) => ({
        host_id: eb.ref('excluded.host_id'),
        idx: eb.ref('excluded.idx'),
        name: eb.ref('excluded.name'),
        serial: eb.ref('excluded.serial'),
        bus_id: eb.ref('excluded.bus_id'),
        vbios_version: eb.ref('excluded.vbios_version'),
        memory_total_mib: eb.ref('excluded.memory_total_mib'),
        power_limit_w: eb.ref('excluded.power_limit_w'),
        power_limit_default_w: eb.ref('excluded.power_limit_default_w'),
        mig_mode: eb.ref('excluded.mig_mode'),
        compute_mode: eb.ref('excluded.compute_mode'),
        persistence_mode: eb.ref('excluded.persistence_mode'),
        last_seen_at: eb.ref('excluded.last_seen_at'),
      })),
    )
    .returning('gpu_id')
    .executeTakeFirstOrThrow();
  return row.gpu_id;
}

/**
 * gpu_ids for a batch's GPUs that `cachedIds` lacks: one lookup for them all, then registration of
 * the truly new. `dbFor` is called only when there is something to look up, so a batch whose GPUs
 * are all cached (nearly every batch) costs nothing here.
 */
export async function resolveBatchGpuIds(
  dbFor: () => Db,
  samples: readonly GpuSample[],
  cachedIds: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const firstSampleOf = new Map<string, GpuSample>();
  for (const sample of samples) {
    if (!cachedIds.has(sample.uuid) && !firstSampleOf.has(sample.uuid)) firstSampleOf.set(sample.uuid, sample);
  }
  if (firstSampleOf.size === 0) return new Map();
  const db = dbFor();
  const learned = await findGpuIds(db, [...firstSampleOf.keys()]);
  for (const [uuid, sample] of firstSampleOf) {
    if (!learned.has(uuid)) learned.set(uuid, await registerGpuFromSample(db, sample));
  }
  return learned;
}

/** uuid → gpu_id over the cache and what a batch learned; a uuid in neither is a bug, never data to drop. */
export function gpuIdResolver(
  cachedIds: ReadonlyMap<string, number>,
  learned: ReadonlyMap<string, number>,
): (uuid: string) => number {
  return (uuid) => {
    const id = cachedIds.get(uuid) ?? learned.get(uuid);
    if (id === undefined) throw new Error(`no gpu_id resolved for ${uuid}`);
    return id;
  };
}

/** Look up gpu_ids for uuids the cache does not hold (one query per batch, not per row). */
export async function findGpuIds(db: Db, uuids: readonly string[]): Promise<Map<string, number>> {
  if (uuids.length === 0) return new Map();
  const rows = await db.selectFrom('gpus').select(['uuid', 'gpu_id']).where('uuid', 'in', uuids).execute();
  return new Map(rows.map((row) => [row.uuid, row.gpu_id]));
}

/**
 * A sample for a GPU no inventory has announced yet (a hot-plug, or the writer flushing before the
 * first inventory) registers the GPU with the facts a sample carries, so no data is lost; the
 * next inventory fills in the rest. The host is created too if needed, named by its id.
 */
export async function registerGpuFromSample(db: Db, sample: GpuSample): Promise<number> {
  await db
    .insertInto('hosts')
    .values({
      host_id: sample.hostId,
      hostname: sample.hostId,
      driver_version: null,
      cuda_version: null,
      first_seen_at: sample.ts,
      last_seen_at: sample.ts,
    })
    .onConflict((oc) => oc.column('host_id').doNothing())
    .execute();
  const row = await db
    .insertInto('gpus')
    .values({
      uuid: sample.uuid,
      host_id: sample.hostId,
      idx: sample.index,
      name: '',
      serial: null,
      bus_id: null,
      vbios_version: null,
      memory_total_mib: sample.memoryTotalMiB,
      power_limit_w: sample.powerLimitW,
      power_limit_default_w: null,
      mig_mode: null,
      compute_mode: null,
      persistence_mode: null,
      first_seen_at: sample.ts,
      last_seen_at: sample.ts,
    })
    .returning('gpu_id')
    .executeTakeFirstOrThrow();
  return row.gpu_id;
}
