import type { Clock } from '@gpu-sentinel/core';
import type { Channel, ChannelBody } from '@gpu-sentinel/protocol';
import { ConflictError } from '../../errors/app-error.js';
import type { AlertStore, ChannelRecord } from '../../store/alert-store.js';
import type { AuditContext } from '../auth/identity-deps.js';
import type { AlertAudit, ChangeAction } from './alert-audit.js';
import { toChannelView } from './channel-view.js';
import { requireChannel } from './get-channel.js';

export interface ChannelWriteDeps {
  alertStore: Pick<AlertStore, 'createChannel' | 'updateChannel' | 'deleteChannel' | 'getChannel' | 'listRules'>;
  audit: AlertAudit;
  clock: Clock;
}

/** A new channel. A taken name is a 409 (from the store). */
export async function createChannel(
  deps: ChannelWriteDeps,
  body: ChannelBody,
  context: AuditContext,
): Promise<Channel> {
  const channel = await deps.alertStore.createChannel(body, deps.clock.now());
  await channelChanged(deps, 'created', channel, context);
  return toChannelView(channel);
}

/** Replace a channel; a secret the body leaves out keeps its stored value (the store merges it). */
export async function updateChannel(
  deps: ChannelWriteDeps,
  id: number,
  body: ChannelBody,
  context: AuditContext,
): Promise<Channel> {
  const channel = requireChannel(await deps.alertStore.updateChannel(id, body, deps.clock.now()), id);
  await channelChanged(deps, 'updated', channel, context);
  return toChannelView(channel);
}

/**
 * Delete a channel; deliveries already queued to it are given up by the worker. A channel a rule
 * names is refused (409): the rule would silently notify no one, and could not be saved again as it is.
 */
export async function deleteChannel(deps: ChannelWriteDeps, id: number, context: AuditContext): Promise<void> {
  const channel = requireChannel(await deps.alertStore.getChannel(id), id);
  const users = (await deps.alertStore.listRules()).filter((rule) => rule.channels.includes(id));
  if (users.length > 0) {
    const names = users.map((rule) => `"${rule.name}"`).join(', ');
    throw new ConflictError(
      `id: channel "${channel.name}" is used by the rules ${names}; take it out of them first`,
      'id',
    );
  }
  if (!(await deps.alertStore.deleteChannel(id))) requireChannel(undefined, id);
  await channelChanged(deps, 'deleted', channel, context);
}

/** The audit names the channel and its type, never its config: that holds receiver URLs and secrets. */
function channelChanged(
  deps: ChannelWriteDeps,
  action: ChangeAction,
  channel: ChannelRecord,
  context: AuditContext,
): Promise<unknown> {
  return deps.audit.recordAudit({
    type: 'channel.changed',
    context,
    target: channel.name,
    details: { action, id: channel.id, type: channel.type, enabled: channel.enabled, severities: channel.severities },
  });
}
