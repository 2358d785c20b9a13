import { ParsedGpu } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from './capture-format-error.js';
import { parseQueryGpuCsv } from './query-gpu-csv.js';
import { QUERY_GPU_CSV_EXPECTATIONS } from './test-expected-csv.js';
import { listFixtures, readFixture } from './test-fixtures.js';

const csvFixtures = listFixtures('query-gpu-csv');
const firstGpu = (file: string) => {
  const gpu = parseQueryGpuCsv(readFixture('query-gpu-csv', file)).gpus[0];
  if (gpu === undefined) throw new Error(`${file} has no GPU row`);
  return gpu;
};

describe('parseQueryGpuCsv on every --query-gpu capture', () => {
  for (const { name, text } of csvFixtures) {
    it(`${name}: GPU count and first row as the file says`, () => {
      const expected = QUERY_GPU_CSV_EXPECTATIONS.find((row) => row.file === name);
      if (expected === undefined) throw new Error(`add a row for ${name} to test-expected-csv.ts`);
      const capture = parseQueryGpuCsv(text);

      expect(capture.driverVersion).toBe(expected.driverVersion);
      expect(capture.cudaVersion).toBeNull();
      expect(capture.gpus).toHaveLength(expected.gpus);
      expect(capture.gpus[0]).toMatchObject({
        name: expected.name,
        uuid: expected.uuid,
        memoryUsedMiB: expected.memoryUsedMiB,
        memoryTotalMiB: expected.memoryTotalMiB,
        temperatureC: expected.temperatureC,
        powerDrawW: expected.powerDrawW,
        utilizationGpuPct: expected.utilizationGpuPct,
      });
    });
  }

  for (const { name, text } of csvFixtures) {
    it(`${name}: every GPU satisfies the ParsedGpu schema`, () => {
      for (const gpu of parseQueryGpuCsv(text).gpus) {
        expect(ParsedGpu.safeParse(gpu).error?.issues ?? []).toEqual([]);
      }
    });
  }
});

describe('parseQueryGpuCsv details', () => {
  it('strips units from values ("754 MiB", "217.24 W", "100 %", "1949 MHz")', () => {
    expect(firstGpu('a0s-2gpu-units.csv')).toMatchObject({
      memoryUsedMiB: 754,
      powerDrawW: 217.24,
      utilizationGpuPct: 100,
      clockSmMHz: 1949,
    });
  });

  it('reads nounits values under headers that still carry units', () => {
    expect(firstGpu('virtualclient-4x-tesla-t4-510.108.03-nounits.csv')).toMatchObject({
      busId: '00000001:00:00.0',
      memoryTotalMiB: 16384,
      memoryUsedMiB: 257,
      temperatureC: 48,
      pstate: 'P8',
    });
  });

  it('keeps every row of a multi-GPU capture, in file order', () => {
    const gpus = parseQueryGpuCsv(readFixture('query-gpu-csv', 'a0s-3gpu-mixed-units.csv')).gpus;
    expect(gpus.map((gpu) => [gpu.index, gpu.memoryTotalMiB, gpu.fanSpeedPct])).toEqual([
      [0, 8119, 63],
      [1, 4043, 81],
      [2, 8119, 55],
    ]);
  });

  it('reads bare N/A and [N/A] in the same row as null, and prefers the instant power draw', () => {
    expect(firstGpu('virtualclient-1x-tesla-t4-550.54.15-na-nounits.csv')).toMatchObject({
      memoryTemperatureC: null,
      powerDrawW: 9.31,
      eccErrorsCorrected: 0,
    });
  });

  it('gives null utilisation with MIG on, and reads MIG mode and memory temperature', () => {
    expect(firstGpu('nvgpuexp-linux-h100-mig-590.48.01-load-allfields.csv')).toMatchObject({
      migMode: 'Enabled',
      utilizationGpuPct: null,
      utilizationMemoryPct: null,
      encoderPct: null,
      memoryTemperatureC: 59,
      powerDrawW: 447.35,
      powerLimitW: 700,
      persistenceMode: true,
    });
  });

  it('decodes the event-reasons bitmask of an all-fields capture', () => {
    expect(firstGpu('nvgpuexp-linux-rtx-2080-super-595.71.05-idle-allfields.csv').throttleReasons).toEqual([
      'sw_power_cap',
    ]);
    expect(firstGpu('nvgpuexp-sample-rtx2080super-win-471.11.csv').throttleReasons).toEqual(['gpu_idle']);
  });

  it('reads Windows (WDDM) captures: no persistence mode, fan, encoder load', () => {
    expect(firstGpu('nvgpuexp-windows-rtx-2080-super-610.62-load-allfields.csv')).toMatchObject({
      persistenceMode: null,
      fanSpeedPct: 38,
      encoderPct: 99,
      vbiosVersion: '90.04.7a.40.73',
    });
  });

  it('accepts aliases and old field names in the header', () => {
    const capture = parseQueryGpuCsv(
      'gpu_uuid, clocks.sm [MHz], clocks_throttle_reasons.active, gpu_name\nGPU-1, 1410 MHz, 0x0000000000000044, A100\n',
    );
    expect(capture.gpus[0]).toMatchObject({
      uuid: 'GPU-1',
      name: 'A100',
      clockSmMHz: 1410,
      throttleReasons: ['sw_power_cap', 'hw_thermal_slowdown'],
    });
  });

  it('rejects a capture without a header, and a row with the wrong number of values', () => {
    expect(() => parseQueryGpuCsv('GPU-1, 42, 100\n')).toThrow(CaptureFormatError);
    expect(() => parseQueryGpuCsv('uuid, temperature.gpu\nGPU-1, 42, 7\n')).toThrow(/GPU row 1 has 3 values/);
  });
});
