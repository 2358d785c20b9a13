import { describe, expect, it } from 'vitest';
import { parseHelpQueryGpu } from './help-query-gpu.js';
import { listFixtures, readFixture } from './test-fixtures.js';

const gpuHelp = listFixtures('help').filter((fixture) => fixture.name.includes('help-query-gpu'));

describe('parseHelpQueryGpu', () => {
  for (const { name, text } of gpuHelp) {
    it(`${name}: lists the core fields and no description text`, () => {
      const fields = parseHelpQueryGpu(text);
      for (const field of ['index', 'uuid', 'memory.used', 'temperature.gpu', 'power.draw', 'clocks.sm', 'pstate']) {
        expect(fields, field).toContain(field);
      }
      expect([...fields].every((field) => /^[A-Za-z_][A-Za-z0-9_.]*$/.test(field))).toBe(true);
      expect(fields).not.toContain('--query-gpu');
      expect(fields).not.toContain('--query-gpu=');
    });
  }

  it('reads the old "--query-gpu=" form (465): 118 fields plus their aliases', () => {
    const fields = parseHelpQueryGpu(readFixture('help', 'nvgpuexp-help-query-gpu-465.27.txt'));
    expect(fields).toContain('clocks_throttle_reasons.active');
    expect(fields).not.toContain('clocks_event_reasons.active');
    expect(fields).not.toContain('power.draw.instant');
    expect(fields).toContain('clocks.current.sm');
  });

  it('reads the new form (610): event reasons with the throttle names as aliases, kmd_version', () => {
    const fields = parseHelpQueryGpu(readFixture('help', 'nvgpuexp-help-query-gpu-linux-610.57.04.txt'));
    expect(fields).toContain('clocks_event_reasons.active');
    expect(fields).toContain('clocks_throttle_reasons.active');
    expect(fields).toContain('power.draw.instant');
    expect(fields).toContain('kmd_version');
    expect(fields).toContain('utilization.encoder');
  });

  it('lists compute-apps fields from --help-query-compute-apps, and not the compute-mode values', () => {
    const fields = parseHelpQueryGpu(readFixture('help', 'nvgpuexp-help-query-compute-apps-595.71.05.txt'));
    expect([...fields].sort()).toEqual(
      [
        'gpu_bus_id',
        'gpu_name',
        'gpu_serial',
        'gpu_uuid',
        'name',
        'pid',
        'process_name',
        'timestamp',
        'used_gpu_memory',
        'used_memory',
      ].sort(),
    );
  });

  it('finds nothing in text that is not help output', () => {
    expect(parseHelpQueryGpu('nvidia-smi: command not found').size).toBe(0);
  });
});
