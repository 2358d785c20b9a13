import { ParsedCapture } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from './capture-format-error.js';
import { parseCapture } from './capture.js';
import { listFixtures, readFixture } from './test-fixtures.js';

const TABLE_START = [
  'Fri Jul  3 08:33:39 2026',
  '+-----------------------------------------------------------------------------------------+',
  '| NVIDIA-SMI 595.80                 Driver Version: 595.80         CUDA Version: 13.2     |',
].join('\n');
const captures = [...listFixtures('xml'), ...listFixtures('query-gpu-csv')];

describe('parseCapture (gpu-sentinel parse FILE)', () => {
  for (const { name, text } of captures) {
    it(`${name}: gives the canonical JSON, valid against ParsedCapture`, () => {
      const capture = parseCapture(text);
      expect(ParsedCapture.safeParse(capture).error?.issues ?? []).toEqual([]);
      expect(capture.gpus.length).toBeGreaterThan(0);
    });
  }

  it('detects XML and returns versions and GPUs without the XML-only process list', () => {
    const capture = parseCapture(readFixture('xml', 'telegraf-tesla-t4.xml'));
    expect(Object.keys(capture).sort()).toEqual(['cudaVersion', 'driverVersion', 'gpus']);
    expect(capture).toMatchObject({ driverVersion: '515.105.01', cudaVersion: '11.7' });
    expect(capture.gpus[0]).toMatchObject({ name: 'Tesla T4', temperatureC: 40, powerDrawW: 26.78, fanSpeedPct: null });
  });

  it('detects a --query-gpu CSV with header, and takes driverVersion from its driver_version column', () => {
    const capture = parseCapture(readFixture('query-gpu-csv', 'virtualclient-1x-h100-535.161.07-nounits.csv'));
    expect(capture).toMatchObject({ driverVersion: '535.161.07', cudaVersion: null });
    expect(capture.gpus[0]).toMatchObject({ name: 'NVIDIA H100 80GB HBM3', powerDrawW: 70.68, memoryTemperatureC: 35 });
  });

  it('gives every canonical field, null where the capture has no value', () => {
    const [gpu] = parseCapture(readFixture('query-gpu-csv', 'a0s-2gpu-units.csv')).gpus;
    expect(gpu).toMatchObject({ serial: null, busId: null, memoryTotalMiB: null, fanSpeedPct: null, pcieRxKBps: null });
    expect(Object.keys(gpu ?? {})).toHaveLength(Object.keys(ParsedCapture.shape.gpus.element.shape).length);
  });

  it('accepts a byte-order mark and Windows line endings', () => {
    const text = '\uFEFFuuid, temperature.gpu\r\nGPU-1, 41\r\n';
    expect(parseCapture(text).gpus[0]).toMatchObject({ uuid: 'GPU-1', temperatureC: 41 });
  });

  it.each([
    ['an empty file', '', /empty/],
    [
      '--query-compute-apps output',
      readFixture('query-apps-csv', 'nvgpuexp-linux-l40s-595.80-load.csv'),
      /compute-apps/,
    ],
    ['a CSV without its header', 'GPU-1, 41, 100\n', /no header/],
    ['--help-query-gpu output', readFixture('help', 'nvgpuexp-help-query-gpu-465.27.txt'), /unrecognised/],
    ['the plain nvidia-smi table', TABLE_START, /unrecognised/],
    ['XML cut short', '<?xml version="1.0" ?>\n<nvidia_smi_log>\n<gpu id="0">', /never closed/],
  ])('rejects %s with a CaptureFormatError that says what it expected', (_, text, message) => {
    expect(() => parseCapture(text)).toThrow(CaptureFormatError);
    expect(() => parseCapture(text)).toThrow(message);
  });
});

describe('parseCapture on damaged captures', () => {
  // A capture cut anywhere either still reads as valid JSON or is refused with a CaptureFormatError.
  for (const { name, text } of captures) {
    it(`${name}: cut at eight places, never crashes`, () => {
      for (let cut = 1; cut <= 8; cut += 1) {
        const damaged = text.slice(0, Math.floor((text.length * cut) / 9));
        try {
          expect(ParsedCapture.safeParse(parseCapture(damaged)).success).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(CaptureFormatError);
        }
      }
    });
  }
});
