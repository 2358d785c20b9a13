import type { AlertRule, Severity } from '@gpu-sentinel/protocol';
import type { ChannelRecord, NotifyTarget } from '../../store/alert-store.js';

/**
 * The channels an alert of this rule goes to: the rule's own list, or every channel when the list
 * is empty; either way only enabled channels that take the alert's severity.
 */
export function notifyTargets(
  rule: Pick<AlertRule, 'channels'>,
  severity: Severity,
  channels: readonly ChannelRecord[],
): NotifyTarget[] {
  const chosen = rule.channels.length === 0 ? null : new Set(rule.channels);
  return channels
    .filter((channel) => channel.enabled && channel.severities.includes(severity))
    .filter((channel) => chosen === null || chosen.has(channel.id))
    .map((channel) => ({ channelId: channel.id }));
}
