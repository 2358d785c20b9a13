import type { GpuSample } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import type { BusTopic } from './bus.js';
import { InProcessBus } from './in-process-bus.js';

describe('InProcessBus', () => {
  it('delivers each event to the subscribers of its topic only, until they unsubscribe', () => {
    const bus = new InProcessBus(() => undefined);
    const ticks: number[] = [];
    const inventories: number[] = [];
    const unsubscribe = bus.subscribe('tick', (event) => ticks.push(event.ts));
    bus.subscribe('inventory', (event) => inventories.push(event.inventory.length));

    bus.publish('tick', { ts: 1, hostId: 'h1', samples: [] as GpuSample[] });
    bus.publish('inventory', { hostId: 'h1', inventory: [] });
    unsubscribe();
    bus.publish('tick', { ts: 2, hostId: 'h1', samples: [] });

    expect(ticks).toEqual([1]);
    expect(inventories).toEqual([0]);
  });

  it('keeps delivering to the other subscribers when one throws, and reports the error', () => {
    const errors: BusTopic[] = [];
    const bus = new InProcessBus((topic) => errors.push(topic));
    const seen: number[] = [];
    bus.subscribe('tick', () => {
      throw new Error('boom');
    });
    bus.subscribe('tick', (event) => seen.push(event.ts));

    bus.publish('tick', { ts: 7, hostId: 'h1', samples: [] });

    expect(seen).toEqual([7]);
    expect(errors).toEqual(['tick']);
  });
});
