import { ApiKeysResponse } from '@gpu-sentinel/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support/suite.js';
import { adminEnv, apiLogin, bearer, createUser, signIn } from './support/session.js';

const READER_PASSWORD = 'reader-password-12';

async function liveNumbers(page: Page): Promise<string[]> {
  return [
    ...(await page.getByTestId('gpu-util').allTextContents()),
    ...(await page.getByTestId('gpu-power').allTextContents()),
  ];
}

/** Evaluated in the page: the e2e code is type-checked without the DOM library. */
async function storedRefreshToken(page: Page): Promise<string | null> {
  const value: unknown = await page.evaluate("sessionStorage.getItem('gpu-sentinel.refresh-token')");
  return typeof value === 'string' ? value : null;
}

describe('signing in and out of the dashboard', () => {
  const suite = useServerAndBrowser(
    ['--source', 'simulated', '--gpus', '2', '--interval-ms', '250'],
    adminEnv,
    (started) => createUser(started.baseUrl, 'reader1', 'reader', READER_PASSWORD),
  );

  it('asks for a login, shows live numbers to the admin, and refuses the dashboard after logout', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    expect(await page.getByTestId('gpu-card').count()).toBe(0);
    await signIn(page);
    expect(await page.getByTestId('current-user').textContent()).toMatch(/admin/);
    await expect.poll(() => page.getByTestId('gpu-card').count(), { timeout: 15_000 }).toBe(2);
    const before = await liveNumbers(page);
    await expect.poll(() => liveNumbers(page), { timeout: 10_000 }).not.toEqual(before);

    const refreshToken = await storedRefreshToken(page);
    expect(refreshToken).not.toBeNull();
    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-form').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('gpu-card').count()).toBe(0);
    expect(await storedRefreshToken(page)).toBeNull();

    // The session is over on the server too: its refresh token is refused.
    const refused = await fetch(`${suite.server.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refused.status).toBe(401);
    await page.reload();
    await page.getByTestId('login-form').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('gpu-card').count()).toBe(0);
    await page.close();
  });

  it('stays signed in across a reload, on the page that was open', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${suite.server.baseUrl}/admin/users`);
    await signIn(page);
    await page.getByTestId('users-table').waitFor({ timeout: 10_000 });
    await page.reload();
    await page.getByTestId('users-table').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('users-table').textContent(), { timeout: 10_000 }).toContain('reader1');
    await page.close();
  });

  it('hides the recording toggle, the interval and the admin pages from a reader', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    await signIn(page, 'reader1', READER_PASSWORD);
    await expect.poll(() => page.getByTestId('gpu-card').count(), { timeout: 15_000 }).toBe(2);
    expect(await page.getByTestId('current-user').textContent()).toMatch(/reader/);
    expect(await page.getByTestId('recording-toggle').count()).toBe(0);
    expect(await page.getByTestId('interval-select').count()).toBe(0);
    expect(await page.getByTestId('admin-link').count()).toBe(0);
    await page.close();
  });

  it('sends a reader back to the login page when an admin disables them', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const user = await createUser(suite.server.baseUrl, 'reader2', 'reader', READER_PASSWORD);
    await page.goto(suite.server.baseUrl);
    await signIn(page, 'reader2', READER_PASSWORD);
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toMatch(/live/i);
    const { accessToken } = await apiLogin(suite.server.baseUrl);
    const disabled = await fetch(`${suite.server.baseUrl}/api/v1/users/${user.id}`, {
      method: 'PATCH',
      headers: bearer(accessToken),
      body: JSON.stringify({ isDisabled: true }),
    });
    expect(disabled.status).toBe(200);
    await page.getByTestId('login-form').waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('shows a clear error for a wrong password', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    await page.getByTestId('login-username').fill('reader1');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent(), { timeout: 10_000 })
      .toMatch(/wrong username or password/i);
    expect(await page.getByTestId('current-user').count()).toBe(0);

    // Failed logins in a row lock the username out: the page says how long to wait, and waits.
    let status = 401;
    for (let attempt = 0; attempt < 8 && status === 401; attempt += 1) {
      await page.getByTestId('login-password').fill('still-not-the-password');
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
      await page.getByTestId('login-submit').click();
      status = (await answered).status();
    }
    expect(status).toBe(429);
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toMatch(/too many attempts\. try again in \d+/i);
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
    await page.close();
  });
});

describe('the admin pages', () => {
  const suite = useServerAndBrowser(['--source', 'simulated', '--gpus', '2', '--interval-ms', '250'], adminEnv);

  it('creates an API key that is shown once and works', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(suite.server.baseUrl);
    await signIn(page);
    await page.getByTestId('admin-link').click();
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.locator('input[name=key-name]').fill('rack-3 agent');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('apikey-created').waitFor({ timeout: 10_000 });
    const key = (await page.getByTestId('apikey-value').textContent()) ?? '';
    expect(key).toMatch(/^gs_/);
    expect(await page.getByTestId('apikey-created').textContent()).toMatch(/only once/i);
    await expect.poll(() => page.getByTestId('apikeys-table').textContent()).toContain('rack-3 agent');

    const withKey = await fetch(`${suite.server.baseUrl}/api/v1/gpus`, { headers: bearer(key) });
    expect(withKey.status).toBe(200);
    const { accessToken } = await apiLogin(suite.server.baseUrl);
    const listed = ApiKeysResponse.parse(
      await (await fetch(`${suite.server.baseUrl}/api/v1/apikeys`, { headers: bearer(accessToken) })).json(),
    );
    expect(JSON.stringify(listed)).not.toContain(key);

    await page.reload();
    await page.getByTestId('apikeys-table').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('apikeys-table').textContent()).toContain('rack-3 agent');
    expect(await page.getByTestId('apikey-created').count()).toBe(0);
    expect(await page.content()).not.toContain(key);
    await page.close();
  });

  it('lists users and security events in the audit log', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${suite.server.baseUrl}/admin/audit`);
    await signIn(page);
    await expect
      .poll(() => page.getByTestId('audit-table').textContent(), { timeout: 10_000 })
      .toContain('login.succeeded');
    await page.getByRole('link', { name: 'Users' }).click();
    await expect.poll(() => page.getByTestId('users-table').textContent()).toContain('admin');
    await page.close();
  });
});
