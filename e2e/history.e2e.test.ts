import { readFile } from 'node:fs/promises';
import { HistoryResponse } from '@gpu-sentinel/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './support/server.js';
import { adminEnv, apiLogin, bearer, signIn } from './support/session.js';
import { useServerAndBrowser } from './support/suite.js';

const GPU_COUNT = 3;
const TEMPERATURE_CHART = '[data-testid="chart-history-temperatureC"]';

/** Lets the server record a few seconds first, so that every GPU has points to draw (a hook: no expect.poll). */
async function waitForRecordedSamples(server: RunningServer): Promise<void> {
  const { accessToken } = await apiLogin(server.baseUrl);
  const deadline = Date.now() + 20_000;
  let counts: number[] = [];
  while (Date.now() < deadline) {
    const from = Date.now() - 60_000;
    const response = await fetch(
      `${server.baseUrl}/api/v1/history?metrics=temperatureC&from=${from}&to=${from + 60_000}&points=1000`,
      {
        headers: bearer(accessToken),
      },
    );
    const history = HistoryResponse.parse(await response.json());
    counts = Object.values(history.series).map((metrics) => metrics.temperatureC?.ts.length ?? 0);
    if (counts.length === GPU_COUNT && Math.min(...counts) >= 20) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server recorded too little history in 20 s: points per GPU ${counts.join(', ')}`);
}

async function openHistory(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await signIn(page);
  await page.getByTestId('history-link').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/history');
  await expect.poll(() => page.locator(`${TEMPERATURE_CHART} canvas`).count(), { timeout: 15_000 }).toBe(1);
}

/** The legend labels of a chart's lines: not the time, nor the min/max band edges (hidden rows). */
async function legendLabels(page: Page, chart: string): Promise<string[]> {
  return page.locator(`${chart} .u-legend .u-series:not(:first-child, .u-series--band-edge) th`).allTextContents();
}

function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

/** Width in CSS px of a chart's plot area (uPlot's overlay covers exactly the plot). */
async function plotWidth(page: Page, chart: string): Promise<number> {
  const box = await page.locator(`${chart} .u-over`).boundingBox();
  return box?.width ?? 0;
}

describe('history view with simulated GPUs', () => {
  const suite = useServerAndBrowser(
    ['--source', 'simulated', '--gpus', String(GPU_COUNT), '--interval-ms', '250'],
    adminEnv,
    waitForRecordedSamples,
  );

  it('charts every GPU, follows presets in the URL and asks for points to fit the chart', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const asked: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/history') asked.push(url);
    });
    await openHistory(page, suite.server.baseUrl);

    expect(await page.getByTestId('history-chart').count()).toBe(4);
    await expect.poll(() => legendLabels(page, TEMPERATURE_CHART)).toHaveLength(GPU_COUNT);
    const labels = await legendLabels(page, TEMPERATURE_CHART);
    expect(labels.map((label) => label.slice(0, 3))).toEqual(['#0 ', '#1 ', '#2 ']);
    const values = await page
      .locator(`${TEMPERATURE_CHART} .u-legend .u-series:not(:first-child, .u-series--band-edge) td`)
      .allTextContents();
    for (const value of values) expect(value).toMatch(/\d+ °C/);
    expect(await page.getByTestId('history-simulated').isVisible()).toBe(true);
    expect(await page.getByTestId('history-tier').textContent()).toMatch(/raw samples|rollups/);

    asked.length = 0;
    await page.getByTestId('history-range-15m').click();
    await expect.poll(() => searchParams(page).get('range')).toBe('15m');
    expect(await page.getByTestId('history-range-15m').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => asked.length).toBeGreaterThan(0);
    const last = asked.at(-1);
    const points = Number(last?.searchParams.get('points'));
    const widthPx = await plotWidth(page, TEMPERATURE_CHART);
    expect(Number(last?.searchParams.get('to')) - Number(last?.searchParams.get('from'))).toBe(15 * 60_000);
    // One point per ~2 px of plot.
    expect(points).toBeGreaterThan((widthPx / 2) * 0.85);
    expect(points).toBeLessThan((widthPx / 2) * 1.15);

    await page.goBack();
    await expect.poll(() => searchParams(page).get('range')).toBeNull();
    expect(await page.getByTestId('history-range-1h').getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('hides a GPU switched off, zooms to a dragged span, overlays the previous day dashed and exports a CSV', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openHistory(page, suite.server.baseUrl);
    await page.getByTestId('history-range-15m').click();
    await expect.poll(() => searchParams(page).get('range')).toBe('15m');

    const toggles = page.getByTestId('history-gpu-toggle');
    const hiddenUuid = (await toggles.nth(1).getAttribute('data-uuid')) ?? '';
    await toggles.nth(1).uncheck();
    await expect.poll(() => searchParams(page).get('gpus')?.split(',')).toHaveLength(GPU_COUNT - 1);
    expect(searchParams(page).get('gpus')).not.toContain(hiddenUuid);
    await expect.poll(() => legendLabels(page, TEMPERATURE_CHART)).toHaveLength(GPU_COUNT - 1);
    expect((await legendLabels(page, TEMPERATURE_CHART)).some((label) => label.startsWith('#1 '))).toBe(false);

    // Drag across the newest tenth of the chart, where the samples are.
    const plot = page.locator(`${TEMPERATURE_CHART} .u-over`);
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    if (box === null) throw new Error('no plot area');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.9, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.95, y, { steps: 5 });
    await page.mouse.move(box.x + box.width - 1, y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => searchParams(page).get('from')).not.toBeNull();
    const from = Number(searchParams(page).get('from'));
    const to = Number(searchParams(page).get('to'));
    expect(to - from).toBeGreaterThan(60_000);
    expect(to - from).toBeLessThan(2.5 * 60_000);
    expect(searchParams(page).get('range')).toBeNull();
    expect(await page.getByTestId('history-reset-zoom').isVisible()).toBe(true);
    await expect.poll(() => legendLabels(page, TEMPERATURE_CHART)).toHaveLength(GPU_COUNT - 1);

    await page.getByTestId('history-compare').selectOption('1d');
    await expect.poll(() => searchParams(page).get('compare')).toBe('1d');
    await expect.poll(() => legendLabels(page, TEMPERATURE_CHART)).toHaveLength(2 * (GPU_COUNT - 1));
    const compareRow = page.locator(`${TEMPERATURE_CHART} .u-legend .u-series`, { hasText: 'previous day' }).first();
    expect(await compareRow.locator('.u-marker').getAttribute('style')).toContain('dashed');

    await page.getByTestId('history-export-format').selectOption('csv');
    await page.getByTestId('history-export-tier').selectOption('raw');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^gpu-sentinel-raw-.*\.csv$/);
    const path = await download.path();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines[0]).toMatch(/^ts,time,host_id,uuid,index,utilizationGpuPct,/);
    expect(lines.length).toBeGreaterThan(GPU_COUNT);
    const header = (lines[0] ?? '').split(',');
    for (const line of lines.slice(1, 6)) {
      const row = new Map(line.split(',').map((field, i) => [header[i], field]));
      expect(Number(row.get('ts'))).toBeGreaterThanOrEqual(from);
      expect(Number(row.get('ts'))).toBeLessThanOrEqual(to);
      expect(row.get('uuid')).not.toBe(hiddenUuid);
      expect(row.get('uuid')).toMatch(/^GPU-/);
      expect(Number(row.get('temperatureC'))).toBeGreaterThan(0);
    }

    await page.getByTestId('history-zoom-out').click();
    await expect
      .poll(() => Number(searchParams(page).get('to')) - Number(searchParams(page).get('from')))
      .toBe(2 * (to - from));
    await page.getByTestId('history-reset-zoom').click();
    await expect.poll(() => searchParams(page).get('range')).toBe('15m');
    await page.close();
  });

  it('refuses a custom range that ends before it starts, and says when a range holds no samples', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openHistory(page, suite.server.baseUrl);
    await page.getByTestId('history-range-custom').click();
    await page.getByTestId('history-custom-from').fill('2020-01-02T12:00');
    await page.getByTestId('history-custom-to').fill('2020-01-02T11:00');
    await page.getByTestId('history-custom-apply').click();
    expect(await page.getByTestId('history-custom-error').textContent()).toBe('The start must be before the end.');
    expect(searchParams(page).get('from')).toBeNull();
    await page.getByTestId('history-custom-to').fill('2020-01-02T13:00');
    await page.getByTestId('history-custom-apply').click();
    await expect.poll(() => searchParams(page).get('from')).not.toBeNull();
    expect(Number(searchParams(page).get('to')) - Number(searchParams(page).get('from'))).toBe(3_600_000);
    // Years before this server started: nothing was recorded then.
    await expect.poll(() => page.getByTestId('history-empty').textContent()).toBe('No samples recorded in this range.');
    expect(await page.getByTestId('history-chart').count()).toBe(0);
    await page.close();
  });

  it('reads well in the light and the dark theme', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await suite.browser.newPage({ viewport: { width: 1280, height: 1100 }, colorScheme });
      await openHistory(page, suite.server.baseUrl);
      await page.getByTestId('history-range-15m').click();
      await page.getByTestId('history-compare').selectOption('1d');
      await expect.poll(() => legendLabels(page, TEMPERATURE_CHART)).toHaveLength(2 * GPU_COUNT);
      await page.screenshot({ path: `/tmp/history-${colorScheme}.png`, fullPage: true });
      await page.close();
    }
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await openHistory(page, suite.server.baseUrl);
    await expect.poll(() => legendLabels(page, TEMPERATURE_CHART)).toHaveLength(GPU_COUNT);
    // Evaluated in the page: the e2e code is type-checked without the DOM library.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/history-phone.png', fullPage: true });
    await page.close();
  });
});
