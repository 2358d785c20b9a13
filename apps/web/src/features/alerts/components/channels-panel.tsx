import type { Channel } from '@gpu-sentinel/protocol';
import { useState } from 'react';
import { Link } from '../../../components/link';
import { errorMessage } from '../../../lib/api-client';
import { useCan } from '../../../lib/auth/use-session';
import { paths } from '../../../lib/router';
import { useChannels } from '../api/channels-api';
import { ChannelForm } from './channel-form';
import { ChannelItem } from './channel-item';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; channel: Channel };

/** Where notifications go: email, webhooks, chat, Alertmanager. For admins only. */
export function ChannelsPanel() {
  const canWrite = useCan('channels:write');
  const query = useChannels(canWrite);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const close = () => setEditing({ kind: 'none' });
  if (!canWrite) {
    return (
      <div className="page-state" role="alert">
        <p>Notification channels are for admins.</p>
        <Link href={paths.alerts()}>Go to the active alerts</Link>
      </div>
    );
  }
  const channels = query.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="channels-title" data-testid="channels-panel">
      <h2 className="panel__title" id="channels-title">
        Channels
        <span className="panel__count">{channels.length}</span>
        {editing.kind === 'none' ? (
          <button
            type="button"
            className="button button--primary panel__action"
            data-testid="channel-new"
            onClick={() => setEditing({ kind: 'new' })}
          >
            New channel
          </button>
        ) : null}
      </h2>
      {editing.kind === 'new' ? <ChannelForm channel={null} onDone={close} /> : null}
      {query.isError ? (
        <p className="form-error" role="alert">
          Cannot load the channels: {errorMessage(query.error)}
        </p>
      ) : null}
      {query.isPending ? <p className="panel-note">Loading channels…</p> : null}
      {query.isSuccess && channels.length === 0 ? (
        <p className="alerts-empty">No channels yet: alerts show on the dashboard only.</p>
      ) : null}
      <ul className="channel-list" data-testid="channel-list">
        {channels.map((channel) =>
          editing.kind === 'edit' && editing.channel.id === channel.id ? (
            <li key={channel.id} className="rule-list__editing">
              <ChannelForm channel={channel} onDone={close} />
            </li>
          ) : (
            <ChannelItem key={channel.id} channel={channel} onEdit={() => setEditing({ kind: 'edit', channel })} />
          ),
        )}
      </ul>
    </section>
  );
}
