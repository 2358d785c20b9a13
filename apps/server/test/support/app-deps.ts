import { ManualClock } from '@gpu-sentinel/core';
import { DEFAULT_RETENTION, type Principal, type RetentionSettings, type SourceState } from '@gpu-sentinel/protocol';
import { pino } from 'pino';
import type { AppDeps } from '../../src/app.js';
import { InProcessBus } from '../../src/bus/in-process-bus.js';
import type { RequestAuthenticator } from '../../src/http/auth-hooks.js';
import type { Notifier } from '../../src/notify/notifier.js';
import type { SecurityAudit } from '../../src/routes/route-deps.js';
import type { AlertControl } from '../../src/services/alerts/alert-control.js';
import type { AlertStore } from '../../src/store/alert-store.js';
import type { AuditInput } from '../../src/services/auth/record-audit.js';
import { MemoryLockoutStore } from '../../src/http/lockout-store.js';
import { LiveState } from '../../src/live/live-state.js';
import type { RetentionControl } from '../../src/services/retention/retention-job.js';
import { mergeRetention } from '../../src/services/retention/retention-settings.js';
import type { ServerFacts } from '../../src/services/server-facts.js';
import { StreamHub } from '../../src/ws/stream-hub.js';
import { IngestService } from '../../src/ingest/ingest-service.js';
import type { Store } from '../../src/store/store.js';
import { StreamTickets } from '../../src/ws/stream-tickets.js';

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
  storage: {
    engine: 'sqlite',
    location: ':memory:',
    writerStats: () => ({
      written: 0,
      dropped: 0,
      failedBatches: 0,
      duplicates: 0,
      queued: 0,
      lastError: null,
      isRecording: true,
    }),
  },
};

/** Bearer tokens the test hands out, each standing for a principal (identity itself is tested elsewhere). */
export class TokenTable implements RequestAuthenticator {
  private readonly principals = new Map<string, Principal>();

  add(token: string, principal: Principal): string {
    this.principals.set(token, principal);
    return token;
  }

  authenticate(bearer: string): Promise<Principal | null> {
    return Promise.resolve(this.principals.get(bearer) ?? null);
  }
}

/** Keeps the security events the HTTP layer records. */
export class RecordedAudit implements SecurityAudit {
  readonly events: AuditInput[] = [];

  recordAudit(input: AuditInput): Promise<void> {
    this.events.push(input);
    return Promise.resolve();
  }
}

/** Retention kept in memory, with no runs: the job itself is tested on its own and through the real server. */
export function memoryRetention(initial: RetentionSettings = DEFAULT_RETENTION): RetentionControl {
  let current = initial;
  return {
    retention: () => current,
    lastRun: () => null,
    update: (patch) => {
      current = mergeRetention(current, patch);
      return Promise.resolve(current);
    },
  };
}

/** An async iterable with nothing in it, for store streams no test here reads. */
async function* noChunks(): AsyncGenerator<never> {
  // Nothing to yield.
}

/** Alerting ports for tests that never reach the alert routes: any call fails loudly. */
function notWired(port: string): unknown {
  return new Proxy(
    {},
    {
      get: (_, method) => () => Promise.reject(new Error(`${port}.${String(method)} is not wired in this test`)),
    },
  );
}

/** buildApp's ports over an empty live state, with every security setting at its default. */
export function appDeps(overrides: Partial<AppDeps> = {}): AppDeps {
  const clock = new ManualClock(1_000_000);
  const live = new LiveState({
    clock,
    intervalMs: 250,
    isRecording: true,
    sourceState: () => source,
    localHostId: 'h',
  });
  const bus = new InProcessBus(() => undefined);
  const logger = pino({ level: 'silent' });
  const empty = (): Promise<never[]> => Promise.resolve([]);
  return {
    logger,
    live,
    store: {
      listHosts: empty,
      readSeries: () => Promise.resolve(new Map()),
      streamSamples: noChunks,
      streamRollups: noChunks,
      storageStats: () => Promise.resolve({ sizeBytes: null, tiers: [] }),
    },
    retention: memoryRetention(),
    storeHealth: { isOpen: () => true },
    writer: { setRecording: () => undefined },
    source: { setIntervalMs: () => undefined },
    bus,
    clock,
    facts,
    audit: new RecordedAudit(),
    alertStore: notWired('alertStore') as AlertStore,
    alerts: notWired('alerts') as AlertControl,
    notifier: notWired('notifier') as Notifier,
    hub: new StreamHub({
      clock,
      maxBufferedBytes: 1_024,
      snapshot: () => ({ type: 'snapshot', system: {} as never, inventory: [], samples: [] }),
      fleetInventory: () => live.inventory(),
      localHostId: 'h',
      log: logger,
    }),
    ingest: new IngestService({
      store: notWired('store') as Store,
      writer: {
        enqueueSegment: (_segment, callbacks) => callbacks?.onFailed({ reason: 'closed', message: 'not wired' }),
      },
      bus,
      clock,
      ownerOf: (uuid) => live.hostIdOf(uuid),
    }),
    webDir: null,
    authenticator: new TokenTable(),
    tickets: new StreamTickets(clock),
    rateLimits: { perMinute: 1_000, historyPerMinute: 100, loginPerMinute: 100, redis: null, redisPrefix: 'test:' },
    lockouts: new MemoryLockoutStore(() => clock.now()),
    corsOrigins: [],
    tls: null,
    ...overrides,
  };
}
