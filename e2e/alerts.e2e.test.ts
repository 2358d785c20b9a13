import { AlertPage, RulePreview, type RuleBodyInput } from '@gpu-sentinel/protocol';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './support/server.js';
import { adminEnv, apiLogin, bearer, createUser, signIn } from './support/session.js';
import { useServerAndBrowser } from './support/suite.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const USER_PASSWORD = 'oncall-password-12';
const READER_PASSWORD = 'reader-password-12';
const SHOTS = '/tmp/alerts-shots';
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, colorScheme: 'light' };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, colorScheme: 'dark' };

/** Waits until the stored history lets a rule be replayed (a hook: no expect.poll). */
async function waitForPreviewableHistory(server: RunningServer): Promise<void> {
  const { accessToken } = await apiLogin(server.baseUrl);
  const rule = {
    metric: 'temperatureC',
    op: '>',
    threshold: 0,
    forSeconds: 0,
    clearThreshold: null,
    severity: 'info',
    scope: {},
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.baseUrl}/api/v1/rules/preview`, {
      method: 'POST',
      headers: bearer(accessToken),
      body: JSON.stringify({ rule }),
    });
    if (response.ok && RulePreview.parse(await response.json()).firings.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server stored no history a rule could be replayed over in 20 s');
}

async function openAs(
  browser: Browser,
  baseUrl: string,
  path: string,
  who: [string, string] | null,
  options = DESKTOP,
) {
  const page = await browser.newPage(options);
  await page.goto(`${baseUrl}${path}`);
  if (who === null) await signIn(page);
  else await signIn(page, ...who);
  return page;
}

const itemsOf = (page: Page, rule: string) => page.getByTestId('alert-item').filter({ hasText: rule });

async function goToTab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Alerts' }).getByRole('link', { name }).click();
}

/** Two tries, 200 ms apart: a delivery to a receiver that is down is given up within a second. */
const fastGiveUp = { GPU_SENTINEL_NOTIFY_MAX_ATTEMPTS: '2', GPU_SENTINEL_NOTIFY_RETRY_BASE_MS: '200' };

async function createWebhookChannel(page: Page, name: string, url: string): Promise<void> {
  await page.getByTestId('channel-new').click();
  const form = page.getByTestId('channel-form');
  await form.getByTestId('channel-type').selectOption('webhook');
  await form.getByTestId('channel-name').fill(name);
  await form.getByTestId('channel-url').fill(url);
  await form.getByTestId('channel-secret').fill('webhook-secret');
  // Info only: the built-in warning and critical rules never reach it.
  await form.getByTestId('channel-severity-warning').uncheck();
  await form.getByTestId('channel-severity-critical').uncheck();
  await form.getByTestId('channel-save').click();
  await page.getByTestId('channel-item').filter({ hasText: name }).waitFor({ timeout: 10_000 });
}

async function createNotifyingRule(page: Page, name: string, channel: string): Promise<void> {
  await goToTab(page, 'Rules');
  await page.getByTestId('rule-new').click();
  const form = page.getByTestId('rule-form');
  await form.getByTestId('rule-name').fill(name);
  await form.getByTestId('rule-op').selectOption('>');
  await form.getByTestId('rule-threshold').fill('0');
  await form.getByTestId('rule-for').fill('0');
  await form.getByTestId('rule-severity').selectOption('info');
  await form.getByRole('checkbox', { name: new RegExp(channel) }).check();
  await form.getByTestId('rule-save').click();
  await expect.poll(() => page.getByTestId('rule-form').count(), { timeout: 10_000 }).toBe(0);
  await goToTab(page, 'Channels');
}

describe('alerts on simulated GPUs', () => {
  let receiver: WebhookReceiver;
  let flaky: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    flaky = await startWebhookReceiver();
    flaky.setFailing(true);
  });
  afterAll(async () => {
    await receiver.close();
    await flaky.close();
  });
  const suite = useServerAndBrowser(
    ['--source', 'simulated', '--gpus', '2', '--interval-ms', '250'],
    { ...adminEnv, ...fastGiveUp },
    async (started) => {
      await createUser(started.baseUrl, 'oncall', 'user', USER_PASSWORD);
      await createUser(started.baseUrl, 'reader1', 'reader', READER_PASSWORD);
      await waitForPreviewableHistory(started);
    },
  );

  it('shows the API field error, previews 24 h, and a new rule fires live on the panel with a toast', async () => {
    const { browser, server } = suite;
    const watcher = await openAs(browser, server.baseUrl, '/alerts', null);
    await watcher.getByTestId('active-alerts').waitFor({ timeout: 10_000 });
    expect(await itemsOf(watcher, 'Hot e2e').count()).toBe(0);

    const editor = await openAs(browser, server.baseUrl, '/alerts/rules', null);
    await editor.getByTestId('rule-new').click();
    const form = editor.getByTestId('rule-form');
    await form.getByTestId('rule-name').fill('Hot e2e');
    await form.getByTestId('rule-metric').selectOption('temperatureC');
    await form.getByTestId('rule-op').selectOption('>');
    await form.getByTestId('rule-threshold').fill('0');
    await form.getByTestId('rule-for').fill('0');
    await form.getByTestId('rule-severity').selectOption('critical');
    // A clear threshold on the loud side: the API refuses it and names the field.
    await form.getByTestId('rule-clear').fill('5');
    await form.getByTestId('rule-save').click();
    await expect
      .poll(() => editor.getByTestId('rule-new-clearThreshold-error').textContent(), { timeout: 10_000 })
      .toContain('quiet side');
    expect(await form.getByTestId('rule-clear').getAttribute('aria-invalid')).toBe('true');

    await form.getByTestId('rule-clear').fill('');
    expect(await editor.getByTestId('rule-new-clearThreshold-error').count()).toBe(0);
    await form.getByTestId('rule-preview').click();
    await expect
      .poll(() => form.getByTestId('rule-preview-summary').textContent(), { timeout: 15_000 })
      .toMatch(/Would have fired \d+ times? on 2 of 2 GPUs/);
    expect(await form.getByTestId('rule-preview-row').count()).toBe(2);

    await form.getByTestId('rule-save').click();
    await expect.poll(() => editor.getByTestId('rule-form').count(), { timeout: 10_000 }).toBe(0);
    const row = editor.getByTestId('rule-item').filter({ hasText: 'Hot e2e' });
    expect(await row.getByTestId('rule-condition').textContent()).toBe('temperatureC > 0');

    // The other page never reloads: the stream brings the alerts and the toast.
    await expect.poll(() => itemsOf(watcher, 'Hot e2e').count(), { timeout: 15_000 }).toBe(2);
    expect(await itemsOf(watcher, 'Hot e2e').first().getByTestId('alert-severity').textContent()).toBe('critical');
    expect(await itemsOf(watcher, 'Hot e2e').first().getByTestId('alert-value').textContent()).toMatch(/°C > 0 °C/);
    const toasts = watcher.getByRole('alert').filter({ hasText: 'Critical: Hot e2e' });
    await expect.poll(() => toasts.count()).toBe(2);
    await watcher.screenshot({ path: `${SHOTS}/toasts-desktop-light.png` });
    expect(await toasts.first().getByRole('link', { name: 'Open the alert' }).getAttribute('href')).toMatch(
      /^\/alerts\/\d+$/,
    );
    expect(Number(await watcher.getByTestId('alerts-count').textContent())).toBeGreaterThanOrEqual(2);
    await toasts.first().getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => toasts.count(), { timeout: 5_000 }).toBe(1);
    // The other one leaves by itself after ten seconds.
    await expect.poll(() => toasts.count(), { timeout: 15_000 }).toBe(0);

    // Each alert has its own page.
    await itemsOf(watcher, 'Hot e2e').first().getByTestId('alert-rule').click();
    await expect.poll(() => new URL(watcher.url()).pathname).toMatch(/^\/alerts\/\d+$/);
    expect(await watcher.getByTestId('alert-detail').getByRole('heading').textContent()).toContain('Hot e2e');

    // The overview shows the same alerts in short.
    await watcher.getByRole('link', { name: 'GPU Sentinel, overview' }).click();
    await expect.poll(() => watcher.getByTestId('alerts-strip').getByText('Hot e2e').count()).toBeGreaterThan(0);
    await watcher.close();
    await editor.close();
  });

  it('lets a user acknowledge and silence, shows who acknowledged to everyone, and gives a reader no buttons', async () => {
    const { browser, server } = suite;
    const reader = await openAs(browser, server.baseUrl, '/alerts', ['reader1', READER_PASSWORD]);
    await expect.poll(() => itemsOf(reader, 'Hot e2e').count(), { timeout: 10_000 }).toBe(2);
    expect(await reader.getByTestId('alert-ack').count()).toBe(0);
    expect(await reader.locator('[data-testid^="alert-silence-"]').count()).toBe(0);

    const user = await openAs(browser, server.baseUrl, '/alerts', ['oncall', USER_PASSWORD]);
    await expect.poll(() => itemsOf(user, 'Hot e2e').count(), { timeout: 10_000 }).toBe(2);
    const target = itemsOf(user, 'Hot e2e').first();
    const id = (await target.getAttribute('data-alert-id')) ?? '';
    await target.getByRole('button', { name: /^Acknowledge Hot e2e/ }).click();
    const acknowledged = user.locator(`[data-alert-id="${id}"]`);
    await expect.poll(() => acknowledged.getByTestId('alert-acknowledged').textContent()).toContain('oncall');
    expect(await acknowledged.getByTestId('alert-ack').count()).toBe(0);
    // Unacknowledged alerts come first.
    expect(await user.getByTestId('alert-item').first().getAttribute('data-state')).toBe('firing');

    // The reader's page learns it from the stream.
    await expect
      .poll(() => reader.locator(`[data-alert-id="${id}"]`).getByTestId('alert-acknowledged').textContent(), {
        timeout: 10_000,
      })
      .toContain('Acknowledged by oncall');

    const other = user.locator('[data-testid="alert-item"][data-state="firing"]').filter({ hasText: 'Hot e2e' });
    await other.getByRole('button', { name: /for 1 h$/ }).click();
    await expect.poll(() => other.getByTestId('alert-silenced').textContent()).toMatch(/Silenced until .*\(1 h left\)/);
    await other.getByTestId('alert-unsilence').click();
    await expect.poll(() => other.getByTestId('alert-silenced').count()).toBe(0);

    // Rules are read-only to a reader, and channels are not theirs to see.
    await goToTab(reader, 'Rules');
    await reader.getByTestId('rule-list').waitFor({ timeout: 10_000 });
    expect(await reader.getByTestId('rule-new').count()).toBe(0);
    expect(await reader.getByRole('button', { name: /^Edit rule/ }).count()).toBe(0);
    expect(await reader.getByRole('switch').first().isDisabled()).toBe(true);
    expect(
      await reader.getByRole('navigation', { name: 'Alerts' }).getByRole('link', { name: 'Channels' }).count(),
    ).toBe(0);
    await reader.close();
    await user.close();
  });

  it('creates a webhook channel, sends it a test, and logs the deliveries of a rule that notifies it', async () => {
    const { browser, server } = suite;
    const page = await openAs(browser, server.baseUrl, '/alerts/channels', null);
    await createWebhookChannel(page, 'Receiver', receiver.url);
    const channel = page.getByTestId('channel-item').filter({ hasText: 'Receiver' });
    await channel.getByTestId('channel-test').click();
    await expect
      .poll(() => channel.getByTestId('channel-test-result').textContent(), { timeout: 15_000 })
      .toMatch(/^Test delivered in/);
    expect(receiver.bodies.some((body) => JSON.stringify(body).includes('"event":"test"'))).toBe(true);

    // The stored secret is never shown; left empty it is kept.
    await channel.getByRole('button', { name: 'Edit channel Receiver' }).click();
    expect(await page.getByTestId('channel-form').textContent()).toContain('Set — leave empty to keep');
    expect(await page.getByTestId('channel-secret').inputValue()).toBe('');
    await page.getByTestId('channel-form').getByRole('button', { name: 'Cancel' }).click();

    await createNotifyingRule(page, 'Webhook e2e', 'Receiver');
    await channel.getByTestId('channel-log-toggle').click();
    const delivered = channel.locator('[data-testid="delivery-row"][data-status="delivered"]');
    await expect.poll(() => delivered.count(), { timeout: 20_000 }).toBe(2);
    expect(await delivered.first().textContent()).toContain('firing');
    expect(receiver.bodies.filter((body) => JSON.stringify(body).includes('"event":"firing"'))).toHaveLength(2);
    await page.close();
  });

  it('says why a test failed, shows deliveries given up on, and retries one once the receiver is back', async () => {
    const { browser, server } = suite;
    const page = await openAs(browser, server.baseUrl, '/alerts/channels', null);
    await createWebhookChannel(page, 'Flaky', flaky.url);
    const channel = page.getByTestId('channel-item').filter({ hasText: 'Flaky' });
    await channel.getByTestId('channel-test').click();
    await expect
      .poll(() => channel.getByTestId('channel-test-result').textContent(), { timeout: 15_000 })
      .toMatch(/^Test failed: .*503/);

    await createNotifyingRule(page, 'Flaky e2e', 'Flaky');
    await channel.getByTestId('channel-log-toggle').click();
    const dead = channel.locator('[data-testid="delivery-row"][data-status="dead"]');
    await expect.poll(() => dead.count(), { timeout: 20_000 }).toBe(2);
    expect(await dead.first().locator('td').nth(2).textContent()).toBe('2');
    expect(await dead.first().locator('.delivery-error').textContent()).toMatch(/503/);

    flaky.setFailing(false);
    await dead.first().getByTestId('delivery-retry').click();
    const delivered = channel.locator('[data-testid="delivery-row"][data-status="delivered"]');
    await expect.poll(() => delivered.count(), { timeout: 20_000 }).toBe(1);
    expect(await dead.count()).toBe(1);
    await page.close();
  });

  it('looks right on a desktop in light and on a phone in dark', async () => {
    const { browser, server } = suite;
    for (const [name, options] of [
      ['desktop-light', DESKTOP],
      ['phone-dark', PHONE],
    ] as const) {
      const page = await openAs(browser, server.baseUrl, '/alerts', null, options);
      await expect.poll(() => itemsOf(page, 'Hot e2e').count(), { timeout: 10_000 }).toBe(2);
      await page.screenshot({ path: `${SHOTS}/alerts-${name}.png`, fullPage: true });
      await page.getByRole('link', { name: 'GPU Sentinel, overview' }).click();
      await page.getByTestId('alerts-strip').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${SHOTS}/overview-${name}.png` });
      await page.getByTestId('alerts-strip').getByRole('link', { name: 'View all alerts' }).click();
      await page.getByTestId('active-alerts').waitFor({ timeout: 10_000 });

      await goToTab(page, 'Rules');
      await page.getByRole('button', { name: 'Edit rule Hot e2e' }).click();
      await page.getByTestId('rule-preview').click();
      await page.getByTestId('rule-preview-result').waitFor({ timeout: 15_000 });
      await page.screenshot({ path: `${SHOTS}/rules-${name}.png`, fullPage: true });

      await goToTab(page, 'Channels');
      for (const toggle of await page.getByTestId('channel-log-toggle').all()) await toggle.click();
      await page.getByTestId('delivery-row').first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${SHOTS}/channels-${name}.png`, fullPage: true });

      await goToTab(page, 'History');
      await page.getByTestId('alert-history-row').first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${SHOTS}/history-${name}.png`, fullPage: true });
      await page.close();
    }
  });
});

