import { AuditResponse } from '@gpu-sentinel/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

/** A failed login through a load balancer, and the address the audit log records for it. */
async function failedLoginAddress(server: TestServer): Promise<string | null> {
  const response = await server.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
    body: JSON.stringify({ username: 'admin', password: 'not the password' }),
  });
  expect(response.status).toBe(401);
  const audit = AuditResponse.parse(await (await server.get('/api/v1/audit')).json());
  return audit.items.find((event) => event.type === 'login.failed')?.ip ?? null;
}

describe('--trust-proxy', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('takes the client address from X-Forwarded-For when the peer is a trusted balancer', async () => {
    server = await startTestServer({ trustProxy: '127.0.0.1' });
    expect(await failedLoginAddress(server)).toBe('203.0.113.9');
  });

  it('trusts a number of hops', async () => {
    server = await startTestServer({ trustProxy: '1' });
    expect(await failedLoginAddress(server)).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For by default: anyone could send one', async () => {
    server = await startTestServer({});
    expect(await failedLoginAddress(server)).toBe('127.0.0.1');
  });
});
