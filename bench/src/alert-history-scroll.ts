/**
 * Alert history scrolling (/alerts/history, virtual list over cursor pages of 200): does it stay
 * smooth over 100,000 alerts? Each run seeds N alerts into a fresh SQLite data dir, starts the built
 * server on it (one simulated GPU), signs in as admin in headless Chromium (1440×900), opens the
 * history tab (time until the first row shows), then, inside the page, one step per animation frame:
 * - scroll: 3 rows (132 px) a frame from the top for 8 s, loading pages as it goes;
 * - load all: jump to the bottom every frame until all N rows are loaded (time, frames);
 * - scroll loaded: 3 rows a frame up from the bottom for 8 s, all N rows in the list.
 * N = 1,000 is the baseline, in the same run, alternating; median of runs. Frame intervals are
 * requestAnimationFrame deltas; headless Chromium draws without the GPU.
 * Usage: npm run bench:alert-history. BENCH_RUNS (default 3).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runScrollPhase, type ScrollPhase } from './lib/scroll-probe.js';
import { seedAlerts } from './lib/seed-alerts.js';
import { startServer } from './lib/server-process.js';
import { median, quantile, round } from './lib/stats.js';
import { grouped, markdownTable } from './lib/table.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = [1_000, 100_000] as const;
const PX_PER_FRAME = 132;
const SCROLL_MS = 8_000;
const LOAD_ALL_LIMIT_MS = 240_000;
const LONG_FRAME_MS = 50;
const ADMIN_PASSWORD = 'bench-admin-password-1';
const chromiumPath = '/usr/bin/chromium';

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-precise-memory-info',
    ],
  });
}

function frameStats(phase: ScrollPhase) {
  return {
    frames: phase.frameMs.length,
    medianMs: round(median(phase.frameMs)),
    p95Ms: round(quantile(phase.frameMs, 0.95)),
    p99Ms: round(quantile(phase.frameMs, 0.99)),
    maxMs: round(Math.max(...phase.frameMs)),
    longFrames: phase.frameMs.filter((ms) => ms > LONG_FRAME_MS).length,
    maxRowsInDom: phase.maxRowsInDom,
    stalledFrames: phase.stalledFrames,
    longTasks: phase.longTaskCount,
    longTaskMs: Math.round(phase.longTaskMs),
    loadedRows: phase.loadedRows,
    totalRows: phase.totalRows,
    scrolledPx: Math.round(phase.scrolledPx),
    elapsedMs: Math.round(phase.elapsedMs),
    heapStartMiB: phase.heapStartBytes === null ? null : round(phase.heapStartBytes / 2 ** 20, 1),
    heapEndMiB: phase.heapEndBytes === null ? null : round(phase.heapEndBytes / 2 ** 20, 1),
  };
}
type PhaseStats = ReturnType<typeof frameStats>;

async function oneRun(browser: Browser, alerts: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gpu-sentinel-bench-history-'));
  const seedStarted = performance.now();
  await seedAlerts(dataDir, alerts);
  const seedMs = Math.round(performance.now() - seedStarted);
  const server = await startServer(
    ['--source', 'simulated', '--gpus', '1', '--interval-ms', '1000'],
    { GPU_SENTINEL_ADMIN_PASSWORD: ADMIN_PASSWORD },
    { dataDir },
  );
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  try {
    await page.goto(`${server.baseUrl}/alerts`);
    await page.getByTestId('login-form').waitFor({ timeout: 15_000 });
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('active-alerts').waitFor({ timeout: 15_000 });
    const clicked = performance.now();
    await page.getByRole('navigation', { name: 'Alerts' }).getByRole('link', { name: 'History' }).click();
    await page.getByTestId('alert-history-row').first().waitFor({ timeout: 30_000 });
    const firstPageMs = Math.round(performance.now() - clicked);
    const scroll = await runScrollPhase(page, {
      pxPerFrame: PX_PER_FRAME,
      durationMs: SCROLL_MS,
      startAtBottom: false,
    });
    const loadAll = await runScrollPhase(page, { pxPerFrame: 0, durationMs: LOAD_ALL_LIMIT_MS, startAtBottom: false });
    const loaded = await runScrollPhase(page, { pxPerFrame: PX_PER_FRAME, durationMs: SCROLL_MS, startAtBottom: true });
    return {
      alerts,
      seedMs,
      firstPageMs,
      scroll: frameStats(scroll),
      loadAll: frameStats(loadAll),
      scrollLoaded: frameStats(loaded),
    };
  } finally {
    await page.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
type RunResult = Awaited<ReturnType<typeof oneRun>>;

const perSize = new Map<number, RunResult[]>(SIZES.map((n) => [n, []]));
const loadBefore = loadavg();
const browser = await launch();
try {
  for (let run = 0; run < runs; run++) {
    for (const alerts of SIZES) {
      const result = await oneRun(browser, alerts);
      perSize.get(alerts)?.push(result);
      process.stderr.write(
        `run ${String(run + 1)} N=${grouped(alerts)}: first page ${String(result.firstPageMs)} ms, ` +
          `scroll p95 ${String(result.scroll.p95Ms)} ms, all loaded in ${String(result.loadAll.elapsedMs)} ms, ` +
          `loaded p95 ${String(result.scrollLoaded.p95Ms)} ms\n`,
      );
    }
  }
} finally {
  await browser.close();
}
const loadAfter = loadavg();

type PhaseName = 'scroll' | 'loadAll' | 'scrollLoaded';
const PHASES: readonly PhaseName[] = ['scroll', 'loadAll', 'scrollLoaded'];
const medianOf = (results: RunResult[], pick: (r: RunResult) => number | null) =>
  median(results.map(pick).filter((v): v is number => v !== null));
function summary(results: RunResult[]) {
  const phase = (name: PhaseName) => {
    const keys = Object.keys(results[0]?.[name] ?? {}) as (keyof PhaseStats)[];
    return Object.fromEntries(keys.map((key) => [key, medianOf(results, (r) => r[name][key])])) as Record<
      keyof PhaseStats,
      number
    >;
  };
  return {
    firstPageMs: medianOf(results, (r) => r.firstPageMs),
    seedMs: medianOf(results, (r) => r.seedMs),
    scroll: phase('scroll'),
    loadAll: phase('loadAll'),
    scrollLoaded: phase('scrollLoaded'),
  };
}
const [small, big] = SIZES.map((n) => summary(perSize.get(n) ?? []));
if (small === undefined || big === undefined) throw new Error('no results');
const ratio = (a: number, b: number) => round(a / b, 2);
const ratios = Object.fromEntries(
  PHASES.map((name) => [
    name,
    { p95: ratio(big[name].p95Ms, small[name].p95Ms), p99: ratio(big[name].p99Ms, small[name].p99Ms) },
  ]),
);
/** Smooth: p95 and p99 within 1.25× of the 1,000-alert list, and under 1 % long frames, in both scroll phases. */
const isSmooth = (['scroll', 'scrollLoaded'] as const).every(
  (name) =>
    (ratios[name]?.p95 ?? Infinity) <= 1.25 &&
    (ratios[name]?.p99 ?? Infinity) <= 1.25 &&
    big[name].longFrames <= 0.01 * big[name].frames,
);

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const chromiumVersion = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim();
const machine = {
  cpus: `${String(cpus().length)} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  chromium: chromiumVersion,
  date: new Date().toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
  loadAverage1m: { before: round(loadBefore[0] ?? 0), after: round(loadAfter[0] ?? 0) },
};
const settings = { runs, SIZES, PX_PER_FRAME, SCROLL_MS, LOAD_ALL_LIMIT_MS, LONG_FRAME_MS, pageSize: 200 };
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/alert-history-scroll.json',
  `${JSON.stringify(
    {
      machine,
      settings,
      goal: 'p95/p99 frame at 100,000 ≤ 1.25× that at 1,000, ≤ 1 % frames > 50 ms',
      isSmooth,
      ratios,
      medians: { '1000': small, '100000': big },
      perRun: Object.fromEntries(perSize),
    },
    null,
    2,
  )}\n`,
);

const rows = PHASES.flatMap((name) =>
  SIZES.map((n) => {
    const s = n === 1_000 ? small : big;
    const p = s[name];
    return [
      name,
      grouped(n),
      `${String(p.medianMs)} / ${String(p.p95Ms)} / ${String(p.p99Ms)} ms`,
      `${String(p.longFrames)} of ${grouped(p.frames)}`,
      `${String(p.longTasks)} (${grouped(p.longTaskMs)} ms)`,
      p.maxRowsInDom,
      `${grouped(p.loadedRows)} of ${grouped(p.totalRows)}`,
      `${grouped(p.elapsedMs)} ms`,
      `${String(p.heapStartMiB)} → ${String(p.heapEndMiB)} MiB`,
    ];
  }),
);
const table = markdownTable(
  [
    'phase',
    'alerts',
    'frame median / p95 / p99',
    'frames > 50 ms',
    'long tasks',
    'max rows in DOM',
    'loaded',
    'time',
    'JS heap',
  ],
  rows,
);
process.stdout.write(`\n## alert-history-scroll\n\n${table}\n\n`);
process.stdout.write(
  `first page: ${String(small.firstPageMs)} ms at 1,000, ${String(big.firstPageMs)} ms at 100,000\n` +
    `100k/1k: ${JSON.stringify(ratios)}; smooth: ${String(isSmooth)}\n`,
);
