/**
 * Runs the storage benchmarks (issue 4), prints each one's table and writes its results to
 * bench/results/<name>.json. Usage: npm run bench:storage [-- ingest|history|export-latency|rss-ingest]
 *
 * BENCH_RUNS (default 3): runs per measurement. BENCH_ENGINES (default sqlite,postgres).
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test).
 * ingest: BENCH_INGEST_SAMPLES (default 500,000) per run.
 * history and export-latency: BENCH_HISTORY_DAYS (default 30) of history, of which BENCH_RAW_HOURS
 * (default 48) raw; BENCH_HISTORY_READS (default 50) reads per query and run, fewer (at least 5) once
 * BENCH_HISTORY_QUERY_S (default 10) is spent on the query in that run.
 * export-latency: BENCH_LATENCY_S (default 15) per run, BENCH_CLIENTS (default 100) stream clients.
 * rss-ingest: BENCH_RSS_HOURS (default 24) of 8 GPUs at 4 Hz, BENCH_RSS_AFTER_S (default 30).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { exportLatencyTable, runExportLatencyBench } from './export-latency.js';
import { historyTable, runHistoryBench } from './history.js';
import { ingestTable, runIngestBench } from './ingest.js';
import type { FilledSqlite } from './lib/fill-history.js';
import { rssIngestTable, runRssIngestBench } from './rss-ingest.js';

const which = process.argv[2] ?? 'all';
const names = ['ingest', 'history', 'export-latency', 'rss-ingest'] as const;
if (which !== 'all' && !(names as readonly string[]).includes(which)) {
  process.stderr.write(`unknown benchmark "${which}": use one of ${names.join(', ')} (or nothing for all)\n`);
  process.exit(2);
}
const numberEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const runs = numberEnv('BENCH_RUNS', 3);
const history = { days: numberEnv('BENCH_HISTORY_DAYS', 30), rawHours: numberEnv('BENCH_RAW_HOURS', 48) };
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const machine = () => ({
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
  // What was measured: the commit, and any files of the code under test not yet committed.
  commit: git('rev-parse', '--short', 'HEAD'),
  uncommitted: git('status', '--porcelain', '--', 'apps/server/src', 'packages').split('\n').filter(Boolean),
});

function report(name: string, settings: Record<string, unknown>, rows: unknown, table: string): void {
  mkdirSync('bench/results', { recursive: true });
  const json = JSON.stringify({ machine: machine(), settings, rows }, null, 2);
  writeFileSync(`bench/results/${name}.json`, `${json}\n`);
  process.stdout.write(`\n## ${name}\n\n${table}\n`);
}

if (which === 'all' || which === 'ingest') {
  const settings = { runs, samples: numberEnv('BENCH_INGEST_SAMPLES', 500_000) };
  const rows = await runIngestBench(settings);
  report('ingest', settings, rows, ingestTable(rows));
}
// Running both, the export benchmark serves the SQLite data the history benchmark filled.
let prefilled: FilledSqlite | undefined;
if (which === 'all' || which === 'history') {
  const settings = {
    runs,
    ...history,
    reads: numberEnv('BENCH_HISTORY_READS', 50),
    budgetMs: numberEnv('BENCH_HISTORY_QUERY_S', 10) * 1000,
  };
  const result = await runHistoryBench({
    ...settings,
    ...(which === 'all' ? { keepSqlite: (filled: FilledSqlite) => (prefilled = filled) } : {}),
  });
  report('history', settings, result, historyTable(result));
}
if (which === 'all' || which === 'export-latency') {
  const settings = {
    runs,
    ...history,
    durationMs: numberEnv('BENCH_LATENCY_S', 15) * 1000,
    clients: numberEnv('BENCH_CLIENTS', 100),
  };
  const result = await runExportLatencyBench({ ...settings, prefilled });
  report('export-latency', settings, result, exportLatencyTable(result));
}
if (which === 'all' || which === 'rss-ingest') {
  const settings = {
    runs,
    hours: numberEnv('BENCH_RSS_HOURS', 24),
    afterMs: numberEnv('BENCH_RSS_AFTER_S', 30) * 1000,
  };
  const result = await runRssIngestBench(settings);
  report('rss-ingest', settings, result, rssIngestTable(result));
}
