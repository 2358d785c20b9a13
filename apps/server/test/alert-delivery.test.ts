import { createHmac } from 'node:crypto';
import {
  AlertPage,
  AlertRule,
  Channel,
  DeliveryPage,
  NotificationPayload,
  RuleList,
  ruleBodyOf,
} from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, type ApiCall } from './support/api-caller.js';
import { startAlertmanager, type AlertmanagerProcess } from './support/receivers/alertmanager.js';
import { startHttpReceiver, type HttpReceiver } from './support/receivers/http-receiver.js';
import { startSmtpReceiver, type SmtpReceiver } from './support/receivers/smtp-receiver.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

const SECRET = 'whsec-delivery-test';

interface AmAlert {
  labels: Record<string, string>;
  endsAt: string;
  status: { state: string };
}

/**
 * From a rule to every kind of receiver, through the real server: the engine opens an alert per
 * GPU, the outbox delivers it to a webhook, an SMTP server, Slack- and Discord-style endpoints and
 * a real Alertmanager; when the condition clears, each gets the resolution.
 */
describe('alert delivery to real receivers', () => {
  let server: TestServer;
  let admin: ApiCall;
  let hook: HttpReceiver;
  let chat: HttpReceiver;
  let smtp: SmtpReceiver;
  let alertmanager: AlertmanagerProcess;
  let rule: AlertRule;
  const channelIds: number[] = [];

  const create = async (path: string, body: unknown): Promise<unknown> => {
    const answer = await admin('POST', path, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };
  const amAlerts = async (): Promise<AmAlert[]> => {
    const response = await fetch(
      `${alertmanager.url}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true`,
    );
    return (await response.json()) as AmAlert[];
  };

  beforeAll(async () => {
    [hook, chat, smtp, alertmanager] = await Promise.all([
      startHttpReceiver(),
      startHttpReceiver(),
      startSmtpReceiver(),
      startAlertmanager(),
    ]);
    server = await startTestServer({
      source: 'simulated',
      gpus: 2,
      intervalMs: 200,
      publicUrl: 'https://gpus.example.org',
    });
    admin = apiCaller(server, server.adminToken);
    for (const existing of RuleList.parse((await admin('GET', '/api/v1/rules')).body).items) {
      await admin('PUT', `/api/v1/rules/${String(existing.id)}`, { ...ruleBodyOf(existing), enabled: false });
    }
    const channels = [
      { name: 'hook', type: 'webhook', config: { url: `${hook.url}/gpu-alerts`, secret: SECRET } },
      {
        name: 'mail',
        type: 'email',
        config: { host: smtp.host, port: smtp.port, from: 'sentinel@example.org', to: ['oncall@example.org'] },
      },
      { name: 'slack', type: 'slack', config: { url: `${chat.url}/slack` } },
      { name: 'discord', type: 'discord', config: { url: `${chat.url}/discord` } },
      { name: 'am', type: 'alertmanager', config: { url: alertmanager.url, labels: { team: 'ml-infra' } } },
    ];
    for (const channel of channels) channelIds.push(Channel.parse(await create('/api/v1/channels', channel)).id);
    rule = AlertRule.parse(
      await create('/api/v1/rules', {
        name: 'GPU warm',
        metric: 'temperatureC',
        op: '>',
        threshold: -100,
        forSeconds: 0,
        severity: 'critical',
        channels: channelIds,
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await Promise.all([hook.close(), chat.close(), smtp.close(), alertmanager.stop()]);
  });

  it('delivers the opened alerts to every channel, signed, with a link to the dashboard', async () => {
    const opened = await hook.waitForRequests(2, 15_000);
    for (const request of opened) {
      expect(request.headers['x-gpu-sentinel-signature']).toBe(
        `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`,
      );
      const payload = NotificationPayload.parse(request.json());
      expect(payload).toMatchObject({
        event: 'firing',
        alert: { ruleName: 'GPU warm', state: 'firing', severity: 'critical' },
      });
      expect(payload.url).toBe(`https://gpus.example.org/alerts/${String(payload.alert.id)}`);
      expect(request.headers['x-gpu-sentinel-idempotency-key']).toBe(payload.idempotencyKey);
    }
    const mails = await smtp.waitForMails(2, 15_000);
    expect(mails[0]?.to).toEqual(['oncall@example.org']);
    expect(mails[0]?.message.headers.get('subject')).toMatch(/CRITICAL.*GPU warm/);
    await chat.waitForRequests(4, 15_000);
    expect(chat.requests.filter((request) => request.path === '/slack')).toHaveLength(2);
    expect(chat.requests.filter((request) => request.path === '/discord')).toHaveLength(2);
    const inAlertmanager = await eventually('both alerts in Alertmanager', async () => {
      const found = (await amAlerts()).filter((alert) => alert.labels.alertname === 'GPU warm');
      return found.length === 2 ? found : undefined;
    });
    expect(
      inAlertmanager.every((alert) => alert.labels.severity === 'critical' && alert.labels.team === 'ml-infra'),
    ).toBe(true);
    expect(inAlertmanager.every((alert) => alert.status.state === 'active')).toBe(true);

    const deliveries = DeliveryPage.parse((await admin('GET', '/api/v1/deliveries?limit=50')).body).items;
    expect(deliveries).toHaveLength(10);
    expect(deliveries.every((delivery) => delivery.status === 'delivered' && delivery.attempts === 1)).toBe(true);
  }, 30_000);

  it('sends the resolution everywhere when the condition clears', async () => {
    const raised = { ...ruleBodyOf(rule), threshold: 1_000 };
    expect((await admin('PUT', `/api/v1/rules/${String(rule.id)}`, raised)).status).toBe(200);

    const resolved = await eventually('both alerts resolved', async () => {
      const page = AlertPage.parse((await admin('GET', `/api/v1/alerts?ruleId=${String(rule.id)}`)).body);
      return page.items.every((alert) => alert.state === 'resolved') ? page.items : undefined;
    });
    expect(resolved.every((alert) => alert.resolvedAt !== null)).toBe(true);
    const events = (await hook.waitForRequests(4, 15_000)).map(
      (request) => NotificationPayload.parse(request.json()).event,
    );
    expect(events.filter((event) => event === 'resolved')).toHaveLength(2);
    const mails = await smtp.waitForMails(4, 15_000);
    expect(mails.filter((mail) => (mail.message.headers.get('subject') ?? '').includes('RESOLVED'))).toHaveLength(2);
    await eventually('Alertmanager sees them resolved', async () => {
      const found = (await amAlerts()).filter((alert) => alert.labels.alertname === 'GPU warm');
      return found.every((alert) => Date.parse(alert.endsAt) <= Date.now()) ? true : undefined;
    });
  }, 30_000);
});
