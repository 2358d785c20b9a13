import type { SourceDiagnostics, SystemDiagnostics } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import {
  formatLag,
  formatUptime,
  lagSeverity,
  needsAttention,
  overallHealth,
  replicaRole,
  serverNow,
  summarizeSources,
} from './system-format';

const MIN = 60_000;
const HOUR = 60 * MIN;

function host(hostname: string, overrides: Partial<SourceDiagnostics> = {}, restarts = 0): SourceDiagnostics {
  return {
    hostId: hostname,
    hostname,
    isLocal: false,
    status: 'online',
    gpuCount: 8,
    source: {
      kind: 'nvidia-smi',
      status: 'running',
      reason: null,
      since: 0,
      restarts,
      badLines: 0,
      isSimulated: false,
    },
    ...overrides,
  };
}

describe('the System page formats', () => {
  it('counts uptime in its two largest units', () => {
    expect(formatUptime(42_500)).toBe('42 s');
    expect(formatUptime(3 * MIN + 20_000)).toBe('3 min');
    expect(formatUptime(5 * HOUR + 12 * MIN)).toBe('5 h 12 min');
    expect(formatUptime(2 * HOUR)).toBe('2 h');
    expect(formatUptime(4 * 24 * HOUR + 6 * HOUR + 59 * MIN)).toBe('4 d 6 h');
    expect(formatUptime(3 * 24 * HOUR)).toBe('3 d');
  });

  it('gives the writer lag in tenths of a second while it is short', () => {
    expect(formatLag(0)).toBe('0 s');
    expect(formatLag(300)).toBe('0.3 s');
    expect(formatLag(4_240)).toBe('4.2 s');
    expect(formatLag(12_000)).toBe('12 s');
    expect(formatLag(185_000)).toBe('3 min 5 s');
  });

  it('warns of a lag of seconds and alarms at half a minute', () => {
    expect(lagSeverity(0)).toBe('ok');
    expect(lagSeverity(4_999)).toBe('ok');
    expect(lagSeverity(5_000)).toBe('warn');
    expect(lagSeverity(30_000)).toBe('alarm');
  });

  it("measures ages on the server's clock, however far the browser's is off", () => {
    // The server answered at 1,000,000 (its clock); the browser got it at 5,000,000 (its own), 3 s ago.
    expect(serverNow(1_000_000, 5_000_000, 5_003_000)).toBe(1_003_000);
    expect(serverNow(1_000_000, 5_000_000, 4_999_000)).toBe(1_000_000);
  });
});

describe('the hosts the System page lists', () => {
  it('flags offline, failing, restarted and bad-line hosts, not a healthy or a merely unreported one', () => {
    expect(needsAttention(host('ok'))).toBe(false);
    expect(needsAttention(host('off', { status: 'offline' }))).toBe(true);
    expect(needsAttention(host('unreported', { source: null }))).toBe(false); // online: its samples arrive
    expect(needsAttention(host('unreported-off', { source: null, status: 'offline' }))).toBe(true);
    expect(needsAttention(host('restarted', {}, 2))).toBe(true);
    const base = host('x').source;
    if (base === null) throw new Error('the fixture has a source');
    expect(needsAttention(host('stalled', { source: { ...base, status: 'stalled' } }))).toBe(true);
    expect(needsAttention(host('bad', { source: { ...base, badLines: 3 } }))).toBe(true);
  });

  it('keeps this server apart and lists only the hosts that need a look, in the order given', () => {
    const local = host('sentinel', { isLocal: true });
    const fleet = [
      host('gpu-07', { status: 'offline' }),
      host('gpu-03', {}, 1),
      ...Array.from({ length: 248 }, (_, i) => host(`gpu-${100 + i}`)),
    ];
    const summary = summarizeSources([local, ...fleet], false);
    expect(summary.local?.hostname).toBe('sentinel');
    expect(summary.listed.map((each) => each.hostname)).toEqual(['gpu-07', 'gpu-03']);
    expect(summary.hiddenHealthy).toBe(248);
    expect(summary.total).toBe(250);

    const all = summarizeSources([local, ...fleet], true);
    expect(all.listed).toHaveLength(250);
    expect(all.hiddenHealthy).toBe(0);
  });

  it('has no local source on a server that only hears agents', () => {
    const summary = summarizeSources([host('gpu-01')], false);
    expect(summary.local).toBeNull();
    expect(summary.listed).toEqual([]);
    expect(summary.hiddenHealthy).toBe(1);
  });
});

describe("a replica's role", () => {
  it('is nothing alone, and names the duties a replica holds', () => {
    expect(replicaRole({ isClustered: false, ownsAlerting: true, ownsRetention: true })).toBeNull();
    expect(replicaRole({ isClustered: true, ownsAlerting: true, ownsRetention: true })).toBe(
      'evaluates alerts, runs retention',
    );
    expect(replicaRole({ isClustered: true, ownsAlerting: false, ownsRetention: true })).toBe('runs retention');
    expect(replicaRole({ isClustered: true, ownsAlerting: false, ownsRetention: false })).toMatch(/^standby/);
  });
});

const RUNNING = {
  kind: 'nvidia-smi',
  status: 'running',
  reason: null,
  since: 0,
  restarts: 0,
  badLines: 0,
  isSimulated: false,
} as const;

describe('the health verdict', () => {
  const base = {
    health: { status: 'ok' },
    sources: [{ ...host('local'), isLocal: true }, host('a')],
    writer: {
      written: 10,
      dropped: 0,
      failedBatches: 0,
      duplicates: 0,
      queued: 0,
      lastError: null,
      isRecording: true,
      lagMs: 0,
      lastWrite: null,
    },
  } as unknown as SystemDiagnostics;

  it('is healthy when the server is ready and nothing loses or delays data', () => {
    expect(overallHealth(base)).toMatchObject({ state: 'ok', label: 'Healthy' });
  });

  it('is down with the reason when the server is not ready', () => {
    const down = { ...base, health: { status: 'not_ready', reason: 'the store is not open' } } as SystemDiagnostics;
    expect(overallHealth(down)).toEqual({ state: 'down', label: 'Not ready', reason: 'the store is not open' });
  });

  it('is degraded, naming each cause, by a failing own source, failing hosts, lost samples or a lagging writer', () => {
    const local = { ...host('local'), isLocal: true };
    const stalled = host('local', { isLocal: true, source: { ...RUNNING, status: 'stalled' } });
    const degraded = {
      ...base,
      sources: [stalled, host('a', { status: 'offline' }), host('b', { source: { ...RUNNING, status: 'failed' } })],
      writer: { ...base.writer, failedBatches: 1, lagMs: 12_000 },
    };
    expect(overallHealth(degraded)).toEqual({
      state: 'degraded',
      label: 'Degraded',
      reason: 'GPU source stalled · 2 hosts need a look · samples lost since start · writer 12 s behind',
    });
    // A restarted host that runs again is not a reason (the sources table still lists it).
    expect(overallHealth({ ...base, sources: [local, host('c', {}, 4)] })).toMatchObject({ state: 'ok' });
  });
});
