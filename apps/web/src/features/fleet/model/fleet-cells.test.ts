import { describe, expect, it } from 'vitest';
import { hostCells } from './fleet-cells';
import { snapshotFleet } from './fleet-hosts';
import { NOW_TS, gpu, host } from './fleet-test-data';

const [node] = snapshotFleet(
  [host('node')],
  [
    gpu('node', 0, {
      utilizationGpuPct: 93,
      temperatureC: 71,
      memoryUsedMiB: 40_960,
      memoryTotalMiB: 81_920,
      powerDrawW: 612,
      powerLimitW: 700,
    }),
    gpu('node', 1, { utilizationGpuPct: 3, ts: NOW_TS - 5_000 }, true),
    gpu('node', 2, { utilizationGpuPct: null }),
  ],
  NOW_TS,
  250,
);

describe('GPU cells', () => {
  it('show the chosen metric with its colour level; stale and unknown values get no colour', () => {
    const cells = node ? hostCells(node, undefined, 'util', 'all') : [];
    expect(cells.map((cell) => [cell.index, cell.text, cell.level, cell.isStale])).toEqual([
      [0, '93 %', 5, false],
      [1, '3 %', null, true],
      [2, 'N/A', null, false],
    ]);
  });

  it('carry a tooltip with name, index, utilisation, temperature, memory and power', () => {
    const [first] = node ? hostCells(node, undefined, 'temp', 'all') : [];
    expect(first?.title.split('\n')).toEqual([
      'GPU 0 · NVIDIA H100 80GB HBM3',
      'Utilisation: 93 %',
      'Temperature: 71 °C',
      'Memory: 40.0 / 80.0 GiB (50 %)',
      'Power: 612 / 700 W',
    ]);
  });

  it('follow the given order, and fade the GPUs a state filter does not look for', () => {
    const cells = node ? hostCells(node, ['node-GPU-2', 'node-GPU-0'], 'util', 'stale') : [];
    expect(cells.map((cell) => [cell.uuid, cell.isFaded])).toEqual([
      ['node-GPU-2', true],
      ['node-GPU-0', true],
      ['node-GPU-1', false],
    ]);
  });
});
