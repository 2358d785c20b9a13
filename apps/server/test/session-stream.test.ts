import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_REVOKED } from '../src/ws/stream-hub.js';
import { TestStreamClient } from './support/stream-client.js';
import { eventually, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from './support/test-server.js';

const CONTEXT = { actor: 'test', ip: null };

describe('a live stream ends with the session or key it was opened with', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1, intervalMs: 200 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes on logout, and only the sockets of that session', async () => {
    const mine = await server.login('admin', TEST_ADMIN_PASSWORD);
    const other = await server.login('admin', TEST_ADMIN_PASSWORD);
    const client = await TestStreamClient.connect(await server.streamUrl(mine.accessToken));
    const bystander = await TestStreamClient.connect(await server.streamUrl(other.accessToken));
    await client.waitForTicks(1);

    const logout = await server.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${mine.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: mine.refreshToken }),
    });
    expect(logout.status).toBe(204);
    await eventually('the socket closed', () => client.closeCode ?? undefined);
    expect(client.closeCode).toBe(CLOSE_REVOKED);

    const ticks = bystander.ofType('samples').length;
    await bystander.waitForTicks(ticks + 2);
    expect(bystander.closeCode).toBeNull();
    bystander.close();
    const refused = await server.request('/api/v1/stream/ticket', {
      method: 'POST',
      headers: { authorization: `Bearer ${mine.accessToken}` },
    });
    expect(refused.status).toBe(401);
  });

  it('closes when the user is disabled', async () => {
    const user = await server.identity.createUser(
      { username: 'rhea', password: 'a long enough password', role: 'reader' },
      CONTEXT,
    );
    const session = await server.login('rhea', 'a long enough password');
    const client = await TestStreamClient.connect(await server.streamUrl(session.accessToken));
    await client.waitForTicks(1);
    await server.identity.updateUser(user.id, { isDisabled: true }, CONTEXT);
    await eventually('the socket closed', () => client.closeCode ?? undefined);
    expect(client.closeCode).toBe(CLOSE_REVOKED);
  });

  it('closes when its API key is revoked through the API', async () => {
    const key = await server.identity.createApiKey({ name: 'wallboard', scope: 'read' }, CONTEXT);
    const client = await TestStreamClient.connect(await server.streamUrl(key.key));
    await client.waitForTicks(1);
    const revoke = await server.request(`/api/v1/apikeys/${key.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(revoke.status).toBeLessThan(300);
    await eventually('the socket closed', () => client.closeCode ?? undefined);
    expect(client.closeCode).toBe(CLOSE_REVOKED);
  });
});
