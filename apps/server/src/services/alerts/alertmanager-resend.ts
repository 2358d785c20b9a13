import type { Clock } from '@gpu-sentinel/core';
import type { Alert, AlertRule, NotificationPayload } from '@gpu-sentinel/protocol';
import { DeliveryError, type Notifier } from '../../notify/notifier.js';
import type { AlertStore, ChannelRecord } from '../../store/alert-store.js';
import type { IntervalTimer } from '../sample-writer.js';
import { notifyTargets } from './notify-targets.js';

/** Well under ALERTMANAGER_FIRING_TTL_MS (5 min), so a missed run or two never lets an alert lapse. */
export const RESEND_INTERVAL_MS = 60_000;

export interface ResendLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface AlertmanagerResendOptions {
  store: Pick<AlertStore, 'listActiveAlerts' | 'listChannels' | 'listRules' | 'getAlert'>;
  notifier: Notifier;
  clock: Clock;
  timer: IntervalTimer;
  log: ResendLog;
  /** The dashboard's public address, for the alerts' links; null: none. */
  publicUrl: string | null;
  intervalMs?: number;
}

/**
 * Keeps active alerts active in Alertmanager: each firing post there says when it lapses
 * (ALERTMANAGER_FIRING_TTL_MS), so every `intervalMs` this posts each active alert (firing or
 * acknowledged, not silenced) again to the Alertmanager channels its rule routes to, as the engine's
 * notifications would (notifyTargets). Sent directly, not through the outbox: it is a state refresh
 * that Alertmanager merges by labels, not a notification, and the next run makes up for a failed one.
 * One request per alert (the Notifier sends one payload at a time); a run never overlaps the previous one.
 */
export class AlertmanagerResend {
  private running: Promise<void> | null = null;
  private stopTimer: (() => void) | null = null;
  private isClosed = false;
  /** Channels whose last run failed: warned once per streak of failures. */
  private readonly failing = new Set<number>();

  constructor(private readonly options: AlertmanagerResendOptions) {}

  /** A first run now (after a restart the alerts may have lapsed), then one every interval. */
  start(): void {
    if (this.isClosed || this.stopTimer !== null) return;
    void this.run();
    this.stopTimer = this.options.timer.every(this.options.intervalMs ?? RESEND_INTERVAL_MS, () => {
      void this.run();
    });
  }

  /** One run now; while one is in progress, that one (a tick during a run is skipped). Never rejects. */
  run(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    this.running ??= this.resendAll()
      .catch((error: unknown) => {
        this.options.log.warn({ err: error }, 'refreshing alerts in Alertmanager failed; retrying at the next run');
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Stop the timer and wait for a run in progress. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.stopTimer?.();
    this.stopTimer = null;
    await this.running;
  }

  private async resendAll(): Promise<void> {
    const { store, clock } = this.options;
    const channels = (await store.listChannels()).filter((channel) => channel.type === 'alertmanager');
    if (channels.length === 0) return;
    const [alerts, rules] = await Promise.all([store.listActiveAlerts(), store.listRules()]);
    const now = clock.now();
    const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
    const perChannel = new Map<number, Alert[]>(channels.map((channel) => [channel.id, []]));
    for (const alert of alerts) {
      if (alert.silencedUntil !== null && alert.silencedUntil > now) continue;
      const rule: AlertRule | undefined = alert.ruleId === null ? undefined : rulesById.get(alert.ruleId);
      if (rule === undefined) continue; // its rule was deleted: the engine resolves it
      for (const { channelId } of notifyTargets(rule, alert.severity, channels)) perChannel.get(channelId)?.push(alert);
    }
    await Promise.all(channels.map((channel) => this.resendTo(channel, perChannel.get(channel.id) ?? [])));
  }

  /** The channel's alerts one after another; a receiver that cannot be reached gets the rest at the next run. */
  private async resendTo(channel: ChannelRecord, alerts: readonly Alert[]): Promise<void> {
    let failure: string | null = null;
    for (const alert of alerts) {
      if (this.isClosed) return;
      try {
        await this.refresh(channel, alert);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        if (!(error instanceof DeliveryError && error.isPermanent)) break;
      }
    }
    if (alerts.length === 0) return;
    const context = { channelId: channel.id, channel: channel.name };
    if (failure === null) {
      if (this.failing.delete(channel.id)) this.options.log.info(context, 'Alertmanager takes the alert refresh again');
      return;
    }
    if (this.failing.has(channel.id)) return;
    this.failing.add(channel.id);
    this.options.log.warn(
      { ...context, error: failure },
      'refreshing alerts in Alertmanager failed; they lapse there if this goes on (retrying every run, warned once)',
    );
  }

  /**
   * Posts the alert as firing. If it resolved meanwhile, the outbox's resolve post may have reached
   * Alertmanager first and this one would revive it there for a whole TTL: the resolve goes again after it.
   */
  private async refresh(channel: ChannelRecord, alert: Alert): Promise<void> {
    const { notifier, store } = this.options;
    await notifier.send(channel, this.payload(alert, channel, 'repeat'));
    const latest = await store.getAlert(alert.id);
    if (latest?.state === 'resolved') await notifier.send(channel, this.payload(latest, channel, 'resolved'));
  }

  private payload(alert: Alert, channel: ChannelRecord, event: 'repeat' | 'resolved'): NotificationPayload {
    const { publicUrl } = this.options;
    return {
      idempotencyKey: `am-resend-${String(alert.id)}-${String(channel.id)}${event === 'resolved' ? '-resolved' : ''}`,
      event,
      alert,
      url: publicUrl === null ? null : `${publicUrl.replace(/\/+$/, '')}/alerts/${String(alert.id)}`,
      sentBy: 'gpu-sentinel',
    };
  }
}
