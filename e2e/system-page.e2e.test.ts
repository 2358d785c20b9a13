import { StorageStatus, SystemStatus } from '@gpu-sentinel/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fakeNvidiaSmi, type RunningServer } from './support/server.js';
import { adminEnv, apiLogin, bearer, createUser, signIn } from './support/session.js';
import { useServerAndBrowser } from './support/suite.js';

const READER_PASSWORD = 'reader-password-12';

/** Lets the server record a few samples between the fake's exits, so the raw tier has rows (a hook: no expect.poll). */
async function waitForRawRows(server: RunningServer): Promise<void> {
  const { accessToken } = await apiLogin(server.baseUrl);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.baseUrl}/api/v1/storage`, { headers: bearer(accessToken) });
    const status = StorageStatus.parse(await response.json());
    if ((status.tiers.find((tier) => tier.tier === 'raw')?.rows ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server stored no raw samples in 20 s');
}

/** Every request the page makes for the diagnostics. */
function diagnosticsRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/system/diagnostics') seen.push(request.method());
  });
  return seen;
}

async function count(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).first().textContent()) ?? '').replaceAll(',', ''));
}

async function horizontalOverflow(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
}

async function openSystemTab(page: Page): Promise<void> {
  await page.getByTestId('admin-link').click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'System' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/system');
  await page.getByTestId('system-health').waitFor({ timeout: 15_000 });
}

describe('the System page, with an nvidia-smi that keeps exiting', () => {
  const suite = useServerAndBrowser(
    ['--source', 'nvidia-smi', '--nvidia-smi', fakeNvidiaSmi, '--interval-ms', '250'],
    { ...adminEnv, FAKE_NVSMI_MODE: 'exit' },
    async (started) => {
      await createUser(started.baseUrl, 'reader1', 'reader', READER_PASSWORD);
      await waitForRawRows(started);
    },
  );

  it("shows an admin the server's health, version, restarting source, storage, connections and errors", async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    await openSystemTab(page);

    // The source restarts; a reload a little later shows more restarts.
    await expect.poll(() => count(page, 'system-source-restarts'), { timeout: 15_000 }).toBeGreaterThan(0);
    const restarts = await count(page, 'system-source-restarts');
    expect(await page.getByTestId('system-source-kind').textContent()).toBe('nvidia-smi');
    await page.reload();
    await page.getByTestId('system-health').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => count(page, 'system-source-restarts'), { timeout: 40_000, interval: 1_000 })
      .toBeGreaterThan(restarts);
    expect(await page.getByTestId('system-source-restarts').getAttribute('data-severity')).toBe('warn');

    // Ready (the server serves), but degraded while its own source keeps restarting, and it says why.
    expect(await page.getByTestId('system-health').getAttribute('data-status')).toBe('ok');
    await expect
      .poll(() => page.getByTestId('system-health').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('degraded');
    expect(await page.getByTestId('system-health-reason').textContent()).toMatch(/GPU source (restarting|stalled)/);

    const { accessToken } = await apiLogin(suite.server.baseUrl);
    const system = await fetch(`${suite.server.baseUrl}/api/v1/system`, { headers: bearer(accessToken) });
    const { version, hostname } = SystemStatus.parse(await system.json());
    expect(await page.getByTestId('system-version-server').textContent()).toBe(version);
    expect(await page.getByTestId('system-hostname').textContent()).toBe(hostname);

    expect(await page.getByTestId('system-storage-tiers').locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(
      Number(
        (
          (await page.getByTestId('system-storage-tier-raw').getByTestId('system-storage-tier-rows').textContent()) ??
          ''
        ).replaceAll(',', ''),
      ),
    ).toBeGreaterThan(0);

    // The page's own dashboard stream is one of the clients.
    await expect.poll(() => count(page, 'system-ws-clients'), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('system-writer-lag').textContent()).toMatch(/^\d+(\.\d)? s$/);

    const entries = page.getByTestId('system-recent-errors').getByTestId('system-error-entry');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await entries.allTextContents()).some((entry) => entry.includes('nvidia-smi'))).toBe(true);
    expect(await page.getByTestId('system-errors-empty').count()).toBe(0);

    await page.screenshot({ path: '/tmp/system-page-desktop-light.png', fullPage: true });
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await page.screenshot({ path: '/tmp/system-page-desktop-dark.png', fullPage: true });
    await page.close();
  });

  it('fits a phone: no sideways scrolling, tables scroll inside their frame', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    await page.goto(`${suite.server.baseUrl}/admin/system`);
    await page.getByTestId('system-storage-tiers').waitFor({ timeout: 15_000 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/system-page-phone.png', fullPage: true });
    await page.close();
  });

  it('is neither offered to a reader nor answered for them', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const requests = diagnosticsRequests(page);
    await page.goto(`${suite.server.baseUrl}/admin/system`);
    await signIn(page, 'reader1', READER_PASSWORD);
    await expect.poll(() => page.getByText('This page is for admins.').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('link', { name: 'System' }).count()).toBe(0);
    expect(await page.getByTestId('system-health').count()).toBe(0);
    expect(requests).toEqual([]);
    await page.close();

    const { accessToken } = await apiLogin(suite.server.baseUrl, 'reader1', READER_PASSWORD);
    const response = await fetch(`${suite.server.baseUrl}/api/v1/system/diagnostics`, { headers: bearer(accessToken) });
    expect(response.status).toBe(403);
  });
});
