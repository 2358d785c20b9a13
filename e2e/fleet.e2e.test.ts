import { GpusResponse } from '@gpu-sentinel/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FLEET_INTERVAL_MS,
  createIngestKey,
  planFleet,
  startSimulatedFleet,
  waitForOnlineHosts,
  type SimulatedFleet,
} from './support/fleet.js';
import { adminEnv, apiLogin, bearer, signIn } from './support/session.js';
import { useServerAndBrowser } from './support/suite.js';

const HOST_COUNT = 64;
/** 48 hosts of 8 GPUs and 16 of 4; 40 training and 24 inference hosts; racks r1–r4 in turn; each its own heat. */
const PLANS = planFleet(HOST_COUNT, 40, 48);
const GPU_COUNT = PLANS.reduce((sum, plan) => sum + plan.gpus, 0);
const STOPPED = ['gpu-node-05', 'gpu-node-06'];
/** The server calls a host offline 15 s after its last sample; the page judges it on the same clock. */
const OFFLINE_WITHIN_MS = 35_000;

const hostIdsWhere = (matches: (plan: (typeof PLANS)[number]) => boolean) =>
  PLANS.filter(matches)
    .map((plan) => plan.hostname)
    .sort();

async function countOf(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-count'));
}

interface RenderedRow {
  hostId: string;
  status: string;
  /** The highest number the row's cells show; null when none shows one. */
  max: number | null;
}

/**
 * Runs in the page: the rendered hosts in reading order (virtual rows top to bottom; a compact row holds
 * a host per column, left to right), read in one go so that every value is from one moment.
 */
const READ_ROWS = `JSON.stringify(
  [...document.querySelectorAll('[data-testid="fleet-list"] [data-index]')]
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .flatMap((slot) => [...slot.querySelectorAll('[data-testid="fleet-host-row"]')])
    .map((row) => {
      const values = [...row.querySelectorAll('[data-testid="fleet-gpu-cell"] .fleet-cell__value')]
        .map((cell) => Number.parseFloat(cell.textContent ?? ''))
        .filter((value) => Number.isFinite(value));
      return {
        hostId: row.dataset.hostId ?? '',
        status: row.dataset.status ?? '',
        max: values.length === 0 ? null : Math.max(...values),
      };
    }),
)`;

function isRenderedRow(value: unknown): value is RenderedRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.hostId === 'string' &&
    typeof row.status === 'string' &&
    (row.max === null || typeof row.max === 'number')
  );
}

async function renderedRows(page: Page): Promise<RenderedRow[]> {
  const parsed: unknown = JSON.parse(String(await page.evaluate(READ_ROWS)));
  if (!Array.isArray(parsed) || !parsed.every(isRenderedRow)) throw new Error('unexpected rows read from the page');
  return parsed;
}

async function renderedHostIds(page: Page): Promise<string[]> {
  return (await renderedRows(page)).map((row) => row.hostId).sort();
}

function isNonIncreasing(values: readonly (number | null)[]): boolean {
  return values.every((value, i) => i === 0 || (value ?? -Infinity) <= (values[i - 1] ?? -Infinity));
}

