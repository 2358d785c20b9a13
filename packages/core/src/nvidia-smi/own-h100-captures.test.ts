import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from './capture-format-error.js';
import { parseCapture } from './capture.js';
import { parseComputeAppsCsv } from './compute-apps-csv.js';
import { csvCells, csvLines } from './csv.js';
import { parseQueryGpuCsv } from './query-gpu-csv.js';
import { parseQueryGpuLine, selectLoopFields } from './query-gpu-line.js';
import { readFixture } from './test-fixtures.js';
import { parseNvidiaSmiXml } from './xml-parser.js';

// Captured by scripts/capture-nvidia-smi.sh on one H100 SXM, idle and under a bf16 matmul loop.
const CAPTURE = 'gpu-sentinel-linux-h100-80gb-hbm3-580.159.04';
const UUID = 'GPU-f95ea644-cb79-a4d5-bb07-45e2321b324d';
const PHASES = ['idle', 'load'] as const;

const xml = (phase: string) => parseNvidiaSmiXml(readFixture('xml', `${CAPTURE}-${phase}.xml`));
const loopLines = (phase: string) => csvLines(readFixture('query-gpu-loop', `${CAPTURE}-${phase}-lms250-nounits.csv`));
/** The fields the capture script asked for: every loop candidate the help lists, aliases included. */
const capturedFields = readFixture('info', `${CAPTURE}-loop-fields.txt`).trim().split(',');
const help = readFixture('help', 'gpu-sentinel-help-query-gpu-linux-580.159.04.txt');

