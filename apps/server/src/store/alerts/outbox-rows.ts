import { randomUUID } from 'node:crypto';
import type { Alert, ChannelType, Delivery, DeliveryListQuery, DeliveryPage } from '@gpu-sentinel/protocol';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { NotifyTarget } from '../alert-store.js';
import type { Database, NotificationOutboxTable } from '../schema.js';
import { decodeIdCursor, encodeIdCursor } from './sql-support.js';

export type OutboxEvent = NotificationOutboxTable['event'];

/**
 * One pending outbox row per target channel, due at once, inside the caller's transaction. A
 * target named twice gets one row; one whose channel no longer exists gets none. The payload is
 * the alert as it is now: a later change does not rewrite what this event said.
 */
export async function enqueueNotifications(
  trx: Transaction<Database>,
  alert: Alert,
  event: OutboxEvent,
  targets: readonly NotifyTarget[],
  now: number,
): Promise<void> {
  const channelIds = [...new Set(targets.map((target) => target.channelId))];
  if (channelIds.length === 0) return;
  const channels = await trx
    .selectFrom('notification_channels')
    .select(['id', 'name', 'type'])
    .where('id', 'in', channelIds)
    .orderBy('id')
    .execute();
  if (channels.length === 0) return;
  await trx
    .insertInto('notification_outbox')
    .values(
      channels.map((channel) => {
        const idempotencyKey = randomUUID();
        return {
          alert_id: alert.id,
          channel_id: channel.id,
          channel_name: channel.name,
          channel_type: channel.type,
          event,
          idempotency_key: idempotencyKey,
          payload: JSON.stringify({ idempotencyKey, event, alert, sentBy: 'gpu-sentinel' }),
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          created_at: now,
          delivered_at: null,
        };
      }),
    )
    .execute();
}

export function toDelivery(row: Selectable<NotificationOutboxTable>): Delivery {
  return {
    id: row.id,
    alertId: row.alert_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelType: row.channel_type as ChannelType,
    event: row.event,
    idempotencyKey: row.idempotency_key,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

export async function retryDelivery(db: Kysely<Database>, id: number, now: number): Promise<Delivery | undefined> {
  const row = await db
    .updateTable('notification_outbox')
    .set({ status: 'pending', next_attempt_at: now })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toDelivery(row);
}

export async function listDeliveries(db: Kysely<Database>, query: DeliveryListQuery): Promise<DeliveryPage> {
  const beforeId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
  const rows = await db
    .selectFrom('notification_outbox')
    .selectAll()
    .$if(query.channelId !== undefined, (q) => q.where('channel_id', '=', query.channelId ?? 0))
    .$if(query.alertId !== undefined, (q) => q.where('alert_id', '=', query.alertId ?? 0))
    .$if(query.status !== undefined, (q) => q.where('status', '=', query.status ?? 'pending'))
    .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId ?? 0))
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(toDelivery);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last !== undefined ? encodeIdCursor(last.id) : null };
}
