import { ErrorBody } from '@gpu-sentinel/protocol';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDir, type TestServer } from './support/test-server.js';

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
  return ErrorBody.parse(JSON.parse(text)).error;
}

describe('bad input over HTTP', () => {
  let server: TestServer;
  let uuid: string;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1 });
    const body = (await (await server.get('/api/v1/gpus')).json()) as { gpus: { info: { uuid: string } }[] };
    uuid = body.gpus[0]?.info.uuid ?? '';
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers 404 JSON for an unknown GPU uuid on every GPU route', async () => {
    for (const path of ['', '/processes', '/history']) {
      const response = await server.get(`/api/v1/gpus/GPU-does-not-exist${path}`);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: 'not_found', field: 'uuid' });
    }
  });

  it('answers 404 JSON for an unknown API route', async () => {
    const response = await server.get('/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
    const put = await server.put('/api/v1/gpus', '{}');
    expect(put.status).toBe(404);
  });

  it('answers 400 naming the field for bad history parameters', async () => {
    for (const [query, field] of [
      ['points=0', 'points'],
      ['points=abc', 'points'],
      ['points=100000', 'points'],
      ['from=20&to=10', 'from'],
      ['bogus=1', 'bogus'],
    ] as const) {
      const response = await server.get(`/api/v1/gpus/${uuid}/history?${query}`);
      expect(response.status, query).toBe(400);
      expect(await errorOf(response), query).toMatchObject({ code: 'validation_failed', field });
    }
  });

  it('answers 400 naming intervalMs for an interval out of range, and leaves the interval alone', async () => {
    for (const intervalMs of [99, 60_001, 'fast', 250.5]) {
      const response = await server.put('/api/v1/system/interval', JSON.stringify({ intervalMs }));
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'validation_failed', field: 'intervalMs' });
    }
    const system = (await (await server.get('/api/v1/system')).json()) as { intervalMs: number };
    expect(system.intervalMs).toBe(250);
  });

  it('answers 400 for a malformed JSON body or a wrong recording body', async () => {
    const malformed = await server.put('/api/v1/system/interval', '{"intervalMs":');
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('validation_failed');

    const wrong = await server.put('/api/v1/system/recording', JSON.stringify({ recording: 'yes' }));
    expect(wrong.status).toBe(400);
    expect(await errorOf(wrong)).toMatchObject({ field: 'recording' });
  });

  it('sets security headers and names the source on API responses', async () => {
    const response = await server.get('/api/v1/system');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' ws: wss:");
    expect(response.headers.get('x-gpu-sentinel-source')).toBe('simulated');
  });
});

describe('serving the dashboard', () => {
  it('serves the build with a fallback to index.html for client routes, but not for /api', async () => {
    const web = await tempDir('web');
    await mkdir(join(web.dir, 'assets'));
    await writeFile(join(web.dir, 'index.html'), '<!doctype html><title>dashboard</title><div id="root"></div>');
    await writeFile(join(web.dir, 'assets', 'app.js'), 'console.log("hi")');
    const server = await startTestServer({ source: 'simulated', gpus: 1, webDir: web.dir });
    try {
      const index = await server.get('/');
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<title>dashboard</title>');
      const asset = await server.get('/assets/app.js');
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      const clientRoute = await server.get('/gpus/GPU-1234');
      expect(clientRoute.status).toBe(200);
      expect(await clientRoute.text()).toContain('<title>dashboard</title>');
      expect((await server.get('/api/v1/unknown')).status).toBe(404);
    } finally {
      await server.stop();
      await web.remove();
    }
  });

  it('says the dashboard is not built when there is no build', async () => {
    const empty = await tempDir('no-web');
    const server = await startTestServer({ source: 'simulated', gpus: 1, webDir: empty.dir });
    try {
      const page = await server.get('/');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const text = await page.text();
      expect(text).toContain('has not been built');
      expect(text).toContain('npm run build');
    } finally {
      await server.stop();
      await empty.remove();
    }
  });
});
