import { AuditResponse, Channel, ChannelList, ChannelTestResult, DeliveryPage } from '@gpu-sentinel/protocol';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, errorOf, signedInAs, type ApiCall } from './support/api-caller.js';
import { startHttpReceiver, type HttpReceiver } from './support/receivers/http-receiver.js';
import { startSmtpReceiver, type SmtpReceiver } from './support/receivers/smtp-receiver.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

const SMTP_PASSWORD = 'smtp-pass-0f9e8d';
const HOOK_SECRET = 'hook-secret-7a6b5c';
const TEST_MESSAGE = 'Test notification from GPU Sentinel';

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('/api/v1/channels and /api/v1/deliveries', () => {
  let server: TestServer;
  let admin: ApiCall;
  let user: ApiCall;
  let reader: ApiCall;
  let smtp: SmtpReceiver;
  let http: HttpReceiver;

  const emailChannel = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    name: 'ops mail',
    type: 'email',
    severities: ['warning', 'critical'],
    config: {
      host: smtp.host,
      port: smtp.port,
      username: 'sentinel',
      password: SMTP_PASSWORD,
      from: 'sentinel@example.com',
      to: ['ops@example.com'],
    },
    ...overrides,
  });

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1 });
    smtp = await startSmtpReceiver({ credentials: { username: 'sentinel', password: SMTP_PASSWORD } });
    http = await startHttpReceiver();
    admin = apiCaller(server, server.adminToken);
    user = await signedInAs(server, 'user', 'uma');
    reader = await signedInAs(server, 'reader', 'ray');
  });
  afterAll(async () => {
    await server.stop();
    await smtp.close();
    await http.close();
  });

  it('never sends a secret back: it is named in secretsSet instead', async () => {
    const created = await admin('POST', '/api/v1/channels', emailChannel());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const channel = Channel.parse(created.body);
    expect(channel).toMatchObject({ name: 'ops mail', type: 'email', secretsSet: ['password'], enabled: true });
    expect(channel.config).toEqual({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      username: 'sentinel',
      from: 'sentinel@example.com',
      to: ['ops@example.com'],
    });
    for (const path of ['/api/v1/channels', `/api/v1/channels/${channel.id}`]) {
      const answer = await admin('GET', path);
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(SMTP_PASSWORD);
    }
    const list = ChannelList.parse((await admin('GET', '/api/v1/channels')).body);
    expect(list.items.find((item) => item.id === channel.id)?.secretsSet).toEqual(['password']);
  });

  it('keeps a stored secret the PUT leaves out: the test mail still authenticates', async () => {
    const channel = Channel.parse(
      (await admin('POST', '/api/v1/channels', emailChannel({ name: 'kept secret' }))).body,
    );
    const body = emailChannel({ name: 'kept secret', severities: ['critical'] });
    const config = { ...(body.config as Record<string, unknown>), password: undefined };
    const updated = await admin('PUT', `/api/v1/channels/${channel.id}`, { ...body, config });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(Channel.parse(updated.body)).toMatchObject({ severities: ['critical'], secretsSet: ['password'] });

    const tested = await admin('POST', `/api/v1/channels/${channel.id}/test`);
    expect(tested.status).toBe(200);
    expect(ChannelTestResult.parse(tested.body)).toMatchObject({ ok: true, error: null });
    // Default rules may mail this channel too: find the test mail among whatever arrived.
    const mail = await eventually('the test mail', () => smtp.mails.find((m) => m.raw.includes(TEST_MESSAGE)));
    expect(mail.user).toBe('sentinel');
  });

  it('reports a wrong password as a failed test, not a server error', async () => {
    const body = emailChannel({ name: 'wrong password' });
    const config = { ...(body.config as Record<string, unknown>), password: 'not the password' };
    const channel = Channel.parse((await admin('POST', '/api/v1/channels', { ...body, config })).body);
    const tested = await admin('POST', `/api/v1/channels/${channel.id}/test`);
    expect(tested.status).toBe(200);
    const result = ChannelTestResult.parse(tested.body);
    expect(result.ok).toBe(false);
    expect(result.error).not.toBeNull();
    expect(result.error).not.toContain('not the password');
  });

  it('sends a test notification to a webhook receiver, and reports a closed port as ok: false', async () => {
    const hook = Channel.parse(
      (
        await admin('POST', '/api/v1/channels', {
          name: 'signed hook',
          type: 'webhook',
          config: { url: `${http.url}/hook`, secret: HOOK_SECRET },
        })
      ).body,
    );
    expect(hook.secretsSet).toEqual(['secret']);
    const ok = ChannelTestResult.parse((await admin('POST', `/api/v1/channels/${hook.id}/test`)).body);
    expect(ok).toMatchObject({ ok: true, error: null });
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
    const request = await eventually('the test request', () =>
      http.requests.find((r) => r.path === '/hook' && (r.json() as { event?: string }).event === 'test'),
    );
    expect(request.headers['x-gpu-sentinel-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(request.json()).toMatchObject({ sentBy: 'gpu-sentinel', alert: { message: TEST_MESSAGE } });

    const port = await closedPort();
    const dead = Channel.parse(
      (
        await admin('POST', '/api/v1/channels', {
          name: 'nobody home',
          type: 'webhook',
          config: { url: `http://127.0.0.1:${port}/hook` },
        })
      ).body,
    );
    const failed = await admin('POST', `/api/v1/channels/${dead.id}/test`);
    expect(failed.status).toBe(200);
    const result = ChannelTestResult.parse(failed.body);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/ECONNREFUSED|refused/i);
  });

  it('names the field at fault', async () => {
    const badUrl = await admin('POST', '/api/v1/channels', { name: 'bad', type: 'slack', config: { url: 'ftp://x' } });
    expect(badUrl.status).toBe(400);
    expect(errorOf(badUrl).field).toBe('config.url');
    const badType = await admin('POST', '/api/v1/channels', { name: 'bad', type: 'pager', config: {} });
    expect(errorOf(badType).field).toBe('type');
    const noRecipients = await admin(
      'POST',
      '/api/v1/channels',
      emailChannel({ name: 'bad', config: { host: 'h', from: 'a@b.co', to: [] } }),
    );
    expect(errorOf(noRecipients).field).toBe('config.to');
    const extra = await admin('POST', '/api/v1/channels', { ...emailChannel({ name: 'bad' }), color: 'red' });
    expect(errorOf(extra).field).toBe('color');
  });

  it('refuses a second channel of the same name with a 409', async () => {
    await admin('POST', '/api/v1/channels', { name: 'team chat', type: 'discord', config: { url: `${http.url}/d` } });
    const again = await admin('POST', '/api/v1/channels', {
      name: 'team chat',
      type: 'slack',
      config: { url: `${http.url}/s` },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again).field).toBe('name');
  });

  it('deletes a channel, and answers 404 naming the id for one that does not exist', async () => {
    const channel = Channel.parse(
      (
        await admin('POST', '/api/v1/channels', {
          name: 'short lived',
          type: 'slack',
          config: { url: `${http.url}/s` },
        })
      ).body,
    );
    expect((await admin('DELETE', `/api/v1/channels/${channel.id}`)).status).toBe(204);
    for (const [method, path, body] of [
      ['GET', `/api/v1/channels/${channel.id}`, undefined],
      ['PUT', `/api/v1/channels/${channel.id}`, { name: 'x', type: 'slack', config: { url: `${http.url}/s` } }],
      ['DELETE', `/api/v1/channels/${channel.id}`, undefined],
      ['POST', `/api/v1/channels/${channel.id}/test`, undefined],
    ] as const) {
      const answer = await admin(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(errorOf(answer).message).toContain(String(channel.id));
    }
  });

  it('refuses to delete a channel a rule names, until the rule no longer does', async () => {
    const channel = Channel.parse(
      (await admin('POST', '/api/v1/channels', { name: 'on call', type: 'slack', config: { url: `${http.url}/s` } }))
        .body,
    );
    const rule = {
      name: 'pages on call',
      metric: 'temperatureC',
      op: '>',
      threshold: 95,
      forSeconds: 0,
      severity: 'critical',
    };
    const created = await admin('POST', '/api/v1/rules', { ...rule, channels: [channel.id] });
    expect(created.status).toBe(201);
    const refused = await admin('DELETE', `/api/v1/channels/${channel.id}`);
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toContain('pages on call');
    expect((await admin('GET', `/api/v1/channels/${channel.id}`)).status).toBe(200);

    const ruleId = (created.body as { id: number }).id;
    expect((await admin('PUT', `/api/v1/rules/${ruleId}`, { ...rule, channels: [] })).status).toBe(200);
    expect((await admin('DELETE', `/api/v1/channels/${channel.id}`)).status).toBe(204);
  });

  it('keeps channels and deliveries to admins: users and readers cannot even list them', async () => {
    for (const caller of [user, reader]) {
      expect((await caller('GET', '/api/v1/channels')).status).toBe(403);
      expect((await caller('GET', '/api/v1/deliveries')).status).toBe(403);
      expect((await caller('POST', '/api/v1/channels', emailChannel({ name: 'sneaky' }))).status).toBe(403);
    }
  });

  it('audits channel changes without their secrets', async () => {
    const created = Channel.parse(
      (await admin('POST', '/api/v1/channels', emailChannel({ name: 'audited mail' }))).body,
    );
    await admin('PUT', `/api/v1/channels/${created.id}`, emailChannel({ name: 'audited mail', enabled: false }));
    await admin('DELETE', `/api/v1/channels/${created.id}`);
    const audit = AuditResponse.parse((await admin('GET', '/api/v1/audit?limit=500')).body);
    const events = audit.items.filter((event) => event.type === 'channel.changed' && event.target === 'audited mail');
    expect(events.map((event) => event.details.action).sort()).toEqual(['created', 'deleted', 'updated']);
    expect(JSON.stringify(audit)).not.toContain(SMTP_PASSWORD);
    expect(JSON.stringify(audit)).not.toContain(HOOK_SECRET);
  });

  it('lists deliveries, refuses a bad cursor naming it, and retries only dead deliveries', async () => {
    const page = await admin('GET', '/api/v1/deliveries?limit=10');
    expect(page.status).toBe(200);
    expect(DeliveryPage.parse(page.body).items.length).toBeLessThanOrEqual(10);
    const badCursor = await admin('GET', '/api/v1/deliveries?cursor=not-a-cursor');
    expect(badCursor.status).toBe(400);
    expect(errorOf(badCursor).field).toBe('cursor');
    const badStatus = await admin('GET', '/api/v1/deliveries?status=lost');
    expect(errorOf(badStatus).field).toBe('status');
    const retry = await admin('POST', '/api/v1/deliveries/31337/retry');
    expect(retry.status).toBe(404);
    expect(errorOf(retry).message).toContain('31337');
  });
});