describe(`fleet view of ${String(HOST_COUNT)} simulated hosts`, () => {
  const suite = useServerAndBrowser(
    ['--source', 'none', '--interval-ms', String(FLEET_INTERVAL_MS), '--log-level', 'warn'],
    adminEnv,
  );
  let fleet: SimulatedFleet | undefined;
  let accessToken = '';

  beforeAll(async () => {
    const key = await createIngestKey(suite.server.baseUrl);
    fleet = await startSimulatedFleet(suite.server.baseUrl, key, PLANS);
    await waitForOnlineHosts(suite.server.baseUrl, HOST_COUNT);
    accessToken = (await apiLogin(suite.server.baseUrl)).accessToken;
  }, 90_000);
  // Registered after the suite's own afterAll, so it runs first: the agents stop before the server.
  afterAll(async () => {
    await fleet?.stop();
  });

  async function openFleet(path = '/fleet', viewport = { width: 1440, height: 900 }): Promise<Page> {
    const page = await suite.browser.newPage({ viewport });
    await page.goto(`${suite.server.baseUrl}${path}`);
    await signIn(page);
    await page.getByTestId('fleet-list').waitFor({ timeout: 15_000 });
    return page;
  }

  it('counts every host and GPU, yet keeps only a screenful of rows in the page', async () => {
    const page = await openFleet('/fleet?sort=host&density=comfortable');
    await expect.poll(() => countOf(page, 'fleet-count-online'), { timeout: 15_000 }).toBe(HOST_COUNT);
    expect(await countOf(page, 'fleet-count-offline')).toBe(0);
    await expect.poll(() => countOf(page, 'fleet-count-gpus'), { timeout: 15_000 }).toBe(GPU_COUNT);
    expect(await countOf(page, 'fleet-shown')).toBe(HOST_COUNT);

    const firstScreen = await renderedHostIds(page);
    expect(firstScreen).toContain('gpu-node-01');
    expect(firstScreen).not.toContain('gpu-node-64');
    expect(firstScreen.length).toBeGreaterThan(3);
    expect(firstScreen.length).toBeLessThan(HOST_COUNT / 2);

    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await expect.poll(() => renderedHostIds(page), { timeout: 10_000 }).toContain('gpu-node-64');
    const lastScreen = await renderedHostIds(page);
    expect(lastScreen).not.toContain('gpu-node-01');
    expect(lastScreen.length).toBeLessThan(HOST_COUNT / 2);
    await page.close();
  });

  it('shows a fleet this large compact by default: a line per host, a linked square per GPU, all on one screen', async () => {
    const page = await openFleet('/fleet?sort=host');
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 15_000 }).toBe(HOST_COUNT);
    const list = page.getByTestId('fleet-list');
    expect(await list.getAttribute('data-density')).toBe('compact');
    expect(await page.getByTestId('fleet-density-compact').isChecked()).toBe(true);
    expect(page.url()).not.toContain('density=');

    await expect.poll(() => renderedHostIds(page), { timeout: 10_000 }).toEqual(PLANS.map((p) => p.hostname).sort());
    expect(Number(await list.getAttribute('data-columns'))).toBeGreaterThanOrEqual(3);
    const listBox = await list.boundingBox();
    expect(listBox?.height ?? Infinity).toBeLessThan(900);
    const lineBox = await page.getByTestId('fleet-host-row').first().boundingBox();
    expect(lineBox?.height ?? 0).toBeGreaterThanOrEqual(20);
    expect(lineBox?.height ?? Infinity).toBeLessThanOrEqual(28);

    const squares = page.getByTestId('fleet-gpu-cell');
    await expect.poll(() => squares.count(), { timeout: 10_000 }).toBe(GPU_COUNT);
    const square = page.locator(
      '[data-testid="fleet-host-row"][data-host-id="gpu-node-01"] [data-testid="fleet-gpu-cell"]',
    );
    const squareBox = await square.first().boundingBox();
    expect(squareBox?.width ?? 0).toBeGreaterThanOrEqual(14);
    expect(squareBox?.width ?? Infinity).toBeLessThanOrEqual(20);
    expect((await square.allTextContents()).join('')).toBe('');
    expect(await square.first().getAttribute('aria-label')).toMatch(/^GPU \d+ · .+, Utilisation: .+, Temperature: /);
    expect(await square.first().getAttribute('data-level')).toMatch(/^[0-5]$|^none$/);

    const uuid = (await square.first().getAttribute('data-uuid')) ?? '';
    expect(uuid).not.toBe('');
    await square.first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => decodeURIComponent(new URL(page.url()).pathname)).toBe(`/gpus/${uuid}`);
    await page.close();
  });

  it('switches density from the control, keeps it in the URL, and stays virtualised compact on a phone', async () => {
    const page = await openFleet('/fleet?sort=host');
    await page.getByRole('radio', { name: 'Comfortable' }).check();
    await expect.poll(() => page.url()).toContain('density=comfortable');
    await expect.poll(() => page.getByTestId('fleet-list').getAttribute('data-density')).toBe('comfortable');
    await expect
      .poll(() => page.getByTestId('fleet-gpu-cell').first().textContent(), { timeout: 10_000 })
      .toMatch(/%|stale/);
    await page.reload();
    await page.getByTestId('fleet-list').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('radio', { name: 'Comfortable' }).isChecked()).toBe(true);
    await page.close();

    const phone = await openFleet('/fleet?sort=host', { width: 390, height: 844 });
    await expect
      .poll(() => phone.getByTestId('fleet-list').getAttribute('data-columns'), { timeout: 10_000 })
      .toBe('1');
    await expect.poll(() => renderedHostIds(phone), { timeout: 10_000 }).toContain('gpu-node-01');
    const firstScreen = await renderedHostIds(phone);
    expect(firstScreen).not.toContain('gpu-node-64');
    expect(firstScreen.length).toBeLessThan(HOST_COUNT / 2);
    await phone.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await expect.poll(() => renderedHostIds(phone), { timeout: 10_000 }).toContain('gpu-node-64');
    expect(await renderedHostIds(phone)).not.toContain('gpu-node-01');
    await phone.close();
  });

  it('narrows the list by hostname and by label chips, and a reload keeps the filters', async () => {
    const page = await openFleet();
    await page.getByTestId('fleet-filter-text').fill('gpu-node-1');
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 10_000 }).toBe(10);
    expect(page.url()).toContain('q=gpu-node-1');
    expect(await renderedHostIds(page)).toEqual(hostIdsWhere((plan) => plan.hostname.startsWith('gpu-node-1')));
    await page.reload();
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 15_000 }).toBe(10);
    expect(await page.getByTestId('fleet-filter-text').inputValue()).toBe('gpu-node-1');

    await page.getByTestId('fleet-filter-text').fill('');
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 10_000 }).toBe(HOST_COUNT);
    const rackChip = page.locator('[data-testid="fleet-label-chip"][data-label="rack=r2"]');
    await rackChip.click();
    const inRack = hostIdsWhere((plan) => plan.labels.rack === 'r2');
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 10_000 }).toBe(inRack.length);
    const poolChip = page.locator('[data-testid="fleet-label-chip"][data-label="pool=inference"]');
    await poolChip.click();
    const inRackAndPool = hostIdsWhere((plan) => plan.labels.rack === 'r2' && plan.labels.pool === 'inference');
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 10_000 }).toBe(inRackAndPool.length);
    expect(await renderedHostIds(page)).toEqual(inRackAndPool);
    expect(await poolChip.getAttribute('aria-pressed')).toBe('true');
    expect(decodeURIComponent(page.url())).toMatch(/label=pool=inference&label=rack=r2/);

    await page.reload();
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 15_000 }).toBe(inRackAndPool.length);
    expect(await rackChip.getAttribute('aria-pressed')).toBe('true');
    expect(await poolChip.getAttribute('aria-pressed')).toBe('true');
    expect(
      await page.locator('[data-testid="fleet-label-chip"][data-label="rack=r1"]').getAttribute('aria-pressed'),
    ).toBe('false');
    await page.close();
  });

  it('sorts hosts by their hottest GPU and shows temperatures', async () => {
    const page = await openFleet('/fleet?density=comfortable');
    await page.getByLabel('Sort hosts by').selectOption('temp');
    await expect.poll(() => page.url()).toContain('sort=temp');
    await expect
      .poll(() => page.getByTestId('fleet-gpu-cell').first().textContent(), { timeout: 10_000 })
      .toMatch(/°C|stale/);

    // The order is re-taken every 2 s while the values stay live: wait for a moment where the
    // top rows, read at once, run from hottest down.
    let top: RenderedRow[] = [];
    await expect
      .poll(
        async () => {
          top = (await renderedRows(page)).slice(0, 10);
          return top.length === 10 && isNonIncreasing(top.map((row) => row.max));
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBe(true);

    // The hosts run 0–47 °C apart: the top rows differ, and the first is the fleet's hottest by the
    // API too (give or take the drift of a few seconds).
    expect(top[0]?.max ?? 0).toBeGreaterThan(top[9]?.max ?? 0);
    const response = await fetch(`${suite.server.baseUrl}/api/v1/gpus`, { headers: bearer(accessToken) });
    const gpus = GpusResponse.parse(await response.json()).gpus.filter((gpu) => !gpu.isStale);
    const hottest = Math.max(...gpus.map((gpu) => gpu.latest?.temperatureC ?? -Infinity));
    expect(top[0]?.max).toBeGreaterThanOrEqual(Math.round(hottest) - 3);
    await page.close();
  });

  it('updates the cells live', async () => {
    const page = await openFleet('/fleet?density=comfortable');
    const firstRow = page.getByTestId('fleet-host-row').first();
    await firstRow.waitFor({ timeout: 10_000 });
    const hostId = (await firstRow.getAttribute('data-host-id')) ?? '';
    const cells = page.locator(
      `[data-testid="fleet-host-row"][data-host-id="${hostId}"] [data-testid="fleet-gpu-cell"]`,
    );
    const before = await cells.allTextContents();
    expect(before.join(' ')).toMatch(/\d+ %/);
    await expect.poll(() => cells.allTextContents(), { timeout: 10_000 }).not.toEqual(before);
    await page.close();
  });

  it('opens a host with its facts and GPUs, then a GPU; an unknown host is not found', async () => {
    const page = await openFleet('/fleet?q=gpu-node-03');
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('fleet-host-link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/fleet/gpu-node-03');
    await page.getByTestId('host-page').waitFor({ timeout: 10_000 });
    const facts = (await page.getByTestId('host-facts').textContent()) ?? '';
    expect(facts).toContain('gpu-node-03');
    expect(facts).toContain('agent 0.1.0-e2e');
    expect(await page.getByTestId('host-status-badge').textContent()).toBe('online');
    await expect.poll(() => page.getByTestId('host-gpu-card').count(), { timeout: 10_000 }).toBe(8);

    const card = page.getByTestId('host-gpu-card').first();
    const uuid = (await card.getAttribute('data-uuid')) ?? '';
    expect(uuid).not.toBe('');
    await card.click();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).pathname)).toBe(`/gpus/${uuid}`);
    await page.getByTestId('gpu-facts').waitFor({ timeout: 10_000 });

    await page.goto(`${suite.server.baseUrl}/fleet/unknown-host`);
    await page.getByTestId('host-not-found').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('host-page').count()).toBe(0);
    await page.close();
  });

  it('shows hosts whose agents stopped as offline, with when they were last seen', async () => {
    const page = await openFleet();
    await expect.poll(() => countOf(page, 'fleet-count-online'), { timeout: 15_000 }).toBe(HOST_COUNT);
    const running = fleet;
    if (running === undefined) throw new Error('the fleet did not start');
    await Promise.all(STOPPED.map((hostname) => running.stopHost(hostname)));

    await expect.poll(() => countOf(page, 'fleet-count-offline'), { timeout: OFFLINE_WITHIN_MS }).toBe(2);
    expect(await countOf(page, 'fleet-count-online')).toBe(HOST_COUNT - 2);
    const stoppedGpus = PLANS.filter((plan) => STOPPED.includes(plan.hostname)).reduce((n, p) => n + p.gpus, 0);
    await expect.poll(() => countOf(page, 'fleet-count-stale'), { timeout: 10_000 }).toBe(stoppedGpus);

    await page.getByTestId('fleet-count-offline').click();
    await expect.poll(() => countOf(page, 'fleet-shown'), { timeout: 10_000 }).toBe(2);
    expect(page.url()).toContain('state=offline');
    const rows = await renderedRows(page);
    expect(rows.map((row) => row.hostId).sort()).toEqual(STOPPED);
    expect(rows.map((row) => row.status)).toEqual(['offline', 'offline']);
    const lastSeen = await page.getByTestId('host-last-seen').allTextContents();
    expect(lastSeen).toHaveLength(2);
    for (const text of lastSeen) expect(text).toMatch(/^last seen \d+ s ago$/);
    expect(await page.locator('[data-testid="fleet-gpu-cell"][data-stale="true"]').count()).toBe(stoppedGpus);
    await page.close();
  });
});
