import type { Kysely } from 'kysely';
import { epochMsType, identityKey, metricType } from './migration-dialect.js';

/** Hosts and their GPUs. GPUs are keyed by uuid (indices change across reboots) and get a compact integer id. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hosts')
    .addColumn('host_id', 'text', (c) => c.primaryKey())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('driver_version', 'text')
    .addColumn('cuda_version', 'text')
    .addColumn('first_seen_at', epochMsType(db), (c) => c.notNull())
    .addColumn('last_seen_at', epochMsType(db), (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gpus')
    .addColumn('gpu_id', 'integer', identityKey(db))
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.host_id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('serial', 'text')
    .addColumn('bus_id', 'text')
    .addColumn('vbios_version', 'text')
    .addColumn('memory_total_mib', metricType(db))
    .addColumn('power_limit_w', metricType(db))
    .addColumn('power_limit_default_w', metricType(db))
    .addColumn('mig_mode', 'text')
    .addColumn('compute_mode', 'text')
    .addColumn('persistence_mode', 'integer')
    .addColumn('first_seen_at', epochMsType(db), (c) => c.notNull())
    .addColumn('last_seen_at', epochMsType(db), (c) => c.notNull())
    .execute();

  await db.schema.createIndex('gpus_host_id_idx').on('gpus').column('host_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gpus').execute();
  await db.schema.dropTable('hosts').execute();
}
