import { ErrorBody, type Principal } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { appDeps, TokenTable } from './support/app-deps.js';

const READER: Principal = { kind: 'user', userId: 2, username: 'rita', role: 'reader', sessionId: 's2' };
const INGEST: Principal = { kind: 'apiKey', keyId: 3, name: 'agent', scope: 'ingest' };

describe('enforcement, headers and CORS over real HTTP', () => {
  let app: FastifyInstance;
  let base: string;
  const tokens = new TokenTable();

  beforeAll(async () => {
    tokens.add('reader', READER);
    tokens.add('ingest', INGEST);
    app = await buildApp(appDeps({ authenticator: tokens, corsOrigins: ['https://grafana.example.com'] }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, { headers });

  it('answers 401 with WWW-Authenticate without a valid bearer token', async () => {
    for (const authorization of [undefined, 'Bearer nope', 'Basic cmVhZGVyOng=', 'Bearer', 'bearer  reader']) {
      const response = await get('/api/v1/gpus', authorization === undefined ? {} : { authorization });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(ErrorBody.parse(await response.json()).error.code).toBe('unauthenticated');
    }
  });

  it('answers 403 when the principal may not do it, and serves it when it may', async () => {
    const put = await fetch(`${base}/api/v1/system/recording`, {
      method: 'PUT',
      headers: { authorization: 'Bearer reader', 'content-type': 'application/json' },
      body: JSON.stringify({ recording: false }),
    });
    expect(put.status).toBe(403);
    expect(ErrorBody.parse(await put.json()).error.code).toBe('forbidden');
    expect((await get('/api/v1/gpus', { authorization: 'Bearer ingest' })).status).toBe(403);
    expect((await get('/api/v1/gpus', { authorization: 'Bearer reader' })).status).toBe(200);
    expect((await get('/api/v1/gpus', { authorization: 'bearer reader' })).status).toBe(200);
  });

  it('keeps the probes public', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
  });

  it('answers 413 payload_too_large for a body over 64 KiB', async () => {
    const body = JSON.stringify({ recording: true, pad: 'x'.repeat(70 * 1024) });
    const admin = tokens.add('admin', { kind: 'user', userId: 1, username: 'a', role: 'admin', sessionId: 's1' });
    const response = await fetch(`${base}/api/v1/system/recording`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('payload_too_large');
  });

  it('sends a strict Content-Security-Policy and no HSTS over plain HTTP', async () => {
    const response = await get('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers CORS only for an allowed origin', async () => {
    const allowed = await get('/healthz', { origin: 'https://grafana.example.com' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://grafana.example.com');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
    const other = await get('/healthz', { origin: 'https://evil.example.com' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${base}/api/v1/gpus`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://grafana.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('CORS by default', () => {
  it('is closed: no Access-Control-Allow-Origin for any origin', async () => {
    const app = await buildApp(appDeps());
    const response = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://a.example' } });
    await app.close();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
