import type { HistoryTier } from '@gpu-sentinel/protocol';
import type { PostgresConnection } from './connection.js';
import { listRawPartitions } from './partitions.js';

export interface PostgresSizes {
  /** The whole database (every schema in it), as the operator's disk sees it. */
  database: number;
  /** Table plus indexes (and TOAST) per tier; raw is the sum over its day partitions. */
  tiers: Record<HistoryTier, number>;
}

export async function tierSizes(connection: PostgresConnection): Promise<PostgresSizes> {
  const client = await connection.acquire();
  try {
    const partitions = await listRawPartitions(client);
    const { rows } = await client.query<{ database: number; m: number; h: number; raw: number | null }>(
      `SELECT pg_database_size(current_database()) AS database,
              pg_total_relation_size('gpu_metrics_1m') AS m,
              pg_total_relation_size('gpu_metrics_1h') AS h,
              (SELECT sum(pg_total_relation_size(quote_ident(p)::regclass)) FROM unnest($1::text[]) AS p) AS raw`,
      [partitions.map((partition) => partition.name)],
    );
    const row = rows[0];
    if (row === undefined) throw new Error('size query returned no row');
    return { database: row.database, tiers: { raw: row.raw ?? 0, '1m': row.m, '1h': row.h } };
  } finally {
    client.release();
  }
}
