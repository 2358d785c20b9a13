import { ManualClock } from '@gpu-sentinel/core';
import { ChannelBody, RuleBody, type Alert } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTMANAGER_FIRING_TTL_MS } from '../src/notify/alertmanager-channel.js';
import { createNotifier } from '../src/notify/create-notifier.js';
import { AlertmanagerResend } from '../src/services/alerts/alertmanager-resend.js';
import type { IntervalTimer } from '../src/services/sample-writer.js';
import { createSqliteStore, type Store } from '../src/store/index.js';
import { gpuInfo } from '../src/store/test-fixtures.js';
import { startAlertmanager, type AlertmanagerProcess } from './support/receivers/alertmanager.js';

interface GettableAlert {
  labels: Record<string, string>;
  endsAt: string;
  status: { state: string };
}

/** What Alertmanager holds now (its API leaves out alerts whose endsAt has passed). */
async function alertsIn(alertmanager: AlertmanagerProcess): Promise<Map<string, GettableAlert>> {
  const response = await fetch(`${alertmanager.url}/api/v2/alerts`);
  expect(response.status).toBe(200);
  const alerts = (await response.json()) as GettableAlert[];
  return new Map(alerts.map((alert) => [alert.labels.gpu_sentinel_alert_id ?? '', alert]));
}

const noTimer: IntervalTimer = { every: () => () => undefined };
const quiet = { info: () => undefined, warn: () => undefined };

/** Lapses this soon after its first post: as if that post was made just under the TTL ago. */
const LAPSES_IN_MS = 2_000;

describe('Alertmanager resend (real Alertmanager)', () => {
  let alertmanager: AlertmanagerProcess;
  let store: Store;
  beforeAll(async () => {
    alertmanager = await startAlertmanager();
    store = createSqliteStore({ filename: ':memory:' });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await alertmanager.stop();
  });

  async function open(uuid: string): Promise<Alert> {
    await store.upsertInventory([gpuInfo({ uuid })]);
    const rule = await store.alerts.createRule(
      RuleBody.parse({
        name: `hot ${uuid}`,
        metric: 'temperatureC',
        op: '>',
        threshold: 85,
        forSeconds: 0,
        severity: 'critical',
      }),
      Date.now(),
    );
    return store.alerts.openAlert(
      {
        ruleId: rule.id,
        ruleName: rule.name,
        hostId: 'host-a',
        uuid,
        severity: 'critical',
        metric: 'temperatureC',
        op: '>',
        value: 90,
        threshold: 85,
        message: `${uuid} is hot`,
        startedAt: Date.now() - 10 * 60_000,
      },
      [],
      Date.now(),
    );
  }

  it('keeps a firing alert active there past its first post’s endsAt; one not resent lapses', async () => {
    const channel = await store.alerts.createChannel(
      ChannelBody.parse({ name: 'alertmanager', type: 'alertmanager', config: { url: alertmanager.url } }),
      Date.now(),
    );
    const kept = await open('GPU-kept');
    const silenced = await open('GPU-silenced');
    await store.alerts.silenceAlert(silenced.id, Date.now() + 3_600_000);

    // Both were first posted (firing) just under the TTL ago: both lapse in about two seconds.
    const clock = new ManualClock(Date.now() - ALERTMANAGER_FIRING_TTL_MS + LAPSES_IN_MS);
    const notifier = createNotifier({ timeoutMs: 3_000, now: () => clock.now() });
    for (const alert of [kept, silenced]) {
      await notifier.send(channel, {
        idempotencyKey: `first-${String(alert.id)}`,
        event: 'firing',
        alert,
        url: null,
        sentBy: 'gpu-sentinel',
      });
    }
    const before = await alertsIn(alertmanager);
    const firstEndsAt = Date.parse(before.get(String(kept.id))?.endsAt ?? '');
    expect(firstEndsAt).toBeLessThan(Date.now() + LAPSES_IN_MS + 1_000);
    expect(before.get(String(silenced.id))?.status.state).toBe('active');

    clock.set(Date.now());
    const resend = new AlertmanagerResend({
      store: store.alerts,
      notifier,
      clock,
      timer: noTimer,
      log: quiet,
      publicUrl: null,
    });
    await resend.run();
    await resend.close();

    const after = await alertsIn(alertmanager);
    const resentEndsAt = Date.parse(after.get(String(kept.id))?.endsAt ?? '');
    expect(resentEndsAt).toBe(clock.now() + ALERTMANAGER_FIRING_TTL_MS);
    expect(resentEndsAt - firstEndsAt).toBeGreaterThan(ALERTMANAGER_FIRING_TTL_MS - LAPSES_IN_MS - 1_000);

    // Past the first post's endsAt: the silenced alert (not resent) has lapsed, the resent one is still active.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstEndsAt - Date.now()) + 500));
    const later = await alertsIn(alertmanager);
    expect(later.has(String(silenced.id))).toBe(false);
    expect(later.get(String(kept.id))?.status.state).toBe('active');
    expect(Date.parse(later.get(String(kept.id))?.endsAt ?? '')).toBe(resentEndsAt);
  });
});
