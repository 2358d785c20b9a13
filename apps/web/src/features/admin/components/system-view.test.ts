import type { SourceDiagnostics, SystemDiagnostics } from '@gpu-sentinel/protocol';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SystemView } from './system-view';

const NOW = new Date(2026, 10, 26, 12, 0, 0).getTime();

function agent(index: number, overrides: Partial<SourceDiagnostics> = {}): SourceDiagnostics {
  return {
    hostId: `h${index}`,
    hostname: `gpu-node-${index}`,
    isLocal: false,
    status: 'online',
    gpuCount: 8,
    source: {
      kind: 'nvidia-smi',
      status: 'running',
      reason: null,
      since: NOW - 3_600_000,
      restarts: 0,
      badLines: 0,
      isSimulated: false,
    },
    ...overrides,
  };
}

const diagnostics: SystemDiagnostics = {
  checkedAt: NOW,
  health: { status: 'ok' },
  versions: { server: '0.1.0', node: 'v20.19.0', driver: '590.48.01', cuda: '13.1', storageEngine: 'sqlite' },
  process: {
    hostname: 'sentinel-1',
    startedAt: NOW - 26 * 3_600_000,
    uptimeMs: 26 * 3_600_000,
    rssBytes: 120_000_000,
    heapUsedBytes: 40_000_000,
  },
  sources: [
    {
      ...agent(0),
      hostname: 'sentinel-1',
      isLocal: true,
      source: {
        kind: 'nvidia-smi',
        status: 'restarting',
        reason: 'nvidia-smi exited with code 1',
        since: NOW - 4_000,
        restarts: 3,
        badLines: 0,
        isSimulated: false,
      },
    },
    agent(1, { status: 'offline' }),
    ...Array.from({ length: 248 }, (_, i) => agent(i + 2)),
  ],
  storage: {
    engine: 'sqlite',
    location: '/var/lib/gpu-sentinel/history.db',
    sizeBytes: 5_400_000,
    tiers: [
      { tier: 'raw', rows: 12_345, sizeBytes: 4_000_000 },
      { tier: '1m', rows: 0, sizeBytes: null },
    ],
  },
  websocket: { clients: 2, skippedTicks: 0, droppedSlowClients: 1, terminatedDeadClients: 0 },
  writer: {
    written: 50_000,
    dropped: 7,
    failedBatches: 0,
    duplicates: 0,
    queued: 40,
    lastError: 'SQLITE_BUSY: database is locked',
    isRecording: true,
    lagMs: 300,
    lastWrite: { at: NOW - 2_000, durationMs: 3.6, rows: 16 },
  },
  cluster: { isClustered: true, ownsAlerting: true, ownsRetention: false },
  recentErrors: [
    { at: NOW - 4_000, level: 'error', message: 'nvidia-smi exited', error: 'code 1', requestId: null },
    { at: NOW - 9_000, level: 'warn', message: 'slow request', error: null, requestId: 'req-42' },
  ],
};

const render = (data: SystemDiagnostics) =>
  renderToStaticMarkup(createElement(SystemView, { diagnostics: data, now: NOW }));

/** What a reader sees: the markup's text with the tags as spaces. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the System page', () => {
  it("shows health, this host, the replica's duties and the versions", () => {
    const shown = text(render(diagnostics));
    // Ready, but its own source restarts, one host is offline and rows were dropped: degraded, and why.
    expect(shown).toContain('Degraded GPU source restarting · 1 host needs a look · samples lost since start');
    expect(shown).toContain('sentinel-1');
    expect(shown).toContain('1 d 2 h');
    expect(shown).toContain('evaluates alerts');
    expect(shown).toContain('GPU Sentinel 0.1.0 Node.js v20.19.0 NVIDIA driver 590.48.01 CUDA 13.1 Storage SQLite');
  });

  it('says why a server is not ready', () => {
    const html = render({ ...diagnostics, health: { status: 'not_ready', reason: 'database unreachable' } });
    expect(html).toContain('data-status="not_ready"');
    expect(text(html)).toContain('Not ready database unreachable');
  });

  it("shows this server's restarting source with its reason, and lists only the agents that need a look", () => {
    const html = render(diagnostics);
    const shown = text(html);
    expect(shown).toContain('restarting');
    expect(shown).toContain('nvidia-smi exited with code 1');
    expect(html).toMatch(/data-testid="system-source-restarts" data-severity="warn">3</);
    expect(html.match(/data-testid="system-host-row"/g)).toHaveLength(1);
    expect(shown).toContain('gpu-node-1 offline');
    expect(shown).toContain('248 more hosts run cleanly');
  });

  it('marks dropped rows and dropped clients, and keeps a short lag calm', () => {
    const html = render(diagnostics);
    expect(html).toMatch(/data-testid="system-writer-dropped" data-severity="alarm">7</);
    expect(html).toMatch(/data-testid="system-ws-dropped" data-severity="warn">1</);
    expect(html).toMatch(/data-testid="system-writer-lag" data-severity="ok">0.3 s</);
    expect(text(html)).toContain('16 rows in 4 ms, 2 s ago');
    expect(text(html)).toContain('Last error: SQLITE_BUSY: database is locked');
    const late = render({ ...diagnostics, writer: { ...diagnostics.writer, lagMs: 45_000 } });
    expect(late).toMatch(/data-testid="system-writer-lag" data-severity="alarm">45 s</);
  });

  it('lists the tiers with their rows and sizes', () => {
    const shown = text(render(diagnostics));
    expect(shown).toContain('raw samples 12,345 4.0 MB');
    expect(shown).toContain('1-minute 0 —');
    expect(shown).toContain('5.4 MB');
  });

  it('lists recent errors newest first, and says so when there are none', () => {
    const html = render(diagnostics);
    expect(html.match(/data-testid="system-error-entry"/g)).toHaveLength(2);
    expect(text(html)).toMatch(
      /error 2026-11-26 11:59:56 nvidia-smi exited code 1 .*warn 2026-11-26 11:59:51 request req-42 slow request/,
    );
    const quiet = text(render({ ...diagnostics, recentErrors: [] }));
    expect(quiet).toContain('No warnings or errors since the server started');
  });
});
