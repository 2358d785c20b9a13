import type { Channel } from '@gpu-sentinel/protocol';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { errorMessage } from '../../../lib/api-client';
import { formatDuration } from '../../../lib/format';
import { useDeleteChannel, useTestChannel } from '../api/channels-api';
import { CHANNEL_TYPE_LABELS } from '../model/channel-form';
import { DeliveryLog } from './delivery-log';
import { ConfirmDelete } from './confirm-delete';

function destination(channel: Channel): string {
  const { config } = channel;
  if (typeof config.url === 'string') return config.url;
  if (Array.isArray(config.to)) return config.to.filter((each) => typeof each === 'string').join(', ');
  return '';
}

function TestResult({ mutation }: { mutation: ReturnType<typeof useTestChannel> }) {
  if (mutation.isError) {
    return (
      <span className="test-result test-result--failed" role="alert" data-testid="channel-test-result">
        Test failed: {errorMessage(mutation.error)}
      </span>
    );
  }
  const result = mutation.data;
  if (result === undefined) return null;
  return result.ok ? (
    <span className="test-result test-result--ok" role="status" data-testid="channel-test-result">
      Test delivered in {formatDuration(result.durationMs)}
    </span>
  ) : (
    <span className="test-result test-result--failed" role="alert" data-testid="channel-test-result">
      Test failed: {result.error ?? 'unknown error'}
    </span>
  );
}

/** One channel: where it sends, which severities, a test send, its delivery log; edit and delete. */
export function ChannelItem({ channel, onEdit }: { channel: Channel; onEdit: () => void }) {
  const test = useTestChannel();
  const remove = useDeleteChannel();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isLogOpen, setIsLogOpen] = useState(false);
  const logId = `deliveries-${channel.id}`;
  return (
    <li className="channel-item" data-testid="channel-item" data-channel={channel.name}>
      <div className="channel-item__row">
        <div className="channel-item__main">
          <div className="rule-item__head">
            <strong>{channel.name}</strong>
            <Badge tone="info">{CHANNEL_TYPE_LABELS[channel.type]}</Badge>
            {channel.enabled ? null : <Badge>off</Badge>}
            {channel.severities.map((severity) => (
              <span key={severity} className="chip">
                {severity}
              </span>
            ))}
          </div>
          <p className="channel-item__dest cell-note">{destination(channel)}</p>
        </div>
        <div className="rule-item__actions">
          <button
            type="button"
            className="button"
            data-testid="channel-test"
            aria-label={`Send a test to ${channel.name}`}
            disabled={test.isPending}
            onClick={() => test.mutate(channel.id)}
          >
            {test.isPending ? 'Sending…' : 'Send test'}
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={isLogOpen}
            aria-controls={logId}
            data-testid="channel-log-toggle"
            onClick={() => setIsLogOpen((open) => !open)}
          >
            Deliveries
          </button>
          <button type="button" className="button" aria-label={`Edit channel ${channel.name}`} onClick={onEdit}>
            Edit
          </button>
          {isConfirming ? (
            <ConfirmDelete
              what={`channel ${channel.name}`}
              isPending={remove.isPending}
              onConfirm={() => remove.mutate(channel.id)}
              onCancel={() => setIsConfirming(false)}
            />
          ) : (
            <button
              type="button"
              className="button"
              aria-label={`Delete channel ${channel.name}`}
              onClick={() => setIsConfirming(true)}
            >
              Delete
            </button>
          )}
        </div>
      </div>
      <TestResult mutation={test} />
      {remove.isError ? (
        <p className="form-error cell-error" role="alert">
          {errorMessage(remove.error)}
        </p>
      ) : null}
      {isLogOpen ? <DeliveryLog id={logId} channelId={channel.id} /> : null}
    </li>
  );
}
