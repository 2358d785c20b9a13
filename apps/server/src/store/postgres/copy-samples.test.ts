import { describe, expect, it } from 'vitest';
import { SAMPLE_ROW_COLUMNS, sampleRowValues, type SqlValue } from '../sample-row.js';
import { gpuSample } from '../test-fixtures.js';
import { copyBinary, copyBinaryChunks } from './copy-samples.js';

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
