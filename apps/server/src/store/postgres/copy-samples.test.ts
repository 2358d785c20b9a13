import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { SAMPLE_ROW_COLUMNS, sampleRowValues, type SqlValue } from '../sample-row.js';
import { gpuSample } from '../test-fixtures.js';
import { copyBinary, copyBinaryChunks, sendCopy } from './copy-samples.js';
import { DAY_MS } from './partitions.js';
import { inspectSchema, isPostgresTestRun, openTestStore, testSchemaName } from './postgres-test-store.js';

/** Read COPY's binary format back, typing each field by its column (int4, int8, float8, text). */
function decode(buffer: Buffer): SqlValue[][] {
  expect(buffer.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  let at = 19;
  const rows: SqlValue[][] = [];
  for (;;) {
    const fields = buffer.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    expect(fields).toBe(SAMPLE_ROW_COLUMNS.length);
    const row: SqlValue[] = [];
    for (const column of SAMPLE_ROW_COLUMNS) {
      const length = buffer.readInt32BE(at);
      at += 4;
      if (length === -1) {
        row.push(null);
        continue;
      }
      if (column === 'gpu_id') row.push(buffer.readInt32BE(at));
      else if (column === 'ts') row.push(Number(buffer.readBigInt64BE(at)));
      else if (column === 'pstate' || column === 'throttle_reasons') row.push(buffer.toString('utf8', at, at + length));
      else row.push(buffer.readDoubleBE(at));
      at += length;
    }
    rows.push(row);
  }
  expect(at).toBe(buffer.length);
  return rows;
}

describe('COPY binary', () => {
  it('writes each sample as the row values the SQLite path inserts, strings unescaped', () => {
    const samples = [
      gpuSample({
        uuid: 'a',
        ts: 1_700_000_000_250,
        temperatureC: 61.5,
        powerDrawW: -1.5e-7,
        pstate: 'P\t2\\\n',
        throttleReasons: ['x\ny', 'ünï ✓'],
      }),
      gpuSample({ uuid: 'b', ts: 5, powerDrawW: 0, pstate: null }),
    ];
    const gpuIdOf = (uuid: string) => (uuid === 'a' ? 1 : 70_000);
    expect(decode(copyBinary(samples, gpuIdOf))).toEqual(
      samples.map((sample) => sampleRowValues(sample, gpuIdOf(sample.uuid))),
    );
  });

  it('sent in pieces, is the same stream of bytes: the header once, the trailer once', () => {
    const samples = [1, 2, 3, 4, 5].map((i) => gpuSample({ uuid: 'a', ts: i * 250, pstate: `P${String(i)}` }));
    const gpuIdOf = () => 7;
    const pieces = [...copyBinaryChunks(samples, gpuIdOf, 2)];
    expect(pieces).toHaveLength(3);
    expect(Buffer.concat(pieces)).toEqual(copyBinary(samples, gpuIdOf));
    expect(decode(Buffer.concat(pieces))).toHaveLength(5);
  });
});

/** A migrated schema whose raw table has one partition, day 0, to COPY into on a plain connection. */
async function withRawTable(test: (client: pg.Client) => Promise<void>): Promise<void> {
  const schema = testSchemaName();
  const store = await openTestStore({ schema });
  try {
    await inspectSchema(schema, async (client) => {
      await client.query(`CREATE TABLE day0 PARTITION OF gpu_metrics FOR VALUES FROM (0) TO (${String(DAY_MS)})`);
      await test(client);
    });
  } finally {
    await store.close();
  }
}

const copyAll = async (client: pg.Client, pieces: Iterable<Buffer>) => {
  const { ingested } = await sendCopy(client, pieces);
  await ingested;
};

describe.skipIf(!isPostgresTestRun)('COPY in pieces', () => {
  it('lands every row', async () => {
    await withRawTable(async (client) => {
      const samples = [1, 2, 3, 4, 5].map((ts) => gpuSample({ uuid: 'a', ts }));
      await copyAll(
        client,
        copyBinaryChunks(samples, () => 1, 2),
      );
      const { rows } = await client.query<{ ts: string }>('SELECT ts FROM gpu_metrics ORDER BY ts');
      expect(rows.map((row) => Number(row.ts))).toEqual([1, 2, 3, 4, 5]);
    });
  });

  it('is cancelled when a piece fails to encode, so the rollback runs instead of waiting for rows', async () => {
    await withRawTable(async (client) => {
      const samples = [1, 2, 3].map((ts) => gpuSample({ uuid: 'a', ts }));
      function* failingPieces(): Generator<Buffer> {
        for (const piece of copyBinaryChunks(samples, () => 1, 1)) {
          yield piece;
          throw new Error('cannot encode');
        }
      }
      await client.query('BEGIN');
      await expect(copyAll(client, failingPieces())).rejects.toThrow('cannot encode');
      await client.query('ROLLBACK');
      expect((await client.query('SELECT count(*)::int AS n FROM gpu_metrics')).rows).toEqual([{ n: 0 }]);
    });
  });

  it("fails with the server's error when the server refuses a row, and the connection goes on", async () => {
    await withRawTable(async (client) => {
      // A day without a partition: what the store retries after creating it.
      const samples = [gpuSample({ uuid: 'a', ts: 1 }), gpuSample({ uuid: 'a', ts: 2 * DAY_MS })];
      await client.query('BEGIN');
      await expect(
        copyAll(
          client,
          copyBinaryChunks(samples, () => 1, 1),
        ),
      ).rejects.toMatchObject({ code: '23514' });
      await client.query('ROLLBACK');
      expect((await client.query('SELECT count(*)::int AS n FROM gpu_metrics')).rows).toEqual([{ n: 0 }]);
    });
  });
});
