import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { arrayLiteral } from './batch-merge.js';
import { isPostgresTestRun, testPostgresUrl } from './postgres-test-store.js';

// Values a rollup carries: integers, epoch ms, sums with long fractions, tiny and huge doubles, gaps.
const VALUES = [0, 1, -7, 1_767_225_600_000, 0.1 + 0.2, -1.5e-7, 1e21, 123_456.789_012_345_67, null];

describe('rollup parameters as array literals', () => {
  it('spells each number once and a gap as NULL', () => {
    expect(arrayLiteral([1, null, 2.5])).toBe('{1,NULL,2.5}');
    expect(arrayLiteral([])).toBe('{}');
  });
});

describe.skipIf(!isPostgresTestRun)('rollup parameters read by Postgres', () => {
  it('come back as exactly the doubles and integers sent', async () => {
    const client = new pg.Client({ connectionString: testPostgresUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ doubles: number[]; ints: string[] }>(
        'SELECT $1::double precision[] AS doubles, $2::bigint[] AS ints',
        [arrayLiteral(VALUES), arrayLiteral([1_767_225_600_000, 2 ** 53 - 1])],
      );
      expect(rows[0]?.doubles).toEqual(VALUES);
      expect(rows[0]?.ints.map(Number)).toEqual([1_767_225_600_000, 2 ** 53 - 1]);
    } finally {
      await client.end();
    }
  });
});
