import { ParsedGpu } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from './capture-format-error.js';
import { XML_EXPECTATIONS } from './test-expected-xml.js';
import { hasSharedFixtures, listFixtures, listRepoFixtureFiles, readFixture } from './test-fixtures.js';
import { parseNvidiaSmiXml } from './xml-parser.js';

const xmlFixtures = listFixtures('xml');
const gpuOf = (file: string, index = 0) => {
  const gpu = parseNvidiaSmiXml(readFixture('xml', file)).gpus[index];
  if (gpu === undefined) throw new Error(`${file} has no GPU ${index}`);
  return gpu;
};

describe('parseNvidiaSmiXml on every -q -x capture', () => {
  for (const { name, text } of xmlFixtures) {
    it(`${name}: versions, GPU count and first GPU as the file says`, () => {
      const expected = XML_EXPECTATIONS.find((row) => row.file === name);
      if (expected === undefined) throw new Error(`add a row for ${name} to test-expected-xml.ts`);
      const result = parseNvidiaSmiXml(text);

      expect(result.driverVersion).toBe(expected.driverVersion);
      expect(result.cudaVersion).toBe(expected.cudaVersion);
      expect(result.gpus).toHaveLength(expected.gpus);
      expect(result.gpus.map((gpu) => gpu.index)).toEqual(result.gpus.map((_, i) => i));
      expect(result.gpus[0]).toMatchObject({
        name: expected.name,
        uuid: expected.uuid,
        busId: expected.busId,
        memoryTotalMiB: expected.memoryTotalMiB,
        temperatureC: expected.temperatureC,
        powerDrawW: expected.powerDrawW,
        powerLimitW: expected.powerLimitW,
        utilizationGpuPct: expected.utilizationGpuPct,
        fanSpeedPct: expected.fanSpeedPct,
      });
    });
  }

  for (const { name, text } of xmlFixtures) {
    it(`${name}: every GPU satisfies the ParsedGpu schema`, () => {
      for (const gpu of parseNvidiaSmiXml(text).gpus) {
        const checked = ParsedGpu.safeParse(gpu);
        expect(checked.error?.issues ?? []).toEqual([]);
      }
    });
  }

  it('has an expectation row for a capture only where that capture can be found', () => {
    const found = new Set(xmlFixtures.map((fixture) => fixture.name));
    const inRepo = new Set(listRepoFixtureFiles());
    for (const row of XML_EXPECTATIONS) {
      if (inRepo.has(`xml/${row.file}`) || hasSharedFixtures) expect(found, row.file).toContain(row.file);
    }
  });
});

