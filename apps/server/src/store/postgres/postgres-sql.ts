import { sql } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * What Postgres spells differently from SQLite, in one place. pg sends JS numbers untyped, so the
 * parameters are cast to bigint to make the division integer division on the bigint `ts`
 * (truncating, like SQLite's; reads never start before their origin). LEAST/GREATEST skip NULLs.
 */
export const postgresDialect: SqlDialect = {
  bucketIndex: (originMs, bucketMs) => sql<number>`(ts - cast(${originMs} as bigint)) / cast(${bucketMs} as bigint)`,
  leastOf: (a, b) => sql<number | null>`least(${a}, ${b})`,
  greatestOf: (a, b) => sql<number | null>`greatest(${a}, ${b})`,
};
