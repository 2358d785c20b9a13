import { ManualClock } from '@gpu-sentinel/core';
import { ErrorBody, type SourceState } from '@gpu-sentinel/protocol';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { InProcessBus } from './bus/in-process-bus.js';
import { LiveState } from './live/live-state.js';
import type { ServerFacts } from './services/server-facts.js';
import { StreamHub } from './ws/stream-hub.js';

const source: SourceState = {
  kind: 'simulated',
  status: 'running',
  reason: null,
  since: 0,
  restarts: 0,
  badLines: 0,
  isSimulated: true,
};
const facts: ServerFacts = {
  version: '0.0.0',
  nodeVersion: 'v20',
  hostId: 'h',
  hostname: 'h',
  startedAt: 0,
  storage: { engine: 'sqlite', location: ':memory:' },
};

/** The app over ports whose store fails: only what the error handler does is under test here. */
async function appWithFailingStore(): Promise<Awaited<ReturnType<typeof buildApp>>> {
  const clock = new ManualClock(1_000);
  const live = new LiveState({ clock, intervalMs: 250, isRecording: true, sourceState: () => source });
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
  const failing = (): Promise<never> => Promise.reject(new Error('disk on fire at /secret/path'));
  return buildApp({
    logger,
    live,
    store: { history: failing, listHosts: failing },
    storeHealth: { isOpen: () => false },
    writer: { setRecording: () => undefined },
    source: { setIntervalMs: () => undefined },
    bus: new InProcessBus(() => undefined),
    clock,
    facts,
    hub: new StreamHub({
      clock,
      maxBufferedBytes: 1_024,
      snapshot: () => ({ type: 'snapshot', system: {} as never, inventory: [], samples: [] }),
      log: logger,
    }),
    webDir: null,
  });
}

describe('buildApp error mapping', () => {
  it('answers an unexpected failure with a 500 that carries only a request id', async () => {
    const app = await appWithFailingStore();
    const response = await app.inject({ method: 'GET', url: '/api/v1/hosts' });
    await app.close();

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('disk on fire');
    expect(response.body).not.toMatch(/\.ts:\d+|\.js:\d+/);
    const body = ErrorBody.parse(response.json());
    expect(body.error.code).toBe('internal');
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is not ready while the store is closed', async () => {
    const app = await appWithFailingStore();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'not_ready', reason: 'the store is not open' });
  });
});
