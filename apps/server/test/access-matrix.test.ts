import { isAllowed } from '@gpu-sentinel/core';
import { Principal, type Action, type ApiKeyScope, type Role } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../src/auth/access-token.js';
import { deriveSecrets } from '../src/auth/secrets.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const SECRET = 'matrix-test-secret-0123456789abcdef';
const PASSWORD = 'a long enough password';
const CONTEXT = { actor: 'test', ip: null };

/** A caller of the matrix: its bearer token, and the principal it should be (null: it must get 401). */
interface Caller {
  name: string;
  token: string | null;
  principal: Principal | null;
}

function request(key: string, uuid: string): { method: string; path: string; body?: string } {
  const [method = 'GET', url = '/'] = key.split(' ');
  // Ids that match nothing: an allowed call must not revoke or change what the next rows use.
  const path = url.replace(/:uuid/g, uuid).replace(/:[a-zA-Z]+/g, '999999');
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return { method, path };
  const bodies: Record<string, string> = {
    '/api/v1/system/recording': '{"recording":true}',
    '/api/v1/system/interval': '{"intervalMs":250}',
    // The defaults again: allowed callers change nothing the next rows see.
    '/api/v1/storage': '{"retention":{"rawHours":48,"minuteDays":30,"tenMinuteDays":90,"hourDays":400}}',
  };
  return { method, path, body: bodies[path] ?? '{}' };
}

describe('every route × every kind of caller', () => {
  let server: TestServer;
  let uuid: string;
  const callers: Caller[] = [];

  async function userCaller(role: Role, username: string): Promise<Caller> {
    await server.identity.createUser({ username, password: PASSWORD, role }, CONTEXT);
    const session = await server.login(username, PASSWORD);
    const headers = { authorization: `Bearer ${session.accessToken}` };
    const me = Principal.parse(await (await server.request('/api/v1/auth/me', { headers })).json());
    return { name: role, token: session.accessToken, principal: me };
  }

  async function keyCaller(scope: ApiKeyScope): Promise<Caller> {
    const created = await server.identity.createApiKey({ name: `${scope} key`, scope }, CONTEXT);
    return {
      name: `apikey ${scope}`,
      token: created.key,
      principal: { kind: 'apiKey', keyId: created.id, name: created.name, scope },
    };
  }

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1, secret: SECRET });
    uuid =
      ((await (await server.get('/api/v1/gpus')).json()) as { gpus: { info: { uuid: string } }[] }).gpus[0]?.info
        .uuid ?? '';
    const admin = await server.login('admin', 'correct horse battery staple');
    callers.push({ name: 'admin', token: admin.accessToken, principal: null });
    callers.push(await userCaller('user', 'uma'), await userCaller('reader', 'rhea'));
    callers.push(await keyCaller('read'), await keyCaller('ingest'), await keyCaller('admin'));
    const me = Principal.parse(await (await server.get('/api/v1/auth/me')).json());
    const adminCaller = callers[0];
    if (adminCaller !== undefined) adminCaller.principal = me;
    if (me.kind !== 'user') throw new Error('the admin is a user');

    const claims = { userId: me.userId, username: me.username, role: me.role, sessionId: me.sessionId };
    const key = deriveSecrets(Buffer.from(SECRET, 'utf8')).jwtKey;
    const other = deriveSecrets(Buffer.from('another secret entirely', 'utf8')).jwtKey;
    const [head, , signature] = admin.accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: '1', role: 'admin', sid: 'x', name: 'admin', exp: 9e9 })).toString(
      'base64url',
    );
    const revoked = await server.identity.createApiKey({ name: 'revoked key', scope: 'admin' }, CONTEXT);
    await server.identity.revokeApiKey(revoked.id, CONTEXT);
    const disabled = await userCaller('admin', 'dora');
    const doraId = disabled.principal?.kind === 'user' ? disabled.principal.userId : 0;
    await server.identity.updateUser(doraId, { isDisabled: true }, CONTEXT);
    callers.push(
      { name: 'no token', token: null, principal: null },
      { name: 'expired JWT', token: await signAccessToken(key, claims, Date.now() - 16 * 60_000), principal: null },
      { name: 'tampered JWT', token: `${head ?? ''}.${forged}.${signature ?? ''}`, principal: null },
      { name: 'JWT of another secret', token: await signAccessToken(other, claims, Date.now()), principal: null },
      { name: 'revoked key', token: revoked.key, principal: null },
      { name: 'disabled user', token: disabled.token, principal: null },
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers 401, 403 or serves, exactly as the policy says', async () => {
    // Logging out ends the caller's session, so it runs last.
    const routes = [...server.app.routePolicies]
      .filter(([key]) => !key.startsWith('HEAD '))
      .sort(([a], [b]) => Number(a.endsWith('/auth/logout')) - Number(b.endsWith('/auth/logout')));
    expect(routes.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const [key, policy] of routes) {
      if (policy === 'public') continue;
      for (const caller of callers) {
        const { method, path, body } = request(key, uuid);
        const headers: Record<string, string> =
          caller.token === null ? {} : { authorization: `Bearer ${caller.token}` };
        if (body !== undefined) headers['content-type'] = 'application/json';
        const response = await server.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
        const expected = expectation(caller.principal, policy);
        const actual = response.status === 401 ? '401' : response.status === 403 ? '403' : 'allowed';
        if (actual !== expected) wrong.push(`${key} as ${caller.name}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

function expectation(principal: Principal | null, action: Action): '401' | '403' | 'allowed' {
  if (principal === null) return '401';
  return isAllowed(principal, action) ? 'allowed' : '403';
}
