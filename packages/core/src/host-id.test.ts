import { describe, expect, it } from 'vitest';
import { HostId } from '@gpu-sentinel/protocol';
import { hostIdOf } from './host-id.js';

describe('hostIdOf', () => {
  it('lower-cases and turns runs of other characters into one dash', () => {
    expect(hostIdOf('GPU-Node_07.Example.COM')).toBe('gpu-node-07.example.com');
    expect(hostIdOf('rack 3 / node 12')).toBe('rack-3-node-12');
  });

  it('always gives an id the protocol accepts', () => {
    for (const name of ['_build', '...', '', 'Ünïcode-host', '-x', 'a'.repeat(300)]) {
      expect(HostId.safeParse(hostIdOf(name)).success, name).toBe(true);
    }
    expect(hostIdOf('')).toBe('localhost');
    expect(hostIdOf('_build')).toBe('build');
  });
});
