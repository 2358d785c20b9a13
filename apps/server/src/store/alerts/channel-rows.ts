import { SECRET_CONFIG_FIELDS, type ChannelBody, type ChannelType, type Severity } from '@gpu-sentinel/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { ChannelRecord } from '../alert-store.js';
import type { Database, NotificationChannelsTable } from '../schema.js';
import { isUniqueViolation, NameTakenError } from './sql-support.js';

export function toChannel(row: Selectable<NotificationChannelsTable>): ChannelRecord {
  return {
    id: row.id,
    name: row.name,
    type: row.type as ChannelType,
    config: JSON.parse(row.config) as Record<string, unknown>,
    severities: JSON.parse(row.severities) as Severity[],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function channelColumns(channel: ChannelBody, config: Record<string, unknown>) {
  return {
    name: channel.name,
    type: channel.type,
    config: JSON.stringify(config),
    severities: JSON.stringify(channel.severities),
    enabled: channel.enabled ? 1 : 0,
  };
}

export async function listChannels(db: Kysely<Database>): Promise<ChannelRecord[]> {
  const rows = await db.selectFrom('notification_channels').selectAll().orderBy('id').execute();
  return rows.map(toChannel);
}

export async function getChannel(db: Kysely<Database>, id: number): Promise<ChannelRecord | undefined> {
  const row = await db.selectFrom('notification_channels').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toChannel(row);
}

export async function createChannel(db: Kysely<Database>, channel: ChannelBody, now: number): Promise<ChannelRecord> {
  try {
    const row = await db
      .insertInto('notification_channels')
      .values({ ...channelColumns(channel, channel.config), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toChannel(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new NameTakenError('channel', channel.name);
    throw error;
  }
}

/**
 * Secret fields the body leaves out keep the stored value (clients never see secrets, so they
 * cannot send them back), as long as the channel keeps its type.
 */
export async function updateChannel(
  db: Kysely<Database>,
  id: number,
  channel: ChannelBody,
  now: number,
): Promise<ChannelRecord | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      const stored = await trx.selectFrom('notification_channels').selectAll().where('id', '=', id).executeTakeFirst();
      if (stored === undefined) return undefined;
      const config: Record<string, unknown> = { ...channel.config };
      if (stored.type === channel.type) {
        const storedConfig = JSON.parse(stored.config) as Record<string, unknown>;
        for (const field of SECRET_CONFIG_FIELDS) {
          if (config[field] === undefined && storedConfig[field] !== undefined) config[field] = storedConfig[field];
        }
      }
      const row = await trx
        .updateTable('notification_channels')
        .set({ ...channelColumns(channel, config), updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toChannel(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new NameTakenError('channel', channel.name);
    throw error;
  }
}

/** Its outbox rows keep the channel's name and type; pending ones are claimed with `channel` null. */
export async function deleteChannel(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('notification_channels').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
