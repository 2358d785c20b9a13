import { ROLLUP_TIERS, type HistoryTier } from '@gpu-sentinel/protocol';
import { ROLLUP_TABLES } from '../db.js';
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
    const rollupTables = ROLLUP_TIERS.map((tier) => ROLLUP_TABLES[tier]);
    const { rows } = await client.query<{ database: number; raw: number | null; rollups: (number | string)[] }>(
      `SELECT pg_database_size(current_database()) AS database,
              (SELECT sum(pg_total_relation_size(quote_ident(p)::regclass)) FROM unnest($1::text[]) AS p) AS raw,
              ARRAY(SELECT pg_total_relation_size(quote_ident(t)::regclass)
                      FROM unnest($2::text[]) WITH ORDINALITY AS r(t, i) ORDER BY i) AS rollups`,
      [partitions.map((partition) => partition.name), rollupTables],
    );
    const row = rows[0];
    if (row === undefined) throw new Error('size query returned no row');
    const tiers = { raw: row.raw ?? 0 } as Record<HistoryTier, number>;
    // A bigint[] comes back as strings (the INT8 parser covers single values only).
    ROLLUP_TIERS.forEach((tier, i) => (tiers[tier] = Number(row.rollups[i] ?? 0)));
    return { database: row.database, tiers };
  } finally {
    client.release();
  }
}
