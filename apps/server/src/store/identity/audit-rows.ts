import { AuditEventType } from '@gpu-sentinel/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { AuditPage, AuditRecord, NewAuditRecord } from '../identity-store.js';
import type { AuditLogTable, Database } from '../schema.js';

function toAudit(row: Selectable<AuditLogTable>): AuditRecord {
  return {
    id: row.id,
    ts: row.ts,
    type: AuditEventType.parse(row.type),
    actor: row.actor,
    target: row.target,
    ip: row.ip,
    details: parseDetails(row.details),
  };
}

function parseDetails(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

export async function insertAudit(db: Kysely<Database>, event: NewAuditRecord): Promise<AuditRecord> {
  const row = await db
    .insertInto('audit_log')
    .values({
      ts: event.ts,
      type: event.type,
      actor: event.actor,
      target: event.target,
      ip: event.ip,
      details: JSON.stringify(event.details),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAudit(row);
}

/** Newest first by id (ids grow with time); one extra row tells whether there is an older page. */
export async function listAudit(
  db: Kysely<Database>,
  query: { cursor?: number | undefined; limit: number },
): Promise<AuditPage> {
  let select = db.selectFrom('audit_log').selectAll();
  if (query.cursor !== undefined) select = select.where('id', '<', query.cursor);
  const rows = await select
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(toAudit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last !== undefined ? last.id : null };
}
