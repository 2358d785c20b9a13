import type { Alert, AlertListQuery, AlertPage, RuleMetric, RuleOp } from '@gpu-sentinel/protocol';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { NewAlert, NotifyTarget } from '../alert-store.js';
import type { AlertsTable, Database } from '../schema.js';
import { enqueueNotifications } from './outbox-rows.js';
import { decodeIdCursor, encodeIdCursor } from './sql-support.js';

const ACTIVE_STATES = ['firing', 'acknowledged'] as const;

export function toAlert(row: Selectable<AlertsTable>): Alert {
  return {
    id: row.id,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    hostId: row.host_id,
    uuid: row.uuid,
    state: row.state,
    severity: row.severity,
    metric: row.metric as RuleMetric,
    op: row.op as RuleOp,
    value: row.value,
    // Only rows from before alert rules existed lack one.
    threshold: row.threshold ?? 0,
    message: row.message,
    startedAt: row.started_at,
    resolvedAt: row.resolved_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    silencedUntil: row.silenced_until,
  };
}

export async function openAlert(
  db: Kysely<Database>,
  alert: NewAlert,
  targets: readonly NotifyTarget[],
  now: number,
): Promise<Alert> {
  return db.transaction().execute(async (trx) => {
    // An alert can fire before its host's inventory is stored (the first ticks, an agent's first
    // batch): a placeholder host row keeps the reference valid until the inventory fills it in.
    if (alert.hostId !== null) {
      await trx
        .insertInto('hosts')
        .values({ host_id: alert.hostId, hostname: alert.hostId, first_seen_at: now, last_seen_at: now })
        .onConflict((conflict) => conflict.column('host_id').doNothing())
        .execute();
    }
    const gpu =
      alert.uuid === null
        ? undefined
        : await trx.selectFrom('gpus').select('gpu_id').where('uuid', '=', alert.uuid).executeTakeFirst();
    const row = await trx
      .insertInto('alerts')
      .values({
        rule_id: alert.ruleId,
        rule_name: alert.ruleName,
        gpu_id: gpu?.gpu_id ?? null,
        host_id: alert.hostId,
        uuid: alert.uuid,
        state: 'firing',
        severity: alert.severity,
        metric: alert.metric,
        op: alert.op,
        value: alert.value,
        threshold: alert.threshold,
        message: alert.message,
        started_at: alert.startedAt,
        resolved_at: null,
        acknowledged_at: null,
        acknowledged_by: null,
        silenced_until: null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const opened = toAlert(row);
    await enqueueNotifications(trx, opened, 'firing', targets, now);
    return opened;
  });
}

async function activeAlertRow(trx: Transaction<Database>, id: number) {
  return trx
    .selectFrom('alerts')
    .selectAll()
    .where('id', '=', id)
    .where('state', 'in', ACTIVE_STATES)
    .executeTakeFirst();
}

export async function repeatAlert(
  db: Kysely<Database>,
  id: number,
  targets: readonly NotifyTarget[],
  now: number,
): Promise<Alert | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await activeAlertRow(trx, id);
    if (row === undefined) return undefined;
    const alert = toAlert(row);
    await enqueueNotifications(trx, alert, 'repeat', targets, now);
    return alert;
  });
}

export async function resolveAlert(
  db: Kysely<Database>,
  id: number,
  resolvedAt: number,
  targets: readonly NotifyTarget[],
  now: number,
): Promise<Alert | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('alerts')
      .set({ state: 'resolved', resolved_at: resolvedAt, updated_at: now })
      .where('id', '=', id)
      .where('state', 'in', ACTIVE_STATES)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const alert = toAlert(row);
    await enqueueNotifications(trx, alert, 'resolved', targets, now);
    return alert;
  });
}

export async function acknowledgeAlert(
  db: Kysely<Database>,
  id: number,
  by: string,
  at: number,
): Promise<Alert | undefined> {
  const row = await db
    .updateTable('alerts')
    .set({ state: 'acknowledged', acknowledged_at: at, acknowledged_by: by, updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'firing')
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? getAlert(db, id) : toAlert(row);
}

export async function silenceAlert(db: Kysely<Database>, id: number, until: number): Promise<Alert | undefined> {
  const row = await db
    .updateTable('alerts')
    .set({ silenced_until: until })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toAlert(row);
}

export async function getAlert(db: Kysely<Database>, id: number): Promise<Alert | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toAlert(row);
}

export async function listActiveAlerts(db: Kysely<Database>): Promise<Alert[]> {
  const rows = await db.selectFrom('alerts').selectAll().where('state', 'in', ACTIVE_STATES).orderBy('id').execute();
  return rows.map(toAlert);
}

/** `from`/`to` bound started_at, both inclusive. */
export async function listAlerts(db: Kysely<Database>, query: AlertListQuery): Promise<AlertPage> {
  const beforeId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
  const filtered = db
    .selectFrom('alerts')
    .$if(query.active === 'true', (q) => q.where('state', 'in', ACTIVE_STATES))
    .$if(query.active === 'false', (q) => q.where('state', '=', 'resolved'))
    .$if(query.active === undefined && query.state !== undefined, (q) => q.where('state', '=', query.state ?? 'firing'))
    .$if(query.severity !== undefined, (q) => q.where('severity', '=', query.severity ?? 'info'))
    .$if(query.uuid !== undefined, (q) => q.where('uuid', '=', query.uuid ?? ''))
    .$if(query.hostId !== undefined, (q) => q.where('host_id', '=', query.hostId ?? ''))
    .$if(query.ruleId !== undefined, (q) => q.where('rule_id', '=', query.ruleId ?? 0))
    .$if(query.from !== undefined, (q) => q.where('started_at', '>=', query.from ?? 0))
    .$if(query.to !== undefined, (q) => q.where('started_at', '<=', query.to ?? 0));
  const [rows, count] = await Promise.all([
    filtered
      .selectAll()
      .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId ?? 0))
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.slice(0, query.limit).map(toAlert);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last !== undefined ? encodeIdCursor(last.id) : null,
    total: Number(count.n),
  };
}
