import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export interface Suite {
  server: RunningServer;
  browser: Browser;
}

/**
 * For a describe block: starts the built server (with these `serve` flags and environment) and a
 * headless Chromium before its tests, and stops both after them. Read the fields inside tests only.
 */
export function useServerAndBrowser(
  args: string[],
  env: Record<string, string>,
  afterStart?: (server: RunningServer) => Promise<unknown>,
): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.server = await startServer(args, env);
    suite.browser = await launchBrowser();
    await afterStart?.(suite.server);
  });
  afterAll(async () => {
    await suite.browser.close();
    await suite.server.stop();
  });
  return suite;
}
