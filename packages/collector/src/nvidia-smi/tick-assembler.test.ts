import { describe, expect, it } from 'vitest';
import type { GpuReading } from '../gpu-source.js';
import { emptyMetrics } from '../metrics.js';
import { TickAssembler } from './tick-assembler.js';

const reading = (index: number): GpuReading => ({ uuid: `GPU-${index}`, index, metrics: emptyMetrics() });

describe('TickAssembler', () => {
  it('closes a tick once every known GPU has reported, in index order', () => {
    const assembler = new TickAssembler(2);
    expect(assembler.add(reading(1))).toEqual([]);
    const ticks = assembler.add(reading(0));
    expect(ticks.map((t) => t.map((r) => r.index))).toEqual([[0, 1]]);
    expect(assembler.hasPending).toBe(false);
  });

  it('closes a tick when a GPU repeats, which is all it can do without an inventory', () => {
    const assembler = new TickAssembler();
    expect(assembler.add(reading(0))).toEqual([]);
    expect(assembler.add(reading(1))).toEqual([]);
    const ticks = assembler.add(reading(0));
    expect(ticks.map((t) => t.map((r) => r.index))).toEqual([[0, 1]]);
    expect(assembler.flush().map((r) => r.index)).toEqual([0]);
  });

  it('survives a GPU that stopped reporting: the repeat closes the short tick', () => {
    const assembler = new TickAssembler(3);
    assembler.add(reading(0));
    assembler.add(reading(1));
    expect(assembler.add(reading(0)).map((t) => t.length)).toEqual([2]);
    expect(assembler.flush()).toHaveLength(1);
    expect(assembler.flush()).toEqual([]);
  });
});
