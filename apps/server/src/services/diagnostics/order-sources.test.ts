import type { SourceDiagnostics, SourceState } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { orderSources } from './order-sources.js';

const running: SourceState = {
  kind: 'nvidia-smi',
  status: 'running',
  reason: null,
  since: 0,
  restarts: 0,
  badLines: 0,
  isSimulated: false,
};

function host(hostname: string, overrides: Partial<SourceDiagnostics> = {}, source: Partial<SourceState> = {}) {
  return {
    hostId: hostname,
    hostname,
    isLocal: false,
    status: 'online',
    gpuCount: 8,
    source: { ...running, ...source },
    ...overrides,
  } satisfies SourceDiagnostics;
}

describe('orderSources', () => {
  it("puts the server's own first, then failing or offline hosts, then restarted ones, then by name", () => {
    const ordered = orderSources([
      host('c'),
      host('b', {}, { restarts: 3 }),
      host('z', { status: 'offline' }),
      host('a'),
      host('y', {}, { status: 'failed', reason: 'nvidia-smi exited' }),
      host('local', { isLocal: true }),
      host('unknown', { source: null }),
    ]);
    expect(ordered.map((each) => each.hostname)).toEqual(['local', 'y', 'z', 'b', 'a', 'c', 'unknown']);
  });
});
