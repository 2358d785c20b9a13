import { sql, type Kysely } from 'kysely';
import { epochMsType, identityKey, metricType } from './migration-dialect.js';

/** A rule shipped with the product: enabled, notifying every channel that takes its severity. */
interface DefaultRule {
  name: string;
  metric: string;
  op: '>' | '>=';
  threshold: number;
  forSeconds: number;
  clearThreshold: number | null;
  severity: 'warning' | 'critical';
}

const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    name: 'GPU temperature warning',
    metric: 'temperatureC',
    op: '>=',
    threshold: 80,
    forSeconds: 30,
    clearThreshold: 75,
    severity: 'warning',
  },
  {
    name: 'GPU temperature critical',
    metric: 'temperatureC',
    op: '>=',
    threshold: 85,
    forSeconds: 30,
    clearThreshold: 80,
    severity: 'critical',
  },
  {
    name: 'GPU memory almost full',
    metric: 'memoryUsedPct',
    op: '>=',
    threshold: 90,
    forSeconds: 60,
    clearThreshold: 85,
    severity: 'warning',
  },
  {
    name: 'GPU memory full',
    metric: 'memoryUsedPct',
    op: '>=',
    threshold: 95,
    forSeconds: 60,
    clearThreshold: 90,
    severity: 'critical',
  },
  {
    name: 'Power above the limit',
    metric: 'powerLimitPct',
    op: '>',
    threshold: 100,
    forSeconds: 30,
    clearThreshold: 95,
    severity: 'warning',
  },
  {
    name: 'GPU stale',
    metric: 'gpuStaleSeconds',
    op: '>=',
    threshold: 30,
    forSeconds: 0,
    clearThreshold: null,
    severity: 'critical',
  },
  {
    name: 'nvidia-smi down',
    metric: 'nvidiaSmiDown',
    op: '>=',
    threshold: 1,
    forSeconds: 10,
    clearThreshold: null,
    severity: 'critical',
  },
];

/** Critical defaults notify again hourly while unattended; warnings once. */
const CRITICAL_REPEAT_SECONDS = 3_600;

/**
 * Alert rules (with the shipped defaults), notification channels and the notification outbox;
 * alerts gain what the engine and the API need. Booleans are integers 0/1 on both engines, as
 * users.is_disabled; JSON lives in text columns. alerts.rule_id stays without a foreign key: an
 * alert outlives its rule (it keeps the rule's name and id for history).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE statement.
  await db.schema
    .alterTable('alerts')
    .addColumn('rule_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('alerts').addColumn('uuid', 'text').execute();
  await db.schema
    .alterTable('alerts')
    .addColumn('op', 'text', (c) => c.notNull().defaultTo('>='))
    .execute();
  await db.schema.alterTable('alerts').addColumn('silenced_until', epochMsType(db)).execute();
  await db.schema
    .alterTable('alerts')
    .addColumn('updated_at', epochMsType(db), (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('alerts_uuid_id_idx').on('alerts').columns(['uuid', 'id']).execute();
  await db.schema.createIndex('alerts_rule_id_id_idx').on('alerts').columns(['rule_id', 'id']).execute();
  await db.schema.createIndex('alerts_host_id_id_idx').on('alerts').columns(['host_id', 'id']).execute();

  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'integer', identityKey(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('threshold', metricType(db), (c) => c.notNull())
    .addColumn('for_seconds', 'integer', (c) => c.notNull())
    .addColumn('clear_threshold', metricType(db))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('scope_host_id', 'text')
    .addColumn('scope_uuid', 'text')
    .addColumn('channel_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('repeat_interval_seconds', 'integer')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', epochMsType(db), (c) => c.notNull())
    .addColumn('updated_at', epochMsType(db), (c) => c.notNull())
    .addCheckConstraint('alert_rules_op_check', sql`op in ('>', '>=', '<', '<=')`)
    .addCheckConstraint('alert_rules_severity_check', sql`severity in ('info', 'warning', 'critical')`)
    .execute();

  const now = Date.now();
  await (db as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto('alert_rules')
    .values(
      DEFAULT_RULES.map((rule) => ({
        name: rule.name,
        metric: rule.metric,
        op: rule.op,
        threshold: rule.threshold,
        for_seconds: rule.forSeconds,
        clear_threshold: rule.clearThreshold,
        severity: rule.severity,
        channel_ids: '[]',
        repeat_interval_seconds: rule.severity === 'critical' ? CRITICAL_REPEAT_SECONDS : null,
        enabled: 1,
        is_default: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'integer', identityKey(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('severities', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', epochMsType(db), (c) => c.notNull())
    .addColumn('updated_at', epochMsType(db), (c) => c.notNull())
    .addCheckConstraint(
      'notification_channels_type_check',
      sql`type in ('email', 'webhook', 'slack', 'discord', 'alertmanager')`,
    )
    .execute();

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'integer', identityKey(db))
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('channel_id', 'integer', (c) => c.references('notification_channels.id').onDelete('set null'))
    .addColumn('channel_name', 'text', (c) => c.notNull())
    .addColumn('channel_type', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', epochMsType(db))
    .addColumn('last_error', 'text')
    .addColumn('created_at', epochMsType(db), (c) => c.notNull())
    .addColumn('delivered_at', epochMsType(db))
    .addCheckConstraint('notification_outbox_event_check', sql`event in ('firing', 'repeat', 'resolved')`)
    .addCheckConstraint('notification_outbox_status_check', sql`status in ('pending', 'delivered', 'dead')`)
    .execute();
  await db.schema
    .createIndex('notification_outbox_status_next_attempt_at_idx')
    .on('notification_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('notification_outbox_alert_id_idx')
    .on('notification_outbox')
    .column('alert_id')
    .execute();
  await db.schema
    .createIndex('notification_outbox_channel_id_idx')
    .on('notification_outbox')
    .columns(['channel_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notification_outbox', 'notification_channels', 'alert_rules']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('alerts_host_id_id_idx').execute();
  await db.schema.dropIndex('alerts_rule_id_id_idx').execute();
  await db.schema.dropIndex('alerts_uuid_id_idx').execute();
  for (const column of ['updated_at', 'silenced_until', 'op', 'uuid', 'rule_name']) {
    await db.schema.alterTable('alerts').dropColumn(column).execute();
  }
}
