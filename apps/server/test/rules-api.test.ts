import { AlertRule, AuditResponse, RuleList, RulePreview, type GpuSample } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/index.js';
import { gpuSample } from '../src/store/test-fixtures.js';
import { apiCaller, errorOf, signedInAs, type ApiCall } from './support/api-caller.js';
import { openSideStore } from './support/side-store.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SIDE_GPU = 'GPU-00000000-0000-0000-0000-0000000a1e27';
const SIDE_HOST = 'host-side';

const hotRule = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'GPU too hot',
  metric: 'temperatureC',
  op: '>',
  threshold: 85,
  forSeconds: 60,
  severity: 'warning',
  ...overrides,
});

/**
 * Two hours of one sample a minute for SIDE_GPU from `start`: 50 °C at rest, with hot spells at
 * minutes 20–29 (90 °C), 40–44 (85 °C then 75 °C until 49: between the clear threshold and the
 * threshold), a one-minute spike at 60, and 110–119 (still hot when the data ends). Memory is 25 %
 * used, 90 % over minutes 70–79.
 */
function sideHistory(start: number): GpuSample[] {
  const samples: GpuSample[] = [];
  for (let i = 0; i < 120; i++) {
    const temperatureC =
      i >= 20 && i < 30 ? 90 : i >= 40 && i < 45 ? 85 : i >= 45 && i < 50 ? 75 : i === 60 ? 95 : i >= 110 ? 90 : 50;
    const memoryUsedMiB = i >= 70 && i < 80 ? 7_200 : 2_000;
    samples.push(
      gpuSample({
        uuid: SIDE_GPU,
        hostId: SIDE_HOST,
        ts: start + i * MINUTE,
        temperatureC,
        memoryUsedMiB,
        memoryTotalMiB: 8_000,
      }),
    );
  }
  return samples;
}

