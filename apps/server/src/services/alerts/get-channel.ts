import type { Channel, ChannelList } from '@gpu-sentinel/protocol';
import { NotFoundError } from '../../errors/app-error.js';
import type { AlertStore, ChannelRecord } from '../../store/alert-store.js';
import { toChannelView } from './channel-view.js';

/** Every channel, secrets removed. */
export async function listChannels(deps: { alertStore: Pick<AlertStore, 'listChannels'> }): Promise<ChannelList> {
  return { items: (await deps.alertStore.listChannels()).map(toChannelView) };
}

/** One channel by id, secrets removed; a 404 naming the id when there is none. */
export async function getChannel(deps: { alertStore: Pick<AlertStore, 'getChannel'> }, id: number): Promise<Channel> {
  return toChannelView(requireChannel(await deps.alertStore.getChannel(id), id));
}

export function requireChannel(channel: ChannelRecord | undefined, id: number): ChannelRecord {
  if (channel === undefined) throw new NotFoundError(`id: no channel with id ${id}`, 'id');
  return channel;
}
