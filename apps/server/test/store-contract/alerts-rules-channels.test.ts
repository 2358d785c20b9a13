import { ConflictError } from '../../src/errors/app-error.js';
import { describe, expect, it } from 'vitest';
import { ruleBody, storeOpener, T0, webhookChannel } from './contract-fixtures.js';
import { ENGINES } from './engines.js';

describe.each(ENGINES)('$name store: alert rules', (engine) => {
  const open = storeOpener(engine);

  it('ships the default rules, enabled, notifying every channel', async () => {
    const store = await open();
    const rules = await store.alerts.listRules();
    expect(
      rules.map((rule) => [
        rule.name,
        rule.metric,
        rule.op,
        rule.threshold,
        rule.forSeconds,
        rule.clearThreshold,
        rule.severity,
        rule.repeatIntervalSeconds,
      ]),
    ).toEqual([
      ['GPU temperature warning', 'temperatureC', '>=', 80, 30, 75, 'warning', null],
      ['GPU temperature critical', 'temperatureC', '>=', 85, 30, 80, 'critical', 3_600],
      ['GPU memory almost full', 'memoryUsedPct', '>=', 90, 60, 85, 'warning', null],
      ['GPU memory full', 'memoryUsedPct', '>=', 95, 60, 90, 'critical', 3_600],
      ['Power above the limit', 'powerLimitPct', '>', 100, 30, 95, 'warning', null],
      ['GPU stale', 'gpuStaleSeconds', '>=', 30, 0, null, 'critical', 3_600],
      ['nvidia-smi down', 'nvidiaSmiDown', '>=', 1, 10, null, 'critical', 3_600],
      ['Host offline', 'hostOfflineSeconds', '>=', 60, 0, null, 'critical', 3_600],
    ]);
    for (const rule of rules) {
      expect(rule).toMatchObject({ isDefault: true, enabled: true, channels: [], scope: {} });
    }
  });

  it('creates, reads, updates and deletes a rule with its scope and channels', async () => {
    const store = await open();
    const created = await store.alerts.createRule(
      ruleBody({ scope: { hostId: 'host-a' }, channels: [3, 1], clearThreshold: 85.5, repeatIntervalSeconds: 600 }),
      T0,
    );
    expect(created).toMatchObject({
      name: 'Hot GPU',
      scope: { hostId: 'host-a' },
      channels: [3, 1],
      clearThreshold: 85.5,
      repeatIntervalSeconds: 600,
      enabled: true,
      isDefault: false,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(Object.keys(created.scope)).toEqual(['hostId']);
    expect(await store.alerts.getRule(created.id)).toEqual(created);

    const updated = await store.alerts.updateRule(
      created.id,
      ruleBody({ name: 'Hot GPU 0', scope: { uuid: 'GPU-1' }, enabled: false }),
      T0 + 1,
    );
    expect(updated).toMatchObject({ name: 'Hot GPU 0', scope: { uuid: 'GPU-1' }, channels: [], enabled: false });
    expect(updated).toMatchObject({ createdAt: T0, updatedAt: T0 + 1, clearThreshold: null });
    expect(await store.alerts.updateRule(9_999, ruleBody(), T0)).toBeUndefined();

    expect(await store.alerts.deleteRule(created.id)).toBe(true);
    expect(await store.alerts.deleteRule(created.id)).toBe(false);
    expect(await store.alerts.getRule(created.id)).toBeUndefined();
    expect(await store.alerts.listRules()).toHaveLength(8);
  });

  it('refuses a rule name in use, on create and on rename', async () => {
    const store = await open();
    await expect(store.alerts.createRule(ruleBody({ name: 'GPU stale' }), T0)).rejects.toMatchObject({
      constructor: expect.any(Function) as unknown,
      field: 'name',
      code: 'conflict',
    });
    await expect(store.alerts.createRule(ruleBody({ name: 'GPU stale' }), T0)).rejects.toBeInstanceOf(ConflictError);
    const rule = await store.alerts.createRule(ruleBody(), T0);
    await expect(store.alerts.updateRule(rule.id, ruleBody({ name: 'nvidia-smi down' }), T0)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await store.alerts.getRule(rule.id))?.name).toBe('Hot GPU');
  });
});

describe.each(ENGINES)('$name store: notification channels', (engine) => {
  const open = storeOpener(engine);

  it('creates, lists, updates and deletes a channel, config and severities included', async () => {
    const store = await open();
    expect(await store.alerts.listChannels()).toEqual([]);
    const ops = await store.alerts.createChannel(webhookChannel('ops'), T0);
    expect(ops).toEqual({
      id: ops.id,
      name: 'ops',
      type: 'webhook',
      config: { url: 'https://hooks.example.com/gpu', secret: 's3cret' },
      severities: ['info', 'warning', 'critical'],
      enabled: true,
      createdAt: T0,
      updatedAt: T0,
    });
    const updated = await store.alerts.updateChannel(
      ops.id,
      { ...webhookChannel('ops-pager', 'new-secret'), severities: ['critical'], enabled: false },
      T0 + 5,
    );
    expect(updated).toMatchObject({
      name: 'ops-pager',
      config: { secret: 'new-secret' },
      severities: ['critical'],
      enabled: false,
      createdAt: T0,
      updatedAt: T0 + 5,
    });
    expect(await store.alerts.listChannels()).toEqual([updated]);
    expect(await store.alerts.updateChannel(9_999, webhookChannel('x'), T0)).toBeUndefined();
    expect(await store.alerts.deleteChannel(ops.id)).toBe(true);
    expect(await store.alerts.deleteChannel(ops.id)).toBe(false);
    expect(await store.alerts.getChannel(ops.id)).toBeUndefined();
  });

  it('keeps a stored secret the update leaves out, unless the type changes', async () => {
    const store = await open();
    const ops = await store.alerts.createChannel(webhookChannel('ops'), T0);
    const kept = await store.alerts.updateChannel(ops.id, webhookChannel('ops', null), T0 + 1);
    expect(kept?.config).toEqual({ url: 'https://hooks.example.com/gpu', secret: 's3cret' });

    const mail = await store.alerts.createChannel(
      {
        name: 'mail',
        type: 'email',
        config: {
          host: 'smtp.example.com',
          port: 587,
          secure: false,
          username: 'u',
          password: 'pw',
          from: 'a@example.com',
          to: ['b@example.com'],
        },
        severities: ['critical'],
        enabled: true,
      },
      T0,
    );
    const retyped = await store.alerts.updateChannel(mail.id, webhookChannel('mail', null), T0 + 1);
    expect(retyped?.config).toEqual({ url: 'https://hooks.example.com/gpu' });
  });

  it('refuses a channel name in use', async () => {
    const store = await open();
    await store.alerts.createChannel(webhookChannel('ops'), T0);
    const other = await store.alerts.createChannel(webhookChannel('dev'), T0);
    await expect(store.alerts.createChannel(webhookChannel('ops'), T0)).rejects.toMatchObject({
      code: 'conflict',
      field: 'name',
    });
    await expect(store.alerts.updateChannel(other.id, webhookChannel('ops'), T0)).rejects.toBeInstanceOf(ConflictError);
    expect((await store.alerts.listChannels()).map((channel) => channel.name)).toEqual(['ops', 'dev']);
  });
});