describe('parseNvidiaSmiXml across driver eras', () => {
  it('reads "Not Found" cuda_version (K80, 430.26) as no value', () => {
    expect(parseNvidiaSmiXml(readFixture('xml', 'pai-tesla-k80-x4-out-of-order.xml')).cudaVersion).toBeNull();
  });

  it('widens the 4-hex-digit PCI domain of driver 352.99 to the 8-digit form CSV uses', () => {
    expect(gpuOf('rai-grid-k520-example1.xml').busId).toBe('00000000:00:03.0');
  });

  it('keeps the non-zero PCI domains of the Azure K80s and the file order of their GPUs', () => {
    const gpus = parseNvidiaSmiXml(readFixture('xml', 'pai-tesla-k80-x4-out-of-order.xml')).gpus;
    expect(gpus.map((gpu) => gpu.busId)).toEqual([
      '00001580:00:00.0',
      '00002DF7:00:00.0',
      '00004968:00:00.0',
      '0000F8D6:00:00.0',
    ]);
  });

  it('gets power draw from instant_power_draw when a 570+ driver prints no power_draw', () => {
    const gpu = gpuOf('telegraf-rtx-3060-v12.xml');
    expect(gpu.powerDrawW).toBe(11.63);
    expect(gpu.powerLimitW).toBe(170);
    expect(gpu.powerLimitDefaultW).toBe(170);
  });

  it('reads DTD v13 (595) captures: power, event reasons, PCIe throughput', () => {
    const gpu = gpuOf('telegraf-rtx-3080-v13.xml');
    expect(gpu).toMatchObject({ powerDrawW: 142.33, pcieRxKBps: 14742333, pcieTxKBps: 1066699, pstate: 'P2' });
    expect(gpuOf('telegraf-rtx-4000-sff-ada-v13.xml').throttleReasons).toEqual(['gpu_idle']);
  });

  it('uses the enforced limit, not the requested one, as powerLimitW', () => {
    expect(gpuOf('telegraf-rtx-3090-v12.xml')).toMatchObject({ powerLimitW: 200, powerLimitDefaultW: 350 });
    expect(gpuOf('telegraf-rtx-3080-v12.xml')).toMatchObject({ powerLimitW: 336, powerLimitDefaultW: 320 });
  });

  it('gives null utilisation with MIG on, and says MIG is enabled', () => {
    const gpu = gpuOf('telegraf-a100-sxm4-v12.xml');
    expect(gpu).toMatchObject({ migMode: 'Enabled', utilizationGpuPct: null, utilizationMemoryPct: null });
    expect(gpu.memoryUsedMiB).toBe(50);
    expect(gpu.memoryTemperatureC).toBe(44);
  });

  it('counts <gpu> elements, not attached_gpus, in trimmed captures', () => {
    expect(parseNvidiaSmiXml(readFixture('xml', 'pai-tesla-v100-sxm3-retired-pages.xml')).gpus).toHaveLength(1);
    expect(parseNvidiaSmiXml(readFixture('xml', 'pai-geforce-gtx1070-x2-sample.xml')).gpus).toHaveLength(2);
  });

  it('parses captures without a DOCTYPE (418.43)', () => {
    expect(gpuOf('telegraf-quadro-p400.xml')).toMatchObject({ name: 'Quadro P400', powerDrawW: null, fanSpeedPct: 34 });
  });

  it('gives null, never 0, for N/A fan, power and unreported fields', () => {
    expect(gpuOf('telegraf-tesla-t4.xml').fanSpeedPct).toBeNull();
    expect(gpuOf('lampaa-smi_test_1-gtx-1050.xml')).toMatchObject({ powerDrawW: null, persistenceMode: null });
    const trimmed = gpuOf('pai-geforce-gt730-outdated-trimmed.xml');
    expect(trimmed).toMatchObject({ memoryTotalMiB: null, temperatureC: null, pstate: null, persistenceMode: true });
    expect(trimmed.throttleReasons).toEqual([]);
  });

  it('reads the static facts a GPU page shows', () => {
    expect(gpuOf('telegraf-a10g.xml')).toMatchObject({
      serial: '0000000000000',
      vbiosVersion: '94.02.75.00.01',
      computeMode: 'Default',
      persistenceMode: false,
      migMode: null,
      clockSmMHz: 210,
      clockMemMHz: 405,
      pstate: 'P8',
    });
  });

  it('names active reasons in one vocabulary for throttle (old) and event (new) blocks', () => {
    expect(gpuOf('a0s-gtx1080-x2-processes.xml').throttleReasons).toEqual(['sw_power_cap']);
    expect(gpuOf('pai-tesla-k80-x4-out-of-order.xml').throttleReasons).toEqual(['applications_clocks_setting']);
    expect(gpuOf('telegraf-rtx-3060-v12.xml').throttleReasons).toEqual(['gpu_idle']);
  });

  it('reads volatile ECC totals, old single/double-bit and new SRAM/DRAM layouts alike', () => {
    expect(gpuOf('pai-tesla-v100-sxm3-retired-pages.xml')).toMatchObject({
      eccErrorsCorrected: 1,
      eccErrorsUncorrected: 1,
    });
    expect(gpuOf('telegraf-a100-sxm4-v12.xml')).toMatchObject({ eccErrorsCorrected: 0, eccErrorsUncorrected: 0 });
    expect(gpuOf('telegraf-quadro-p2000-v12.xml')).toMatchObject({
      eccErrorsCorrected: null,
      eccErrorsUncorrected: null,
    });
  });

  it('reads encoder and decoder utilisation and PCIe throughput in KB/s', () => {
    expect(gpuOf('lampaa-smi_test_7-gtx-1050-ti.xml')).toMatchObject({
      encoderPct: 0,
      decoderPct: 2,
      pcieRxKBps: 12000,
    });
  });

  it('lists processes with the uuid of their GPU and their memory', () => {
    const { processes, gpus } = parseNvidiaSmiXml(readFixture('xml', 'a0s-gtx1080-x2-processes.xml'));
    expect(processes).toHaveLength(4);
    expect(processes[1]).toEqual({
      uuid: gpus[0]?.uuid,
      pid: 8991,
      name: '/opt/nbminer/nbminer',
      usedMemoryMiB: 2883,
    });
    expect(processes.filter((process) => process.uuid === gpus[1]?.uuid)).toHaveLength(2);
  });
});

describe('parseNvidiaSmiXml on bad input', () => {
  it('rejects a capture cut short, naming the unclosed element', () => {
    const text = readFixture('xml', 'telegraf-a10g.xml');
    const cut = text.slice(0, text.indexOf('</fb_memory_usage>'));
    expect(() => parseNvidiaSmiXml(cut)).toThrow(CaptureFormatError);
    expect(() => parseNvidiaSmiXml(cut)).toThrow(/never closed/);
  });

  it('rejects XML that is not an nvidia-smi log', () => {
    expect(() => parseNvidiaSmiXml('<html><body>hi</body></html>')).toThrow(/nvidia_smi_log/);
  });

  it('reads a log with no GPUs as no GPUs', () => {
    expect(parseNvidiaSmiXml('<nvidia_smi_log><attached_gpus>0</attached_gpus></nvidia_smi_log>').gpus).toEqual([]);
  });
});
