import { sql, type Kysely } from 'kysely';
import { epochMsType, identityKey, metricType } from './migration-dialect.js';

/**
 * Alert events. Nothing writes them yet; the alert engine will. `rule_id` gets its foreign key
 * when `alert_rules` exists; `gpu_id`/`host_id` are null for alerts that are not about one GPU/host.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', identityKey(db))
    .addColumn('rule_id', 'integer')
    .addColumn('gpu_id', 'integer', (c) => c.references('gpus.gpu_id'))
    .addColumn('host_id', 'text', (c) => c.references('hosts.host_id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', metricType(db))
    .addColumn('threshold', metricType(db))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('started_at', epochMsType(db), (c) => c.notNull())
    .addColumn('resolved_at', epochMsType(db))
    .addColumn('acknowledged_at', epochMsType(db))
    .addColumn('acknowledged_by', 'text')
    .addCheckConstraint('alerts_state_check', sql`state in ('firing', 'resolved', 'acknowledged')`)
    .addCheckConstraint('alerts_severity_check', sql`severity in ('info', 'warning', 'critical')`)
    .execute();

  await db.schema.createIndex('alerts_state_started_at_idx').on('alerts').columns(['state', 'started_at']).execute();
  await db.schema.createIndex('alerts_gpu_id_started_at_idx').on('alerts').columns(['gpu_id', 'started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alerts').execute();
}
