import { NUMERIC_METRICS } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { gpuSample } from '../../store/test-fixtures.js';
import { csvField, ROLLUP_CSV_HEADER, rollupCsvLine, SAMPLE_CSV_HEADER, sampleCsvLine } from './export-csv.js';
import { exportFilename } from './export-history.js';

describe('export CSV', () => {
  it('quotes fields with commas, quotes or line breaks (RFC 4180), and writes null as empty', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });

  it('writes one sample per line under its header, columns in the same order', () => {
    const header = SAMPLE_CSV_HEADER.trimEnd().split(',');
    expect(header).toEqual([
      'ts',
      'time',
      'host_id',
      'uuid',
      'index',
      ...NUMERIC_METRICS,
      'pstate',
      'throttle_reasons',
    ]);
    const line = sampleCsvLine(
      gpuSample({ uuid: 'GPU-1', ts: 0, temperatureC: 55, pstate: 'P0', throttleReasons: ['a', 'b'] }),
    );
    const fields = line.trimEnd().split(',');
    expect(fields).toHaveLength(header.length);
    expect(fields.slice(0, 5)).toEqual(['0', '1970-01-01T00:00:00.000Z', 'host-a', 'GPU-1', '0']);
    expect(fields[header.indexOf('temperatureC')]).toBe('55');
    expect(fields.slice(-2)).toEqual(['P0', 'a;b']);
  });

  it('writes rollups with samples and min/avg/max per metric, empty where a metric was never reported', () => {
    const header = ROLLUP_CSV_HEADER.trimEnd().split(',');
    const fields = rollupCsvLine({
      ts: 60_000,
      tier: '1m',
      hostId: 'h',
      uuid: 'GPU-1',
      index: 2,
      samples: 240,
      metrics: { powerDrawW: { min: 100, avg: 150.5, max: 200 } },
    })
      .trimEnd()
      .split(',');
    expect(fields).toHaveLength(header.length);
    expect(fields[header.indexOf('samples')]).toBe('240');
    expect(fields.slice(header.indexOf('powerDrawW_min'), header.indexOf('powerDrawW_max') + 1)).toEqual([
      '100',
      '150.5',
      '200',
    ]);
    expect(fields[header.indexOf('temperatureC_avg')]).toBe('');
  });

  it('names the file after the tier and range in ISO 8601 basic format', () => {
    expect(exportFilename('1m', Date.UTC(2026, 0, 2, 3, 4, 5), Date.UTC(2026, 0, 3), 'ndjson')).toBe(
      'gpu-sentinel-1m-20260102T030405Z-20260103T000000Z.ndjson',
    );
  });
});
