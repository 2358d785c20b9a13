/**
 * Live stream latency (sample → client, p99) while a 30-day export streams, against the idle p99
 * measured in the same run: the built server (`serve`, simulated 8 GPUs at 4 Hz, recording) on a
 * SQLite data dir filled beforehand as the history benchmark fills it (lib/fill-history.ts), the
 * latency clients in a process of their own (lib/measure-latency.ts), and an export client in
 * this process reading `GET /api/v1/export` (NDJSON, raw rows or 1-minute rollups) as fast as it
 * comes, starting a new export whenever one ends. Modes alternate run by run.
 */
import { rmSync } from 'node:fs';
import type { HistoryTier } from '@gpu-sentinel/protocol';
import { benchLogin, startBenchServer } from './lib/bench-session.js';
import type { RunningServer } from './lib/server-process.js';
import { openBenchStore } from './lib/bench-stores.js';
import { ContinuousExport } from './lib/continuous-export.js';
import { fillHistory, historyFleet, type FilledSqlite } from './lib/fill-history.js';
import { measureLatency, ticketTarget, type LatencyRun } from './lib/measure-latency.js';
import { median, round } from './lib/stats.js';
import { grouped, markdownTable } from './lib/table.js';

const GOAL_RATIO = 1.2;
const MODES = ['idle', 'raw', '1m'] as const;
type Mode = (typeof MODES)[number];

export interface ExportLatencyRow {
  mode: Mode;
  runs: number;
  clients: number;
  messagesPerRun: number;
  /** Medians over the runs of each run's p50 and p99. */
  p50Ms: number;
  p99Ms: number;
  p99MsPerRun: number[];
  /** p99 ÷ idle p99 (medians). */
  p99OverIdle: number;
  /** Distinct ticks any client received per run (median), and the longest gap between two (max over runs). */
  ticksPerRun: number;
  maxTickGapMs: number;
  exportMBPerSecond: number | null;
  exportLinesPerSecond: number | null;
  exportsCompletedPerRun: number | null;
}

export interface ExportLatencyResult {
  fill: { from: number; now: number; rawSamples: number; thinnedSamples: number; seconds: number };
  rows: ExportLatencyRow[];
  goalRatio: number;
  goalMet: boolean;
}

interface ModeRun extends LatencyRun {
  export: { megabytesPerSecond: number; linesPerSecond: number; completed: number } | null;
}

export async function runExportLatencyBench(options: {
  runs: number;
  days: number;
  rawHours: number;
  durationMs: number;
  clients: number;
  /** A data dir the history benchmark filled in this process (then deleted here); otherwise one is filled. */
  prefilled?: FilledSqlite | undefined;
}): Promise<ExportLatencyResult> {
  const { dataDir, fill } = options.prefilled ?? (await fillSqlite(options));
  let server: RunningServer | null = null;
  try {
    server = await startBenchServer(
      ['--source', 'simulated', '--gpus', '8', '--interval-ms', '250', '--log-level', 'warn'],
      { dataDir },
    );
    const { baseUrl } = server;
    const accessToken = await benchLogin(baseUrl);
    const target = ticketTarget(baseUrl, accessToken);
    const exportUrl = (tier: HistoryTier) => () =>
      `${baseUrl}/api/v1/export?format=ndjson&tier=${tier}&from=${fill.from}&to=${Date.now()}`;
    const results = new Map<Mode, ModeRun[]>(MODES.map((mode) => [mode, []]));
    for (let run = 0; run < options.runs; run += 1) {
      for (const mode of MODES) {
        const exporter = mode === 'idle' ? null : new ContinuousExport(exportUrl(mode), accessToken);
        const started = performance.now();
        const latency = await measureLatency(target, options.clients, 3_000, options.durationMs);
        const exported = await exporter?.stop();
        const seconds = (performance.now() - started) / 1000;
        const result: ModeRun = {
          ...latency,
          export:
            exported === undefined
              ? null
              : {
                  megabytesPerSecond: exported.megabytesPerSecond,
                  linesPerSecond: exported.lines / seconds,
                  completed: exported.completed,
                },
        };
        results.get(mode)?.push(result);
        process.stderr.write(`export-latency ${mode} run=${run + 1}: ${JSON.stringify(result)}\n`);
      }
    }
    const idleP99 = median((results.get('idle') ?? []).map((r) => r.p99Ms));
    const rows = MODES.map((mode): ExportLatencyRow => {
      const runs = results.get(mode) ?? [];
      const exports = runs.flatMap((r) => (r.export === null ? [] : [r.export]));
      const p99Ms = median(runs.map((r) => r.p99Ms));
      return {
        mode,
        runs: runs.length,
        clients: options.clients,
        messagesPerRun: median(runs.map((r) => r.messages)),
        p50Ms: median(runs.map((r) => r.p50Ms)),
        p99Ms,
        p99MsPerRun: runs.map((r) => r.p99Ms),
        p99OverIdle: round(p99Ms / idleP99, 2),
        ticksPerRun: median(runs.map((r) => r.ticks)),
        maxTickGapMs: Math.max(...runs.map((r) => r.maxTickGapMs)),
        exportMBPerSecond: exports.length === 0 ? null : round(median(exports.map((e) => e.megabytesPerSecond)), 1),
        exportLinesPerSecond: exports.length === 0 ? null : Math.round(median(exports.map((e) => e.linesPerSecond))),
        exportsCompletedPerRun: exports.length === 0 ? null : median(exports.map((e) => e.completed)),
      };
    });
    return {
      fill,
      rows,
      goalRatio: GOAL_RATIO,
      goalMet: rows.every((row) => row.p99OverIdle <= GOAL_RATIO),
    };
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function fillSqlite(options: { days: number; rawHours: number }): Promise<FilledSqlite> {
  const bench = await openBenchStore('sqlite');
  try {
    const fill = await fillHistory(bench.store, historyFleet(), options);
    process.stderr.write(`export-latency: filled in ${round(fill.seconds, 1)} s\n`);
    return { dataDir: bench.dataDir ?? '', fill };
  } finally {
    await bench.store.close();
  }
}

export function exportLatencyTable(result: ExportLatencyResult): string {
  const label: Record<Mode, string> = { idle: 'idle', raw: 'raw export streaming', '1m': '1-minute export streaming' };
  return markdownTable(
    [
      'live stream while',
      'clients',
      'messages per run',
      'ticks per run',
      'longest tick gap',
      'p50',
      'p99',
      'p99 per run',
      'p99 ÷ idle',
      'export MB/s',
      'export rows/s',
    ],
    result.rows.map((row) => [
      label[row.mode],
      row.clients,
      grouped(row.messagesPerRun),
      row.ticksPerRun,
      `${row.maxTickGapMs} ms`,
      `${row.p50Ms} ms`,
      `${row.p99Ms} ms`,
      row.p99MsPerRun.join(', '),
      row.mode === 'idle' ? '—' : `${row.p99OverIdle}×`,
      row.exportMBPerSecond ?? '—',
      row.exportLinesPerSecond === null ? '—' : grouped(row.exportLinesPerSecond),
    ]),
  );
}
