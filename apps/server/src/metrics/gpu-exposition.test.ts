import { describe, expect, it } from 'vitest';
import { gpuInfo, gpuSample } from '../store/test-fixtures.js';
import { escapeLabelValue, gpuExposition } from './gpu-exposition.js';
import { GPU_SERIES } from './gpu-metrics.js';

const UUID = 'GPU-aaaaaaaa-0000-0000-0000-000000000001';

describe('the GPU series as Prometheus text', () => {
  it('writes one line per GPU and family with the escaped dcgm labels, and leaves out what the GPU does not report', () => {
    const view = {
      info: gpuInfo({ uuid: UUID, index: 3, name: 'NVIDIA "A100"', hostname: 'rack\\7\nb' }),
      latest: gpuSample({ uuid: UUID, ts: 1, temperatureC: 61.5, fanSpeedPct: null }),
      isStale: false,
    };
    const lines = gpuExposition([view]).split('\n');
    const labels =
      '{gpu="3",UUID="GPU-aaaaaaaa-0000-0000-0000-000000000001",device="nvidia3",model_name="NVIDIA \\"A100\\"",Hostname="rack\\\\7\\nb"}';
    expect(lines).toContain(`DCGM_FI_DEV_GPU_TEMP${labels} 61.5`);
    expect(lines).toContain('# TYPE DCGM_FI_DEV_GPU_TEMP gauge');
    expect(lines.filter((line) => line.startsWith('gpu_sentinel_fan_speed_percent{'))).toEqual([]);
    // Every family is declared, even one with no GPU line.
    expect(lines.filter((line) => line.startsWith('# HELP '))).toHaveLength(GPU_SERIES.length);
    expect(
      gpuExposition([])
        .split('\n')
        .filter((line) => line.startsWith('DCGM')),
    ).toEqual([]);
  });

  it('escapes backslash, double quote and line feed, and nothing else', () => {
    expect(escapeLabelValue('a\\b"c\nd é')).toBe('a\\\\b\\"c\\nd é');
  });
});
