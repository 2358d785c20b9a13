import { StorageStatus } from '@gpu-sentinel/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './support/server.js';
import { adminEnv, apiLogin, bearer, createUser, signIn } from './support/session.js';
import { useServerAndBrowser } from './support/suite.js';

const READER_PASSWORD = 'reader-password-12';

/** Lets the server record a few seconds first, so the raw tier has rows (a hook: no expect.poll). */
async function waitForRawRows(server: RunningServer): Promise<void> {
  const { accessToken } = await apiLogin(server.baseUrl);
  const deadline = Date.now() + 20_000;
  let rows = 0;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.baseUrl}/api/v1/storage`, { headers: bearer(accessToken) });
    const status = StorageStatus.parse(await response.json());
    rows = status.tiers.find((tier) => tier.tier === 'raw')?.rows ?? 0;
    if (rows > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server stored no raw samples in 20 s`);
}

/** Every request the page makes to the storage API, as "METHOD path". */
function storageRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/storage') seen.push(request.method());
  });
  return seen;
}

async function rawRows(page: Page): Promise<number> {
  const text = await page.getByTestId('storage-tier-raw').getByTestId('storage-tier-rows').textContent();
  return Number((text ?? '').replaceAll(',', ''));
}

describe('the storage admin panel', () => {
  const suite = useServerAndBrowser(
    ['--source', 'simulated', '--gpus', '2', '--interval-ms', '250'],
    adminEnv,
    async (started) => {
      await createUser(started.baseUrl, 'reader1', 'reader', READER_PASSWORD);
      await waitForRawRows(started);
    },
  );

  it('shows the SQLite store and its tiers, and saves a new raw retention that a reload keeps', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const requests = storageRequests(page);
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    await page.getByTestId('admin-link').click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Storage' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/storage');

    await expect.poll(() => page.getByTestId('storage-engine').textContent(), { timeout: 10_000 }).toContain('sqlite');
    expect(await page.getByTestId('storage-tiers').locator('tbody tr').count()).toBe(4);
    expect(await rawRows(page)).toBeGreaterThan(0);
    expect(await page.getByTestId('storage-tier-raw').getByTestId('storage-tier-kept').textContent()).toBe('48 h');

    // An invalid value is caught here, named, and never sent.
    await page.getByTestId('retention-rawHours').fill('0');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await expect
      .poll(() => page.getByTestId('retention-error-rawHours').textContent())
      .toBe('Raw samples: between 1 and 8760 hours');
    expect(await page.getByTestId('retention-rawHours').getAttribute('aria-invalid')).toBe('true');
    expect(requests).not.toContain('PUT');

    await page.getByTestId('retention-rawHours').fill('24');
    expect(await page.getByTestId('retention-error-rawHours').count()).toBe(0);
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.getByTestId('retention-saved').waitFor({ timeout: 10_000 });
    expect(requests.filter((method) => method === 'PUT')).toHaveLength(1);
    await expect
      .poll(() => page.getByTestId('storage-tier-raw').getByTestId('storage-tier-kept').textContent())
      .toBe('24 h');

    await page.reload();
    await expect.poll(() => page.getByTestId('retention-rawHours').inputValue(), { timeout: 10_000 }).toBe('24');
    expect(await page.getByTestId('storage-tier-raw').getByTestId('storage-tier-kept').textContent()).toBe('24 h');
    await page.close();
  });

  it('is neither shown nor asked for when a reader opens it', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const requests = storageRequests(page);
    await page.goto(`${suite.server.baseUrl}/admin/storage`);
    await signIn(page, 'reader1', READER_PASSWORD);
    await expect.poll(() => page.getByText('This page is for admins.').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('storage-tiers').count()).toBe(0);
    expect(requests).toEqual([]);
    await page.close();
  });
});
