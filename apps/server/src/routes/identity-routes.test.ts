import { ErrorBody, LoginResponse } from '@gpu-sentinel/protocol';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAuthHooks } from '../http/auth-hooks.js';
import { registerErrorHandler } from '../http/error-handler.js';
import { requireRoutePolicies } from '../http/route-policy.js';
import { openIdentityKit, type IdentityKit } from '../services/auth/identity-test-kit.js';
import { StreamTickets } from '../ws/stream-tickets.js';
import { registerIdentityRoutes } from './identity-routes.js';

let kit: IdentityKit;
let app: FastifyInstance;
let base: string;
beforeEach(async () => {
  kit = await openIdentityKit();
  app = Fastify();
  registerErrorHandler(app);
  requireRoutePolicies(app);
  registerAuthHooks(app, kit.identity.authenticator, new StreamTickets(kit.clock));
  registerIdentityRoutes(app, kit);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await app.close();
  await kit.close();
});

async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

async function signIn(username: string, password: string): Promise<LoginResponse> {
  const response = await call('POST', '/auth/login', { body: { username, password } });
  expect(response.status).toBe(200);
  return LoginResponse.parse(response.json);
}

async function setUpAdmin(): Promise<LoginResponse> {
  const result = await kit.identity.bootstrapFirstAdmin({});
  if (result.kind !== 'setup') throw new Error('expected a setup link');
  const token = new URL(result.setupPath, base).searchParams.get('token');
  const response = await call('POST', '/auth/setup', {
    body: { token, username: 'root', password: 'root password 1' },
  });
  expect(response.status).toBe(201);
  return LoginResponse.parse(response.json);
}

describe('identity over HTTP', () => {
  it('declares a policy on every route', () => {
    expect(Object.fromEntries(app.routePolicies)).toMatchObject({
      'POST /api/v1/auth/login': 'public',
      'POST /api/v1/auth/refresh': 'public',
      'POST /api/v1/auth/setup': 'public',
      'POST /api/v1/auth/logout': 'session:self',
      'GET /api/v1/auth/me': 'session:self',
      'GET /api/v1/users': 'users:admin',
      'POST /api/v1/users': 'users:admin',
      'PATCH /api/v1/users/:id': 'users:admin',
      'GET /api/v1/apikeys': 'apikeys:admin',
      'POST /api/v1/apikeys': 'apikeys:admin',
      'DELETE /api/v1/apikeys/:id': 'apikeys:admin',
      'GET /api/v1/audit': 'audit:read',
    });
  });

  it('sets up the first admin once, who then manages users, keys and reads the audit log', async () => {
    const admin = await setUpAdmin();
    expect(
      (await call('POST', '/auth/setup', { body: { token: 'x', username: 'b', password: 'b'.repeat(12) } })).status,
    ).toBe(404);
    expect((await call('GET', '/auth/me', { token: admin.accessToken })).json).toMatchObject({
      username: 'root',
      role: 'admin',
    });

    const created = await call('POST', '/users', {
      token: admin.accessToken,
      body: { username: 'ann', password: 'ann password 1', role: 'reader' },
    });
    expect(created).toMatchObject({ status: 201, json: { username: 'ann', role: 'reader', isDisabled: false } });
    expect(JSON.stringify((await call('GET', '/users', { token: admin.accessToken })).json)).not.toContain('scrypt');

    const key = await call('POST', '/apikeys', { token: admin.accessToken, body: { name: 'agent', scope: 'ingest' } });
    expect(key).toMatchObject({ status: 201, json: { name: 'agent', scope: 'ingest' } });
    const audit = await call('GET', '/audit?limit=2', { token: admin.accessToken });
    expect(audit.json).toMatchObject({ items: [{ type: 'apikey.created', actor: 'root' }, { type: 'user.created' }] });
  });

  it('answers one 401 body for every failed login and refuses a reader the admin routes', async () => {
    const admin = await setUpAdmin();
    await call('POST', '/users', {
      token: admin.accessToken,
      body: { username: 'ann', password: 'ann password 1', role: 'reader' },
    });
    const wrong = await call('POST', '/auth/login', { body: { username: 'ann', password: 'not the password' } });
    const unknown = await call('POST', '/auth/login', { body: { username: 'nobody', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
    expect(ErrorBody.parse(wrong.json).error.code).toBe('unauthenticated');

    const reader = await signIn('ann', 'ann password 1');
    expect((await call('GET', '/users', { token: reader.accessToken })).status).toBe(403);
    expect((await call('GET', '/users')).status).toBe(401);
  });

  it('rotates refresh tokens, detects reuse, and logs out', async () => {
    const admin = await setUpAdmin();
    const next = await call('POST', '/auth/refresh', { body: { refreshToken: admin.refreshToken } });
    const rotated = LoginResponse.parse(next.json);
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: admin.refreshToken } })).status).toBe(401);
    expect((await call('GET', '/auth/me', { token: rotated.accessToken })).status).toBe(401);

    const fresh = await signIn('root', 'root password 1');
    expect((await call('POST', '/auth/logout', { token: fresh.accessToken, body: {} })).status).toBe(204);
    expect((await call('GET', '/auth/me', { token: fresh.accessToken })).status).toBe(401);
  });

  it('names the offending field of bad input', async () => {
    const admin = await setUpAdmin();
    const short = await call('POST', '/users', {
      token: admin.accessToken,
      body: { username: 'x', password: 'short', role: 'user' },
    });
    expect(short).toMatchObject({ status: 400, json: { error: { field: 'password' } } });
    const badId = await call('PATCH', '/users/abc', { token: admin.accessToken, body: {} });
    expect(badId).toMatchObject({ status: 400, json: { error: { field: 'id' } } });
    expect((await call('DELETE', '/apikeys/999', { token: admin.accessToken })).status).toBe(404);
  });
});
