import { AlertmanagerConfig, type NotificationPayload } from '@gpu-sentinel/protocol';
import type { ChannelRecord } from '../store/alert-store.js';
import { parseChannelConfig, type SendContext } from './channel-config.js';
import { describeNotification, formatTime } from './format.js';
import { httpPost } from './http-post.js';

/**
 * How long Alertmanager holds a firing alert without hearing of it again. An alert with no `endsAt`
 * would end at Alertmanager's own `resolve_timeout` (5 min by default) while it still fires here;
 * instead every firing post says when it lapses, and the resend job (alertmanager-resend.ts) posts
 * each active alert again well within this (as Prometheus does), so it lapses only if this server stops.
 */
export const ALERTMANAGER_FIRING_TTL_MS = 5 * 60_000;

/**
 * One alert as Alertmanager's `POST /api/v2/alerts` takes it. The labels identify it (Alertmanager
 * merges posts with the same label set), so a resolve post with `endsAt` ends the same alert. The
 * channel's extra labels come last and may override ours.
 */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

export function alertmanagerAlert(
  payload: NotificationPayload,
  extraLabels: Record<string, string>,
  now: number,
): AlertmanagerAlert {
  const { alert } = payload;
  const text = describeNotification(payload);
  const labels = {
    alertname: alert.ruleName,
    severity: alert.severity,
    metric: alert.metric,
    gpu_sentinel_alert_id: String(alert.id),
    // Alertmanager drops empty label values; host-wide alerts have no uuid.
    ...(alert.hostId === null || alert.hostId === '' ? {} : { instance: alert.hostId }),
    ...(alert.uuid === null || alert.uuid === '' ? {} : { uuid: alert.uuid }),
  };
  return {
    labels: { ...labels, ...extraLabels },
    annotations: {
      summary: text.subject,
      description: [alert.message, ...text.details.map(([name, value]) => `${name}: ${value}`)].join('\n'),
    },
    startsAt: formatTime(alert.startedAt),
    endsAt: formatTime(payload.event === 'resolved' ? (alert.resolvedAt ?? now) : now + ALERTMANAGER_FIRING_TTL_MS),
    ...(payload.url === null ? {} : { generatorURL: payload.url }),
  };
}

export async function sendAlertmanager(channel: ChannelRecord, payload: NotificationPayload, context: SendContext) {
  const config = parseChannelConfig(channel, AlertmanagerConfig);
  const url = `${config.url.replace(/\/+$/, '')}/api/v2/alerts`;
  const body = JSON.stringify([alertmanagerAlert(payload, config.labels, context.now())]);
  await httpPost({ url, body, headers: { 'content-type': 'application/json' }, timeoutMs: context.timeoutMs });
}