/** 64 GPUs × 36 rules that hold at once: 2,304 alerts. */
const MANY_GPUS = 64;
const MANY_RULES = 36;

async function openManyAlerts(server: RunningServer): Promise<void> {
  const { accessToken } = await apiLogin(server.baseUrl);
  for (let n = 0; n < MANY_RULES; n += 1) {
    const rule: RuleBodyInput = {
      name: `Load ${n}`,
      metric: 'temperatureC',
      op: '>',
      threshold: -n,
      forSeconds: 0,
      severity: 'info',
    };
    const response = await fetch(`${server.baseUrl}/api/v1/rules`, {
      method: 'POST',
      headers: bearer(accessToken),
      body: JSON.stringify(rule),
    });
    if (response.status !== 201) throw new Error(`rule ${n} refused: ${response.status} ${await response.text()}`);
  }
  const deadline = Date.now() + 30_000;
  let total = 0;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.baseUrl}/api/v1/alerts?severity=info&limit=1`, {
      headers: bearer(accessToken),
    });
    total = AlertPage.parse(await response.json()).total;
    if (total >= MANY_GPUS * MANY_RULES) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`only ${total} alerts opened in 30 s`);
}

function historyStatus(page: Page): Promise<string | null> {
  return page.locator('.alert-history-status').textContent();
}

function loadedRows(text: string | null): number {
  return Number(/^([\d,]+) of/.exec(text ?? '')?.[1]?.replaceAll(',', '') ?? 0);
}

describe('alert history with thousands of alerts', () => {
  const suite = useServerAndBrowser(
    ['--source', 'simulated', '--gpus', String(MANY_GPUS), '--interval-ms', '1000'],
    adminEnv,
    openManyAlerts,
  );

  it('keeps only the rows in view in the DOM and loads more as the list is scrolled', async () => {
    const page = await openAs(suite.browser, suite.server.baseUrl, '/alerts/history?severity=info', null);
    const expected = MANY_GPUS * MANY_RULES;
    await expect
      .poll(() => page.getByTestId('history-total').textContent(), { timeout: 15_000 })
      .toBe(expected.toLocaleString('en-US'));
    await page.getByTestId('alert-history-row').first().waitFor();
    const firstLoaded = loadedRows(await historyStatus(page));
    expect(firstLoaded).toBeLessThan(expected);
    expect(await page.getByTestId('alert-history-row').count()).toBeLessThan(60);

    // Newest first.
    const firstStarted = await page
      .getByTestId('alert-history-row')
      .first()
      .locator('.alert-history-cell--time')
      .first()
      .textContent();
    expect(firstStarted).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

    for (let round = 0; round < 4; round += 1) {
      await page.evaluate(
        '(() => { const box = document.querySelector(\'[data-testid="alert-history-scroll"]\'); box.scrollTop = box.scrollHeight; })()',
      );
      await page.waitForTimeout(300);
    }
    await expect
      .poll(async () => loadedRows(await historyStatus(page)), { timeout: 10_000 })
      .toBeGreaterThan(firstLoaded);
    expect(await page.getByTestId('alert-history-row').count()).toBeLessThan(60);
    const last = page.getByTestId('alert-history-row').last();
    expect(Number(await last.getAttribute('aria-rowindex'))).toBeGreaterThan(firstLoaded);

    await page.getByTestId('history-filter-severity').selectOption('critical');
    await expect.poll(() => new URL(page.url()).searchParams.get('severity')).toBe('critical');
    await expect.poll(() => page.getByText('No alert matches these filters.').count(), { timeout: 10_000 }).toBe(1);
    await page.close();
  });
});
