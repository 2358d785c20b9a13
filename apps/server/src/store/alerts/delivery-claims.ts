import type { NotificationPayload } from '@gpu-sentinel/protocol';
import type { Kysely } from 'kysely';
import type { ChannelRecord, ClaimedDelivery } from '../alert-store.js';
import type { Database } from '../schema.js';
import { toChannel } from './channel-rows.js';
import { isPostgres } from './sql-support.js';

/**
 * Select the due rows and push their next attempt past the lease in one transaction. On Postgres
 * the select locks its rows and skips rows another transaction holds (FOR UPDATE SKIP LOCKED),
 * so replicas claiming at once split the work; SQLite has one writer, so the transaction alone
 * makes it atomic.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const locksRows = isPostgres(db);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('notification_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(limit)
      .$if(locksRows, (q) => q.forUpdate().skipLocked())
      .execute();
    if (due.length === 0) return [];
    const rows = await trx
      .updateTable('notification_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: now + leaseMs }))
      .where(
        'id',
        'in',
        due.map((row) => row.id),
      )
      .returningAll()
      .execute();
    const channelIds = [...new Set(rows.flatMap((row) => (row.channel_id === null ? [] : [row.channel_id])))];
    const channels = new Map<number, ChannelRecord>();
    if (channelIds.length > 0) {
      const channelRows = await trx
        .selectFrom('notification_channels')
        .selectAll()
        .where('id', 'in', channelIds)
        .execute();
      for (const row of channelRows) channels.set(row.id, toChannel(row));
    }
    return rows
      .sort((a, b) => a.id - b.id)
      .map((row) => ({
        id: row.id,
        alertId: row.alert_id,
        event: row.event,
        idempotencyKey: row.idempotency_key,
        payload: JSON.parse(row.payload) as Omit<NotificationPayload, 'url'>,
        attempts: row.attempts,
        channel: row.channel_id === null ? null : (channels.get(row.channel_id) ?? null),
      }));
  });
}

export async function markDelivered(db: Kysely<Database>, id: number, at: number): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set({ status: 'delivered', delivered_at: at, next_attempt_at: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(
  db: Kysely<Database>,
  id: number,
  error: string,
  nextAttemptAt: number | null,
): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set({ status: nextAttemptAt === null ? 'dead' : 'pending', last_error: error, next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .execute();
}

export async function nextDeliveryDueAt(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('notification_outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('due'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.due ?? null;
}