describe('the H100 80GB HBM3 captures (driver 580.159.04, CUDA 13.0)', () => {
  for (const phase of PHASES) {
    it(`-q -x ${phase}: one H100 with its uuid, 81559 MiB, a 700 W limit, driver and CUDA versions`, () => {
      const result = xml(phase);
      expect(result.driverVersion).toBe('580.159.04');
      expect(result.cudaVersion).toBe('13.0');
      expect(result.gpus).toHaveLength(1);
      expect(result.gpus[0]).toMatchObject({
        name: 'NVIDIA H100 80GB HBM3',
        uuid: UUID,
        memoryTotalMiB: 81559,
        powerLimitW: 700,
        powerLimitDefaultW: 700,
        migMode: 'Disabled',
        persistenceMode: true,
        fanSpeedPct: null,
        pstate: 'P0',
      });
    });
  }

  it('-q -x: no process when idle; under load the python3 matmul with its ~21 GiB', () => {
    expect(xml('idle').processes).toEqual([]);
    expect(xml('load').processes).toEqual([{ uuid: UUID, pid: 486, name: 'python3', usedMemoryMiB: 21354 }]);
  });

  it('-L and --version name the GPU and driver the XML describes', () => {
    expect(readFixture('info', `${CAPTURE}-list.txt`).trim()).toBe(`GPU 0: NVIDIA H100 80GB HBM3 (UUID: ${UUID})`);
    const version = readFixture('info', `${CAPTURE}-version.txt`);
    expect(version).toMatch(/^DRIVER version\s+: 580\.159\.04$/m);
    expect(version).toMatch(/^CUDA Version\s+: 13\.0$/m);
  });

  it('--query-compute-apps: nothing idle; python3 (pid 486) holding 21482 MiB under load', () => {
    expect(parseComputeAppsCsv(readFixture('query-apps-csv', `${CAPTURE}-idle.csv`))).toEqual([]);
    expect(parseComputeAppsCsv(readFixture('query-apps-csv', `${CAPTURE}-load.csv`))).toEqual([
      { uuid: UUID, pid: 486, name: 'python3', usedMemoryMiB: 21482 },
    ]);
  });

  it('the loop asks this driver for the event-reasons bitmask, the enforced limit and the instant power draw', () => {
    expect(selectLoopFields(help)).toEqual([
      'index',
      'uuid',
      'utilization.gpu',
      'utilization.memory',
      'memory.used',
      'memory.total',
      'temperature.gpu',
      'temperature.memory',
      'power.draw.instant',
      'power.draw',
      'enforced.power.limit',
      'fan.speed',
      'clocks.sm',
      'clocks.mem',
      'pstate',
      'utilization.encoder',
      'utilization.decoder',
      'clocks_event_reasons.active',
      'ecc.errors.corrected.volatile.total',
      'ecc.errors.uncorrected.volatile.total',
    ]);
  });

  for (const phase of PHASES) {
    it(`every ${phase} loop line is a reading: fan [N/A] → null, P0, the 700 W limit`, () => {
      const lines = loopLines(phase);
      expect(lines).toHaveLength(12);
      for (const line of lines) {
        const { uuid, index, metrics } = parseQueryGpuLine(line, capturedFields);
        expect({ uuid, index }).toEqual({ uuid: UUID, index: 0 });
        expect(metrics).toMatchObject({
          memoryTotalMiB: 81559,
          powerLimitW: 700,
          fanSpeedPct: null,
          pstate: 'P0',
          pcieRxKBps: null,
          eccErrorsUncorrected: 0,
        });
      }
    });
  }

  it('the loop reads idle as gpu_idle, and the matmul as 97–99 % busy, capped by software power (0x…04)', () => {
    for (const line of loopLines('idle')) {
      expect(parseQueryGpuLine(line, capturedFields).metrics).toMatchObject({
        utilizationGpuPct: 0,
        memoryUsedMiB: 0,
        throttleReasons: ['gpu_idle'],
      });
    }
    for (const line of loopLines('load')) {
      const { metrics } = parseQueryGpuLine(line, capturedFields);
      expect(metrics.utilizationGpuPct).toBeGreaterThanOrEqual(97);
      expect(metrics).toMatchObject({ memoryUsedMiB: 21491, throttleReasons: ['sw_power_cap'] });
    }
  });

  it('power draw is the instant reading, which swings past the 700 W limit, not the 1 s average', () => {
    const at = (name: string) => capturedFields.indexOf(name);
    const draws = loopLines('load').map((line) => {
      const cells = csvCells(line);
      return {
        read: parseQueryGpuLine(line, capturedFields).metrics.powerDrawW ?? Number.NaN,
        instant: Number(cells[at('power.draw.instant')]),
        average: Number(cells[at('power.draw')]),
      };
    });
    for (const { read, instant, average } of draws) {
      expect(read).toBe(instant);
      expect(read).not.toBe(average);
    }
    const reads = draws.map((draw) => draw.read);
    expect([Math.min(...reads), Math.max(...reads)]).toEqual([494.85, 814.63]);
    // The average lags: it climbs from 238 W to the limit while the instant reading is already there.
    expect(draws[0]?.average).toBe(237.9);
    expect(draws.at(-1)?.average).toBe(697.59);
  });

  it("reads the same values through the collector's own field list (no alias columns)", () => {
    const selected = selectLoopFields(help);
    for (const line of [...loopLines('idle'), ...loopLines('load')]) {
      const cells = csvCells(line);
      const projected = selected.map((field) => cells[capturedFields.indexOf(field)] ?? '').join(', ');
      expect(parseQueryGpuLine(projected, selected)).toEqual(parseQueryGpuLine(line, capturedFields));
    }
  });

  it('the header capture (with units) agrees with the loop: same GPU, 822.66 W instant under load', () => {
    const [gpu] = parseQueryGpuCsv(readFixture('query-gpu-csv', `${CAPTURE}-load-loopfields.csv`)).gpus;
    expect(gpu).toMatchObject({
      uuid: UUID,
      powerDrawW: 822.66,
      powerLimitW: 700,
      fanSpeedPct: null,
      clockSmMHz: 1395,
      throttleReasons: ['sw_power_cap'],
    });
  });

  it('gpu-sentinel parse refuses a loop capture, which has no header to name its columns', () => {
    const loop = readFixture('query-gpu-loop', `${CAPTURE}-load-lms250-nounits.csv`);
    expect(() => parseCapture(loop)).toThrow(CaptureFormatError);
    expect(() => parseCapture(loop)).toThrow(/no header line/);
  });
});
