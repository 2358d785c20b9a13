import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import {
  alertQuery,
  materialise,
  newAlert,
  replay,
  ruleBody,
  storeOpener,
  T0,
  webhookChannel,
  withTwoGpus,
} from './contract-fixtures.js';
import { ENGINES } from './engines.js';

/** Rules (a default edited, one deleted, one added), a channel, alerts in each state and their deliveries. */
async function populateAlerting(store: Store): Promise<void> {
  await withTwoGpus(store);
  const [warning, critical] = await store.alerts.listRules();
  if (warning === undefined || critical === undefined) throw new Error('default rules expected');
  await store.alerts.updateRule(warning.id, { ...warning, threshold: 78, clearThreshold: 74 }, T0);
  await store.alerts.deleteRule(critical.id);
  await store.alerts.createRule(ruleBody({ name: 'Hot host', scope: { hostId: 'host-a' }, channels: [1] }), T0);
  const channel = await store.alerts.createChannel(webhookChannel('ops'), T0);
  const resolved = await store.alerts.openAlert(newAlert(), [{ channelId: channel.id }], T0);
  await store.alerts.resolveAlert(resolved.id, T0 + 1_000, [{ channelId: channel.id }], T0 + 1_000);
  const acked = await store.alerts.openAlert(newAlert({ startedAt: T0 + 2_000 }), [{ channelId: channel.id }], T0);
  await store.alerts.acknowledgeAlert(acked.id, 'ada', T0 + 3_000);
  const [claimed] = await store.alerts.claimDueDeliveries(T0, 1, 30_000);
  if (claimed !== undefined) await store.alerts.markFailed(claimed.id, 'HTTP 500', null);
}

async function alertingState(store: Store) {
  return {
    rules: await store.alerts.listRules(),
    channels: await store.alerts.listChannels(),
    alerts: await store.alerts.listAlerts(alertQuery()),
    deliveries: await store.alerts.listDeliveries({ limit: 100 }),
  };
}

const pairs = ENGINES.flatMap((from) => ENGINES.map((to) => ({ label: `${from.name} → ${to.name}`, from, to })));

describe.each(pairs)('backup $label: alerting', ({ from: fromEngine, to: toEngine }) => {
  const openSource = storeOpener(fromEngine);
  const openTarget = storeOpener(toEngine);

  it('restores rules, channels, alerts and deliveries in place of the shipped rules, and keeps numbering after them', async () => {
    const source = await openSource();
    await populateAlerting(source);
    const target = await openTarget();
    await target.restoreTables(replay(await materialise(source.dumpTables())), { replace: false });

    const restored = await alertingState(target);
    expect(restored).toEqual(await alertingState(source));
    expect(restored.rules.map((rule) => rule.name)).not.toContain('GPU temperature critical');

    const rule = await target.alerts.createRule(ruleBody({ name: 'Another' }), T0);
    expect(rule.id).toBeGreaterThan(Math.max(...restored.rules.map((r) => r.id)));
    const channel = await target.alerts.createChannel(webhookChannel('pager'), T0);
    const alert = await target.alerts.openAlert(newAlert(), [{ channelId: channel.id }], T0);
    expect(alert.id).toBeGreaterThan(Math.max(...restored.alerts.items.map((a) => a.id)));
  });
});

describe.each(ENGINES)('$name store: restoring alerting', (engine) => {
  const open = storeOpener(engine);

  it('keeps the shipped rules when the backup predates alert rules', async () => {
    const source = await open();
    await withTwoGpus(source);
    const dump = (await materialise(source.dumpTables())).filter(
      (table) => !['alert_rules', 'notification_channels', 'notification_outbox'].includes(table.table),
    );
    const target = await open();
    await target.restoreTables(replay(dump), { replace: true });
    expect(await target.alerts.listRules()).toHaveLength(8);
  });

  it('refuses a target whose rules were changed, unless told to replace', async () => {
    const source = await open();
    await populateAlerting(source);
    const dump = await materialise(source.dumpTables());
    const target = await open();
    await target.alerts.createRule(ruleBody({ name: 'Mine' }), T0);
    await expect(target.restoreTables(replay(dump), { replace: false })).rejects.toThrow(/alert_rules/);
    await target.restoreTables(replay(dump), { replace: true });
    expect(await alertingState(target)).toEqual(await alertingState(source));
  });
});
