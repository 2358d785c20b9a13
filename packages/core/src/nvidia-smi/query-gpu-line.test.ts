import { describe, expect, it } from 'vitest';
import { csvCells, csvLines, parseHeaderLine } from './csv.js';
import { canonicalQueryGpuField } from './query-gpu-fields.js';
import { parseQueryGpuCsv } from './query-gpu-csv.js';
import {
  DEFAULT_LOOP_FIELDS,
  LOOP_QUERY_FIELDS,
  parseQueryGpuLine,
  QueryGpuLineError,
  selectLoopFields,
} from './query-gpu-line.js';
import { readFixture } from './test-fixtures.js';

const help = (name: string) => readFixture('help', name);

/** The noheader,nounits line the loop would print, cut from an all-fields capture (with its header). */
function loopLineFrom(captureFile: string, fields: readonly string[]): string {
  const [header = '', row = ''] = csvLines(readFixture('query-gpu-csv', captureFile));
  const columns = (parseHeaderLine(header) ?? []).map(canonicalQueryGpuField);
  const cells = csvCells(row);
  return fields
    .map((field) => cells[columns.indexOf(canonicalQueryGpuField(field))] ?? 'MISSING')
    .map((cell) => cell.replace(/ (MiB|W|%|MHz)$/, ''))
    .join(', ');
}

describe('selectLoopFields', () => {
  it('asks a 590 driver for instant power, event reasons, encoder and decoder load', () => {
    const fields = selectLoopFields(help('nvgpuexp-help-query-gpu-linux-590.48.01.txt'));
    expect(fields.slice(0, 2)).toEqual(['index', 'uuid']);
    expect(fields).toContain('power.draw.instant');
    expect(fields).toContain('clocks_event_reasons.active');
    expect(fields).toContain('utilization.encoder');
    expect(fields).toContain('enforced.power.limit');
    expect(fields).not.toContain('clocks_throttle_reasons.active');
    expect(fields).not.toContain('power.limit');
  });

  it('falls back to the old names on a 465 driver, which lists no instant power or encoder load', () => {
    const fields = selectLoopFields(help('nvgpuexp-help-query-gpu-465.27.txt'));
    expect(fields).toContain('clocks_throttle_reasons.active');
    expect(fields).toContain('power.draw');
    expect(fields).not.toContain('power.draw.instant');
    expect(fields).not.toContain('utilization.encoder');
  });

  it('keeps the loop order, and only fields the driver lists', () => {
    const fields = selectLoopFields(help('nvgpuexp-help-query-gpu-windows-610.62.txt'));
    const order = fields.map((field) => LOOP_QUERY_FIELDS.indexOf(field as (typeof LOOP_QUERY_FIELDS)[number]));
    expect(order.every((position, i) => position >= 0 && (i === 0 || position > (order[i - 1] ?? -1)))).toBe(true);
  });

  it('uses the conservative default set without help text, or with help text that lists nothing', () => {
    expect(selectLoopFields(null)).toEqual(DEFAULT_LOOP_FIELDS);
    expect(selectLoopFields('NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.')).toEqual(
      DEFAULT_LOOP_FIELDS,
    );
  });
});

