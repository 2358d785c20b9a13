import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support/suite.js';
import { adminEnv, signIn } from './support/session.js';

describe('the Content-Security-Policy', () => {
  const suite = useServerAndBrowser(['--source', 'simulated', '--gpus', '2', '--interval-ms', '250'], adminEnv);

  it('is strict, and the whole dashboard runs under it without a violation', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy|refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));

    const response = await page.goto(suite.server.baseUrl);
    const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);

    await signIn(page);
    await expect.poll(() => page.getByTestId('gpu-card').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 10_000 }).toMatch(/live/i);
    await page.getByTestId('gpu-card').first().click();
    await expect
      .poll(() => page.locator('[data-testid^="chart-"] canvas').count(), { timeout: 10_000 })
      .toBeGreaterThan(2);
    // A full page load: the session comes back from the refresh token, without the login form.
    await page.goto(`${suite.server.baseUrl}/admin/users`);
    await page.getByTestId('users-table').waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-table').waitFor({ timeout: 10_000 });
    expect(violations).toEqual([]);
    await page.close();
  });
});
