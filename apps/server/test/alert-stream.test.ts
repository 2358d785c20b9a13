import { AlertRule } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, signedInAs, type ApiCall } from './support/api-caller.js';
import { TestStreamClient } from './support/stream-client.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

describe('alert changes on the live stream', () => {
  let server: TestServer;
  let admin: ApiCall;
  let stream: TestStreamClient;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 2, intervalMs: 200 });
    admin = apiCaller(server, server.adminToken);
    await signedInAs(server, 'reader', 'rita');
    const reader = await server.login('rita', 'a long enough password');
    stream = await TestStreamClient.connect(await server.streamUrl(reader.accessToken));
  });
  afterAll(async () => {
    stream.close();
    await server.stop();
  });

  it('pushes an alert when it opens, is acknowledged, and resolves', async () => {
    const created = await admin('POST', '/api/v1/rules', {
      name: 'stream me',
      metric: 'utilizationGpuPct',
      op: '>=',
      threshold: 0,
      forSeconds: 0,
      severity: 'warning',
    });
    expect(created.status).toBe(201);
    const rule = AlertRule.parse(created.body);
    const mine = () => stream.ofType('alert').filter((message) => message.alert.ruleId === rule.id);

    const opened = await eventually('two opened alerts', () => {
      const found = mine().filter((message) => message.change === 'opened');
      return found.length === 2 ? found : undefined;
    });
    expect(opened.map((message) => message.alert.state)).toEqual(['firing', 'firing']);
    const first = opened[0]?.alert.id ?? 0;

    expect((await admin('POST', `/api/v1/alerts/${String(first)}/ack`)).status).toBe(200);
    const acknowledged = await eventually('the acknowledgement', () =>
      mine().find((message) => message.change === 'acknowledged'),
    );
    expect(acknowledged.alert).toMatchObject({ id: first, state: 'acknowledged', acknowledgedBy: 'admin' });

    expect((await admin('DELETE', `/api/v1/rules/${String(rule.id)}`)).status).toBe(204);
    const resolved = await eventually('both resolved', () => {
      const found = mine().filter((message) => message.change === 'resolved');
      return found.length === 2 ? found : undefined;
    });
    expect(resolved.every((message) => message.alert.state === 'resolved' && message.alert.resolvedAt !== null)).toBe(
      true,
    );
  });
});