describe('parseQueryGpuLine', () => {
  it('reads a loop line the same way the capture parser reads the capture it came from', () => {
    const file = 'nvgpuexp-linux-h100-80gb-hbm3-590.48.01-load-allfields.csv';
    const fields = selectLoopFields(help('nvgpuexp-help-query-gpu-linux-590.48.01.txt'));
    const reading = parseQueryGpuLine(loopLineFrom(file, fields), fields);
    const gpu = parseQueryGpuCsv(readFixture('query-gpu-csv', file)).gpus[0];

    expect(reading.uuid).toBe('GPU-00000000-0000-0000-0000-000000000000');
    expect(reading.index).toBe(0);
    expect(reading.metrics).toMatchObject({ memoryUsedMiB: 19818, powerDrawW: 625.68, temperatureC: 59 });
    expect(reading.metrics).toMatchObject({
      utilizationGpuPct: gpu?.utilizationGpuPct,
      memoryTotalMiB: gpu?.memoryTotalMiB,
      clockSmMHz: gpu?.clockSmMHz,
      eccErrorsCorrected: gpu?.eccErrorsCorrected,
      pstate: gpu?.pstate,
      throttleReasons: gpu?.throttleReasons,
    });
    expect(reading.metrics.pcieRxKBps).toBeNull();
  });

  it('reads [N/A] and [Not Supported] as null, not 0 (MIG, fanless card)', () => {
    const file = 'nvgpuexp-linux-h200-mig-590.48.01-idle-allfields.csv';
    const fields = selectLoopFields(help('nvgpuexp-help-query-gpu-linux-590.48.01.txt'));
    const { metrics } = parseQueryGpuLine(loopLineFrom(file, fields), fields);
    expect(metrics).toMatchObject({ utilizationGpuPct: null, fanSpeedPct: null, memoryUsedMiB: 55 });
    expect(metrics.throttleReasons).toEqual(['gpu_idle']);
  });

  it('reads a default-set line from an older driver', () => {
    const line =
      '1, GPU-683c6e09-3969-31a5-b7ca-cc88252b7fce, 100, 87, 754, 8119, 73, 213.07, 216.00, 63, 1987, 5130, P2, 0x0000000000000004, [N/A], [N/A]';
    const reading = parseQueryGpuLine(line, DEFAULT_LOOP_FIELDS);
    expect(reading.index).toBe(1);
    expect(reading.metrics).toMatchObject({
      powerDrawW: 213.07,
      powerLimitW: 216,
      fanSpeedPct: 63,
      throttleReasons: ['sw_power_cap'],
      eccErrorsCorrected: null,
    });
  });

  const fields = ['index', 'uuid', 'temperature.gpu', 'pstate', 'clocks_event_reasons.active'];
  const rejected = (line: string): QueryGpuLineError => {
    try {
      parseQueryGpuLine(line, fields);
    } catch (error) {
      if (error instanceof QueryGpuLineError) return error;
      throw error;
    }
    throw new Error(`accepted ${line}`);
  };

  it.each([
    ['too few values', '0, GPU-1, 40', 'column-count'],
    ['too many values', '0, GPU-1, 40, P0, 0x0, extra', 'column-count'],
    [
      'an nvidia-smi error message',
      'Unable to determine the device handle for GPU0000:01:00.0: Unknown Error',
      'column-count',
    ],
    ['a blank line', '', 'column-count'],
    ['no uuid', '0, [N/A], 40, P0, 0x0', 'missing-uuid'],
    ['text instead of a uuid', '0, hello, 40, P0, 0x0', 'missing-uuid'],
    ['no index', '[N/A], GPU-1, 40, P0, 0x0', 'bad-index'],
    ['text where a number must be', '0, GPU-1, hot, P0, 0x0', 'invalid-value'],
    ['a garbled pstate', '0, GPU-1, 40, fast, 0x0', 'invalid-value'],
    ['a garbled bitmask', '0, GPU-1, 40, P0, 0xZZ', 'invalid-value'],
  ])('rejects %s', (_, line, problem) => {
    expect(rejected(line).problem).toBe(problem);
  });

  it('names the bad field and keeps the line for the log', () => {
    const error = rejected('0, GPU-1, hot, P0, 0x0');
    expect(error.field).toBe('temperature.gpu');
    expect(error.line).toBe('0, GPU-1, hot, P0, 0x0');
    expect(error.message).toContain('temperature.gpu');
  });

  it('accepts ERR! and [Unknown Error] as no value rather than garbage', () => {
    const reading = parseQueryGpuLine('0, GPU-1, ERR!, [Unknown Error], [N/A]', fields);
    expect(reading.metrics).toMatchObject({ temperatureC: null, pstate: null, throttleReasons: [] });
  });
});
