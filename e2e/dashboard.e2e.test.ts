import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SystemStatus } from '@gpu-sentinel/protocol';
import { fakeNvidiaSmi } from './support/server.js';
import { useServerAndBrowser } from './support/suite.js';
import { adminEnv, apiLogin, bearer, signIn } from './support/session.js';

async function cardTexts(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).allTextContents();
}

describe('dashboard with simulated GPUs', () => {
  const suite = useServerAndBrowser(['--source', 'simulated', '--gpus', '4', '--interval-ms', '250'], adminEnv);

  it('shows one card per GPU, labelled simulated, with numbers that change', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    await expect.poll(() => page.getByTestId('gpu-card').count(), { timeout: 15_000 }).toBe(4);
    await expect.poll(() => page.getByTestId('simulated-banner').isVisible()).toBe(true);
    expect((await page.getByTestId('source-badge').textContent())?.toLowerCase()).toContain('simulated');
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toMatch(/live|connected/i);

    const before = [...(await cardTexts(page, 'gpu-util')), ...(await cardTexts(page, 'gpu-power'))];
    expect(before.join(' ')).toMatch(/\d/);
    await expect
      .poll(async () => [...(await cardTexts(page, 'gpu-util')), ...(await cardTexts(page, 'gpu-power'))], {
        timeout: 10_000,
      })
      .not.toEqual(before);
    await page.close();
  });

  it('opens a GPU page with live charts and the processes table', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    await page.getByTestId('gpu-card').first().click();
    await expect.poll(() => page.url()).toMatch(/\/gpus\/GPU-/);
    await expect
      .poll(() => page.locator('[data-testid^="chart-"] canvas').count(), { timeout: 10_000 })
      .toBeGreaterThan(2);
    await expect.poll(() => page.getByTestId('processes-table').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.close();
  });

  it('pauses and resumes recording from the header', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    const { accessToken } = await apiLogin(suite.server.baseUrl);
    const isRecording = async () => {
      const response = await fetch(`${suite.server.baseUrl}/api/v1/system`, { headers: bearer(accessToken) });
      return SystemStatus.parse(await response.json()).isRecording;
    };
    expect(await isRecording()).toBe(true);
    await page.getByTestId('recording-toggle').click();
    await expect.poll(isRecording).toBe(false);
    await page.getByTestId('recording-toggle').click();
    await expect.poll(isRecording).toBe(true);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling, in the dark theme too', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    await expect.poll(() => page.getByTestId('gpu-card').count(), { timeout: 15_000 }).toBe(4);
    // Evaluated in the page: the e2e code is type-checked without the DOM library.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    const background = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
    const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(3 * 100);
    await page.close();
  });
});

describe('dashboard with nvidia-smi (fake executable replaying real captures)', () => {
  const suite = useServerAndBrowser(['--source', 'nvidia-smi', '--nvidia-smi', fakeNvidiaSmi, '--interval-ms', '250'], {
    ...adminEnv,
    FAKE_NVSMI_GPUS: '2',
  });

  it('shows the real GPU names and no simulated banner', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    await expect.poll(() => page.getByTestId('gpu-card').count(), { timeout: 15_000 }).toBe(2);
    expect((await page.getByTestId('gpu-card').first().textContent()) ?? '').toMatch(/H100/);
    expect(await page.getByTestId('simulated-banner').count()).toBe(0);
    await page.close();
  });
});