describe('/api/v1/rules', () => {
  let server: TestServer;
  let side: Store;
  let admin: ApiCall;
  let user: ApiCall;
  let reader: ApiCall;
  let channelId: number;
  const start = Math.floor((Date.now() - 3 * HOUR) / MINUTE) * MINUTE;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1 });
    side = await openSideStore(server.dataDir);
    await side.insertSamples(sideHistory(start));
    admin = apiCaller(server, server.adminToken);
    user = await signedInAs(server, 'user', 'ursula');
    reader = await signedInAs(server, 'reader', 'rex');
    const channel = await admin('POST', '/api/v1/channels', {
      name: 'rules test hook',
      type: 'webhook',
      config: { url: 'http://127.0.0.1:9/hook' },
    });
    expect(channel.status).toBe(201);
    channelId = (channel.body as { id: number }).id;
  });
  afterAll(async () => {
    await side.close();
    await server.stop();
  });

  it('creates, reads, replaces and deletes a rule, with the defaults filled in', async () => {
    const created = await admin('POST', '/api/v1/rules', hotRule({ channels: [channelId] }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rule = AlertRule.parse(created.body);
    expect(rule).toMatchObject({
      name: 'GPU too hot',
      threshold: 85,
      clearThreshold: null,
      scope: {},
      channels: [channelId],
      repeatIntervalSeconds: null,
      enabled: true,
      isDefault: false,
    });

    const list = RuleList.parse((await reader('GET', '/api/v1/rules')).body);
    expect(list.items.find((item) => item.id === rule.id)).toEqual(rule);
    expect(AlertRule.parse((await reader('GET', `/api/v1/rules/${rule.id}`)).body)).toEqual(rule);

    const replaced = await admin(
      'PUT',
      `/api/v1/rules/${rule.id}`,
      hotRule({ threshold: 90, clearThreshold: 80, enabled: false }),
    );
    expect(replaced.status).toBe(200);
    expect(AlertRule.parse(replaced.body)).toMatchObject({
      id: rule.id,
      threshold: 90,
      clearThreshold: 80,
      enabled: false,
      channels: [],
    });

    expect((await admin('DELETE', `/api/v1/rules/${rule.id}`)).status).toBe(204);
    const gone = await reader('GET', `/api/v1/rules/${rule.id}`);
    expect(gone.status).toBe(404);
    expect(errorOf(gone).message).toContain(String(rule.id));
  });

  it('names the field at fault: a missing threshold, a clear threshold on the wrong side, an unknown channel', async () => {
    const missing = await admin('POST', '/api/v1/rules', { ...hotRule(), threshold: undefined });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).field).toBe('threshold');

    const wrongSide = await admin('POST', '/api/v1/rules', hotRule({ clearThreshold: 95 }));
    expect(wrongSide.status).toBe(400);
    expect(errorOf(wrongSide).field).toBe('clearThreshold');
    const below = await admin('POST', '/api/v1/rules', hotRule({ op: '<', threshold: 10, clearThreshold: 5 }));
    expect(errorOf(below).field).toBe('clearThreshold');

    const unknownChannel = await admin('POST', '/api/v1/rules', hotRule({ channels: [channelId, 987_654] }));
    expect(unknownChannel.status).toBe(400);
    expect(errorOf(unknownChannel)).toMatchObject({ field: 'channels' });
    expect(errorOf(unknownChannel).message).toContain('987654');

    const unknownMetric = await admin('POST', '/api/v1/rules', hotRule({ metric: 'coolness' }));
    expect(errorOf(unknownMetric).field).toBe('metric');
    const list = RuleList.parse((await admin('GET', '/api/v1/rules')).body);
    expect(list.items.some((item) => item.name === 'GPU too hot')).toBe(false);
  });

  it('accepts a scope naming a GPU it has never seen (it may appear later)', async () => {
    const created = await admin(
      'POST',
      '/api/v1/rules',
      hotRule({ name: 'future GPU', scope: { uuid: 'GPU-not-yet' } }),
    );
    expect(created.status).toBe(201);
    expect(AlertRule.parse(created.body).scope).toEqual({ uuid: 'GPU-not-yet' });
  });

  it('refuses a second rule of the same name with a 409, on create and on rename', async () => {
    const first = AlertRule.parse((await admin('POST', '/api/v1/rules', hotRule({ name: 'unique name' }))).body);
    const again = await admin('POST', '/api/v1/rules', hotRule({ name: 'unique name' }));
    expect(again.status).toBe(409);
    expect(errorOf(again).field).toBe('name');
    const other = AlertRule.parse((await admin('POST', '/api/v1/rules', hotRule({ name: 'other name' }))).body);
    const rename = await admin('PUT', `/api/v1/rules/${other.id}`, hotRule({ name: first.name }));
    expect(rename.status).toBe(409);
  });

  it('answers 404 naming the id for a rule that does not exist', async () => {
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', hotRule({ name: 'nobody' })],
      ['DELETE', undefined],
    ] as const) {
      const answer = await admin(method, '/api/v1/rules/424242', body);
      expect(answer.status, method).toBe(404);
      expect(errorOf(answer).message).toContain('424242');
    }
  });

  it('lets readers and users read rules, and only admins change them', async () => {
    expect((await reader('GET', '/api/v1/rules')).status).toBe(200);
    expect((await user('GET', '/api/v1/rules')).status).toBe(200);
    expect((await user('POST', '/api/v1/rules', hotRule({ name: 'by a user' }))).status).toBe(403);
    const rule = AlertRule.parse((await admin('POST', '/api/v1/rules', hotRule({ name: 'admin only' }))).body);
    expect((await user('PUT', `/api/v1/rules/${rule.id}`, hotRule({ name: 'admin only' }))).status).toBe(403);
    expect((await reader('DELETE', `/api/v1/rules/${rule.id}`)).status).toBe(403);
    expect((await reader('GET', `/api/v1/rules/${rule.id}`)).status).toBe(200);
  });

  it('records who created, changed and deleted a rule in the audit log', async () => {
    const rule = AlertRule.parse((await admin('POST', '/api/v1/rules', hotRule({ name: 'audited rule' }))).body);
    await admin('PUT', `/api/v1/rules/${rule.id}`, hotRule({ name: 'audited rule', threshold: 70 }));
    await admin('DELETE', `/api/v1/rules/${rule.id}`);
    const audit = AuditResponse.parse((await admin('GET', '/api/v1/audit?limit=500')).body);
    const events = audit.items.filter((event) => event.type === 'rule.changed' && event.target === 'audited rule');
    expect(events.map((event) => event.details.action).sort()).toEqual(['created', 'deleted', 'updated']);
    expect(events.every((event) => event.actor === 'admin')).toBe(true);
    expect(events.find((event) => event.details.action === 'updated')?.details.threshold).toBe(70);
  });

  describe('POST /api/v1/rules/preview', () => {
    const previewOf = async (
      rule: Record<string, unknown>,
      range: Record<string, number> = {},
    ): Promise<RulePreview> => {
      const answer = await reader('POST', '/api/v1/rules/preview', { rule, ...range });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return RulePreview.parse(answer.body);
    };
    const scope = { uuid: SIDE_GPU, hostId: SIDE_HOST };
    const at = (minute: number): number => start + minute * MINUTE;

    it('replays a rule over the stored history with its duration and hysteresis', async () => {
      const preview = await previewOf({
        metric: 'temperatureC',
        op: '>',
        threshold: 80,
        forSeconds: 120,
        clearThreshold: 70,
        severity: 'warning',
        scope,
      });
      expect(preview.to - preview.from).toBe(DAY);
      expect(preview.stepMs).toBe(MINUTE);
      expect(preview.gpus).toBe(1);
      expect(preview.unsupportedReason).toBeNull();
      // The spike at minute 60 is too short to fire; 45–49 at 75 °C keeps the second one firing.
      expect(preview.firings).toEqual([
        { hostId: SIDE_HOST, uuid: SIDE_GPU, startedAt: at(22), resolvedAt: at(30), peakValue: 90 },
        { hostId: SIDE_HOST, uuid: SIDE_GPU, startedAt: at(42), resolvedAt: at(50), peakValue: 85 },
        { hostId: SIDE_HOST, uuid: SIDE_GPU, startedAt: at(112), resolvedAt: null, peakValue: 90 },
      ]);
    });

    it('replays a derived metric computed from stored series', async () => {
      const preview = await previewOf({
        metric: 'memoryUsedPct',
        op: '>=',
        threshold: 85,
        forSeconds: 0,
        severity: 'critical',
        scope,
      });
      expect(preview.firings).toEqual([
        { hostId: SIDE_HOST, uuid: SIDE_GPU, startedAt: at(70), resolvedAt: at(80), peakValue: 90 },
      ]);
    });

    it('covers only the range asked for', async () => {
      const preview = await previewOf(
        { metric: 'temperatureC', op: '>', threshold: 80, forSeconds: 0, severity: 'info', scope },
        { from: at(35), to: at(35) + DAY },
      );
      expect(preview.from).toBe(at(35));
      // Without a clear threshold each ends as soon as the value is back at or under 80 °C.
      expect(preview.firings.map((firing) => [firing.startedAt, firing.resolvedAt])).toEqual([
        [at(40), at(45)],
        [at(60), at(61)],
        [at(110), null],
      ]);
    });

    it('says why a metric of source or host state cannot be replayed', async () => {
      const preview = await previewOf({
        metric: 'nvidiaSmiDown',
        op: '>=',
        threshold: 1,
        forSeconds: 0,
        severity: 'critical',
      });
      expect(preview.firings).toEqual([]);
      expect(preview.unsupportedReason).toContain('nvidiaSmiDown');
    });

    it('refuses more than 7 days, a reversed range and a bad rule, naming the field', async () => {
      const rule = { metric: 'temperatureC', op: '>', threshold: 80, forSeconds: 0, severity: 'info' };
      const now = Date.now();
      const tooLong = await reader('POST', '/api/v1/rules/preview', { rule, from: now - 8 * DAY, to: now });
      expect(tooLong.status).toBe(400);
      expect(errorOf(tooLong).field).toBe('from');
      const reversed = await reader('POST', '/api/v1/rules/preview', { rule, from: now, to: now - HOUR });
      expect(errorOf(reversed).field).toBe('from');
      const noThreshold = await reader('POST', '/api/v1/rules/preview', { rule: { ...rule, threshold: undefined } });
      expect(errorOf(noThreshold).field).toBe('rule.threshold');
    });
  });
});
