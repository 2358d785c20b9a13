import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveSecrets } from '../../auth/secrets.js';
import { createNotifier } from '../../notify/create-notifier.js';
import { DeliveryError } from '../../notify/notifier.js';
import { createSqliteStore, type Store } from '../../store/index.js';
import { sealChannelSecrets } from './sealed-channels.js';

const CONFIG = { url: 'http://127.0.0.1:9/hook', secret: 'whsec-plain' };
const BODY = {
  name: 'signed hook',
  type: 'webhook' as const,
  config: CONFIG,
  severities: ['critical' as const],
  enabled: true,
};

describe('channel credentials at rest', () => {
  let store: Store;
  beforeEach(async () => {
    store = createSqliteStore({ filename: ':memory:' });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
  });

  it('are stored encrypted and read back in clear', async () => {
    const sealed = sealChannelSecrets(store.alerts, deriveSecrets(Buffer.from('server secret one')));
    const created = await sealed.createChannel(BODY, 1_000);
    expect(created.config.secret).toBe('whsec-plain');
    const stored = await store.alerts.getChannel(created.id);
    expect(stored?.config.secret).toEqual(expect.any(String));
    expect(JSON.stringify(stored?.config)).not.toContain('whsec-plain');
    expect(stored?.config.url).toBe('http://127.0.0.1:9/hook');
    expect((await sealed.listChannels())[0]?.config.secret).toBe('whsec-plain');

    // An update that leaves the secret out keeps it, still readable.
    const { secret, ...withoutSecret } = CONFIG;
    expect(secret).toBe('whsec-plain');
    await sealed.updateChannel(created.id, { ...BODY, name: 'renamed hook', config: withoutSecret }, 2_000);
    expect((await sealed.getChannel(created.id))?.config.secret).toBe('whsec-plain');
  });

  it('under another server secret are named as unreadable, and a delivery fails for good saying why', async () => {
    const before = sealChannelSecrets(store.alerts, deriveSecrets(Buffer.from('server secret one')));
    const created = await before.createChannel(BODY, 1_000);
    const after = sealChannelSecrets(store.alerts, deriveSecrets(Buffer.from('another secret')));
    const channel = await after.getChannel(created.id);
    expect(channel?.unreadableSecrets).toEqual(['secret']);
    expect(channel?.config.secret).toBeUndefined();

    const notifier = createNotifier({ timeoutMs: 1_000 });
    const sending = notifier.send(channel ?? created, {
      idempotencyKey: 'k',
      event: 'test',
      url: null,
      sentBy: 'gpu-sentinel',
      alert: {
        id: 1,
        ruleId: null,
        ruleName: 'test',
        hostId: null,
        uuid: null,
        state: 'firing',
        severity: 'critical',
        metric: 'temperatureC',
        op: '>',
        value: 1,
        threshold: 0,
        message: 'test',
        startedAt: 0,
        resolvedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        silencedUntil: null,
      },
    });
    const error: unknown = await sending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).isPermanent).toBe(true);
    expect((error as DeliveryError).message).toMatch(/cannot be decrypted \(GPU_SENTINEL_SECRET changed/);
  });
});
