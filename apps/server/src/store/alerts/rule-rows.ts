import type { AlertRule, RuleBody, RuleMetric, RuleOp } from '@gpu-sentinel/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { AlertRulesTable, Database } from '../schema.js';
import { isUniqueViolation, NameTakenError } from './sql-support.js';

function toRule(row: Selectable<AlertRulesTable>): AlertRule {
  return {
    id: row.id,
    name: row.name,
    metric: row.metric as RuleMetric,
    op: row.op as RuleOp,
    threshold: row.threshold,
    forSeconds: row.for_seconds,
    clearThreshold: row.clear_threshold,
    severity: row.severity,
    scope: {
      ...(row.scope_host_id === null ? {} : { hostId: row.scope_host_id }),
      ...(row.scope_uuid === null ? {} : { uuid: row.scope_uuid }),
    },
    channels: JSON.parse(row.channel_ids) as number[],
    repeatIntervalSeconds: row.repeat_interval_seconds,
    enabled: row.enabled === 1,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function ruleColumns(rule: RuleBody) {
  return {
    name: rule.name,
    metric: rule.metric,
    op: rule.op,
    threshold: rule.threshold,
    for_seconds: rule.forSeconds,
    clear_threshold: rule.clearThreshold,
    severity: rule.severity,
    scope_host_id: rule.scope.hostId ?? null,
    scope_uuid: rule.scope.uuid ?? null,
    channel_ids: JSON.stringify(rule.channels),
    repeat_interval_seconds: rule.repeatIntervalSeconds,
    enabled: rule.enabled ? 1 : 0,
  };
}

export async function listRules(db: Kysely<Database>): Promise<AlertRule[]> {
  const rows = await db.selectFrom('alert_rules').selectAll().orderBy('id').execute();
  return rows.map(toRule);
}

export async function getRule(db: Kysely<Database>, id: number): Promise<AlertRule | undefined> {
  const row = await db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toRule(row);
}

export async function createRule(db: Kysely<Database>, rule: RuleBody, now: number): Promise<AlertRule> {
  try {
    const row = await db
      .insertInto('alert_rules')
      .values({ ...ruleColumns(rule), is_default: 0, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRule(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new NameTakenError('rule', rule.name);
    throw error;
  }
}

/** A default rule edited stays marked default (it still came with the product). */
export async function updateRule(
  db: Kysely<Database>,
  id: number,
  rule: RuleBody,
  now: number,
): Promise<AlertRule | undefined> {
  try {
    const row = await db
      .updateTable('alert_rules')
      .set({ ...ruleColumns(rule), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toRule(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new NameTakenError('rule', rule.name);
    throw error;
  }
}

/** Alerts the rule opened stay, with its name and id, as history. */
export async function deleteRule(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
