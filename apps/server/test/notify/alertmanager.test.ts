import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTMANAGER_FIRING_TTL_MS } from '../../src/notify/alertmanager-channel.js';
import { createNotifier } from '../../src/notify/create-notifier.js';
import { startAlertmanager, type AlertmanagerProcess } from '../support/receivers/alertmanager.js';
import { channel, payload, resolvedPayload } from './fixtures.js';

interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
  status: { state: string };
}

async function activeAlerts(alertmanager: AlertmanagerProcess): Promise<GettableAlert[]> {
  const response = await fetch(`${alertmanager.url}/api/v2/alerts`);
  expect(response.status).toBe(200);
  return (await response.json()) as GettableAlert[];
}

describe('the Alertmanager test helper', () => {
  it('fails, naming the package to install, when the binary is missing', async () => {
    await expect(startAlertmanager('/nonexistent/prometheus-alertmanager')).rejects.toThrow(
      'apt-get install prometheus-alertmanager',
    );
  });
});

describe('alertmanager channel (real Alertmanager)', () => {
  let alertmanager: AlertmanagerProcess;
  beforeAll(async () => {
    alertmanager = await startAlertmanager();
  });
  afterAll(async () => {
    await alertmanager.stop();
  });

  it('posts a firing alert Alertmanager keeps with its labels until the TTL, then ends it on resolve', async () => {
    const sentAt = Date.now();
    const notifier = createNotifier({ timeoutMs: 3_000, now: () => sentAt });
    const am = channel('alertmanager', { url: `${alertmanager.url}/`, labels: { team: 'ml-infra' } });
    const firing = payload({ alert: { ...payload().alert, startedAt: Date.now() - 60_000 } });
    await notifier.send(am, firing);

    const [stored, ...others] = await activeAlerts(alertmanager);
    expect(others).toHaveLength(0);
    expect(stored?.labels).toEqual({
      alertname: 'GPU temperature critical',
      severity: 'critical',
      metric: 'temperatureC',
      gpu_sentinel_alert_id: '42',
      instance: 'host-a',
      uuid: 'GPU-1111-2222',
      team: 'ml-infra',
    });
    expect(stored?.annotations.summary).toBe(
      '[CRITICAL] GPU temperature critical — GPU-1111-2222 on host-a: temperatureC 86 °C ≥ 85 °C',
    );
    expect(stored?.generatorURL).toBe('https://sentinel.example/alerts/42');
    expect(Date.parse(stored?.startsAt ?? '')).toBe(firing.alert.startedAt);
    // Not Alertmanager's resolve_timeout: the firing post says how long it holds (the resend job renews it).
    expect(Date.parse(stored?.endsAt ?? '')).toBe(sentAt + ALERTMANAGER_FIRING_TTL_MS);
    expect(stored?.status.state).toBe('active');

    const resolved = resolvedPayload(Date.now() - 1_000);
    await notifier.send(am, { ...resolved, alert: { ...resolved.alert, startedAt: firing.alert.startedAt } });
    expect(await activeAlerts(alertmanager)).toEqual([]);
  });

  it('reports a wrong base URL as a permanent failure', async () => {
    const notifier = createNotifier({ timeoutMs: 3_000 });
    const wrong = channel('alertmanager', { url: `${alertmanager.url}/not-alertmanager` });
    await expect(notifier.send(wrong, payload())).rejects.toMatchObject({ isPermanent: true });
  });
});
