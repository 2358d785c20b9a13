import { Alert, AlertPage, AlertRule, Channel, Delivery, DeliveryPage } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, errorOf, signedInAs, type ApiCall } from './support/api-caller.js';
import { startHttpReceiver, type HttpReceiver } from './support/receivers/http-receiver.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

const HOUR_S = 3_600;

describe('/api/v1/alerts', () => {
  let server: TestServer;
  let admin: ApiCall;
  let user: ApiCall;
  let reader: ApiCall;
  let keyCaller: ApiCall;
  let receiver: HttpReceiver;
  let rule: AlertRule;
  let alerts: Alert[];

  const page = async (caller: ApiCall, query: string): Promise<AlertPage> => {
    const answer = await caller('GET', `/api/v1/alerts${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return AlertPage.parse(answer.body);
  };

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 2, intervalMs: 200 });
    admin = apiCaller(server, server.adminToken);
    user = await signedInAs(server, 'user', 'uma');
    reader = await signedInAs(server, 'reader', 'rhea');
    const key = await server.identity.createApiKey({ name: 'pager bot', scope: 'admin' }, { actor: 'test', ip: null });
    keyCaller = apiCaller(server, key.key);
    // The receiver refuses at first: a 4xx is permanent, so the deliveries die at once.
    receiver = await startHttpReceiver();
    receiver.reply({ status: 400, body: 'no thanks' });
    const channel = Channel.parse(
      (
        await admin('POST', '/api/v1/channels', {
          name: 'alerts test hook',
          type: 'webhook',
          config: { url: `${receiver.url}/hook` },
        })
      ).body,
    );
    // Every simulated GPU is warmer than -100 °C: one alert per GPU, at once.
    const created = await admin('POST', '/api/v1/rules', {
      name: 'always firing',
      metric: 'temperatureC',
      op: '>',
      threshold: -100,
      forSeconds: 0,
      severity: 'critical',
      channels: [channel.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    rule = AlertRule.parse(created.body);
    alerts = await eventually('an alert per GPU', async () => {
      const firing = await page(admin, `?ruleId=${rule.id}&active=true`);
      return firing.items.length === 2 ? firing.items : undefined;
    });
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('lists the alerts a rule opened, newest first, with filters, a total and a cursor', async () => {
    expect(alerts.map((alert) => alert.state)).toEqual(['firing', 'firing']);
    expect(alerts[0]).toMatchObject({
      ruleId: rule.id,
      ruleName: 'always firing',
      severity: 'critical',
      metric: 'temperatureC',
    });
    expect((alerts[0]?.id ?? 0) > (alerts[1]?.id ?? 0)).toBe(true);

    const first = await page(reader, `?ruleId=${rule.id}&limit=1`);
    expect(first.total).toBe(2);
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await page(reader, `?ruleId=${rule.id}&limit=1&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((alert) => alert.id)).toEqual([alerts[1]?.id]);

    const oneGpu = await page(reader, `?uuid=${alerts[1]?.uuid ?? ''}&ruleId=${rule.id}`);
    expect(oneGpu.items.map((alert) => alert.id)).toEqual([alerts[1]?.id]);
    expect((await page(reader, `?ruleId=${rule.id}&severity=info`)).total).toBe(0);
  });

  it('refuses a bad filter or cursor, naming it', async () => {
    const badCursor = await reader('GET', '/api/v1/alerts?cursor=garbage');
    expect(badCursor.status).toBe(400);
    expect(errorOf(badCursor).field).toBe('cursor');
    expect(errorOf(await reader('GET', '/api/v1/alerts?state=pending')).field).toBe('state');
    expect(errorOf(await reader('GET', '/api/v1/alerts?limit=0')).field).toBe('limit');
    expect(errorOf(await reader('GET', '/api/v1/alerts?colour=red')).field).toBe('colour');
  });

  it('reads one alert, and answers 404 naming an id that does not exist', async () => {
    const id = alerts[0]?.id ?? 0;
    const one = await reader('GET', `/api/v1/alerts/${id}`);
    expect(Alert.parse(one.body)).toMatchObject({ id, ruleId: rule.id });
    for (const [method, path, body] of [
      ['GET', '/api/v1/alerts/777777', undefined],
      ['POST', '/api/v1/alerts/777777/ack', undefined],
      ['POST', '/api/v1/alerts/777777/silence', { durationSeconds: HOUR_S }],
      ['DELETE', '/api/v1/alerts/777777/silence', undefined],
    ] as const) {
      const answer = await user(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(errorOf(answer).message).toContain('777777');
    }
  });

  it('lets a reader look but not acknowledge or silence', async () => {
    const id = alerts[0]?.id ?? 0;
    expect((await reader('POST', `/api/v1/alerts/${id}/ack`)).status).toBe(403);
    expect((await reader('POST', `/api/v1/alerts/${id}/silence`, { durationSeconds: HOUR_S })).status).toBe(403);
    expect((await reader('DELETE', `/api/v1/alerts/${id}/silence`)).status).toBe(403);
    expect(Alert.parse((await reader('GET', `/api/v1/alerts/${id}`)).body).state).toBe('firing');
  });

  it('records who acknowledged: the username, or the API key by name', async () => {
    const [mine, theirs] = alerts;
    const acked = await user('POST', `/api/v1/alerts/${mine?.id ?? 0}/ack`);
    expect(acked.status).toBe(200);
    const alert = Alert.parse(acked.body);
    expect(alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'uma' });
    expect(Math.abs((alert.acknowledgedAt ?? 0) - Date.now())).toBeLessThan(60_000);

    const byKey = Alert.parse((await keyCaller('POST', `/api/v1/alerts/${theirs?.id ?? 0}/ack`)).body);
    expect(byKey).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'apikey:pager bot' });
    // Still active: acknowledged alerts are listed with the firing ones.
    expect((await page(reader, `?ruleId=${rule.id}&active=true`)).total).toBe(2);
    expect((await page(reader, `?ruleId=${rule.id}&state=acknowledged`)).total).toBe(2);
  });

  it('silences an alert for a while and lifts the silence', async () => {
    const id = alerts[0]?.id ?? 0;
    const before = Date.now();
    const silenced = Alert.parse(
      (await user('POST', `/api/v1/alerts/${id}/silence`, { durationSeconds: HOUR_S })).body,
    );
    expect(silenced.silencedUntil).toBeGreaterThanOrEqual(before + HOUR_S * 1_000 - 1_000);
    expect(silenced.silencedUntil).toBeLessThanOrEqual(Date.now() + HOUR_S * 1_000 + 1_000);

    const tooShort = await user('POST', `/api/v1/alerts/${id}/silence`, { durationSeconds: 5 });
    expect(tooShort.status).toBe(400);
    expect(errorOf(tooShort).field).toBe('durationSeconds');
    expect(errorOf(await user('POST', `/api/v1/alerts/${id}/silence`, {})).field).toBe('durationSeconds');

    const lifted = Alert.parse((await user('DELETE', `/api/v1/alerts/${id}/silence`)).body);
    expect(lifted.silencedUntil).toBeLessThanOrEqual(Date.now());
    expect(Alert.parse((await reader('GET', `/api/v1/alerts/${id}`)).body).silencedUntil).toBe(lifted.silencedUntil);
  });

  it('retries a dead delivery once the receiver accepts again', async () => {
    const dead = await eventually('dead deliveries', async () => {
      const answer = DeliveryPage.parse((await admin('GET', '/api/v1/deliveries?status=dead')).body);
      return answer.items.length >= 1 ? answer.items : undefined;
    });
    const delivery = dead[0];
    expect(delivery).toMatchObject({ channelName: 'alerts test hook', channelType: 'webhook', event: 'firing' });
    expect(delivery?.lastError).toContain('400');
    // Retrying is for those who manage channels.
    expect((await user('POST', `/api/v1/deliveries/${delivery?.id ?? 0}/retry`)).status).toBe(403);

    receiver.reply({ status: 204 });
    const before = receiver.requests.length;
    const retried = await admin('POST', `/api/v1/deliveries/${delivery?.id ?? 0}/retry`);
    expect(retried.status).toBe(200);
    expect(Delivery.parse(retried.body)).toMatchObject({ id: delivery?.id, status: 'pending' });
    expect((await admin('POST', `/api/v1/deliveries/${delivery?.id ?? 0}/retry`)).status).toBe(404);

    await receiver.waitForRequests(before + 1);
    const delivered = await eventually('the retried delivery delivered', async () => {
      const answer = DeliveryPage.parse(
        (await admin('GET', `/api/v1/deliveries?alertId=${delivery?.alertId ?? 0}`)).body,
      );
      const row = answer.items.find((item) => item.id === delivery?.id);
      return row?.status === 'delivered' ? row : undefined;
    });
    expect(delivered.deliveredAt).not.toBeNull();
  });

  it('resolves the alerts of a rule once it is deleted', async () => {
    expect((await admin('DELETE', `/api/v1/rules/${rule.id}`)).status).toBe(204);
    const resolved = await eventually('the alerts resolved', async () => {
      const answer = await page(reader, `?ruleId=${rule.id}&state=resolved`);
      return answer.total === 2 ? answer.items : undefined;
    });
    expect(resolved.every((alert) => alert.resolvedAt !== null)).toBe(true);
    expect((await page(reader, `?ruleId=${rule.id}&active=true`)).total).toBe(0);
  });
});
