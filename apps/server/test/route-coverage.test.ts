import { RoutePolicy } from '@gpu-sentinel/protocol';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedRoutes } from './support/route-table.js';
import { startTestServer, tempDir, type TestServer } from './support/test-server.js';

/** The only routes anyone may call without signing in. Adding one here is a security decision. */
const EXPECTED_PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/v1/healthz',
  'GET /api/v1/readyz',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/setup',
  // The API's description: no data in it (see openapi-routes.ts).
  'GET /api/v1/openapi.json',
  'GET /api/v1/docs',
  // The dashboard's files (it signs in through the API).
  'GET /',
  'GET /*',
  // CORS preflights, answered by @fastify/cors before any route.
  'OPTIONS *',
]);

describe('every registered route declares its policy', () => {
  let server: TestServer;
  let web: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    web = await tempDir('coverage-web');
    await mkdir(join(web.dir, 'assets'));
    await writeFile(join(web.dir, 'index.html'), '<!doctype html><title>dashboard</title>');
    server = await startTestServer({
      source: 'simulated',
      gpus: 1,
      webDir: web.dir,
      corsOrigins: ['https://grafana.example.com'],
    });
  });
  afterAll(async () => {
    await server.stop();
    await web.remove();
  });

  it('has a valid policy for every route the router serves', () => {
    const routes = printedRoutes(server.app);
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes
      .map(({ method, url }) => `${method} ${url}`)
      .filter((key) => !RoutePolicy.safeParse(server.app.routePolicies.get(key)).success);
    expect(undeclared).toEqual([]);
  });

  it('makes public only the expected routes', () => {
    const isPublic = [...server.app.routePolicies]
      .filter(([key, policy]) => policy === 'public' && !key.startsWith('HEAD '))
      .map(([key]) => key);
    expect(isPublic.filter((key) => !EXPECTED_PUBLIC.has(key))).toEqual([]);
  });

  it('answers 401 to an anonymous call of every other route', async () => {
    const failures: string[] = [];
    for (const [key, policy] of server.app.routePolicies) {
      if (policy === 'public') continue;
      const [method = 'GET', url = '/'] = key.split(' ');
      const path = url.replace(/:uuid/g, 'GPU-x').replace(/:[a-zA-Z]+/g, '1');
      const response = await server.request(path, { method });
      if (response.status !== 401) failures.push(`${key} → ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
