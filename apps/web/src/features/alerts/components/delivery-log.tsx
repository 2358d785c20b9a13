import type { Delivery, DeliveryStatus } from '@gpu-sentinel/protocol';
import { Badge, type BadgeTone } from '../../../components/badge';
import { Link } from '../../../components/link';
import { errorMessage } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { useDeliveries, useRetryDelivery } from '../api/channels-api';

const STATUS_TONES: Record<DeliveryStatus, BadgeTone> = { pending: 'warn', delivered: 'ok', dead: 'danger' };

function DeliveryRow({ delivery, channelId }: { delivery: Delivery; channelId: number }) {
  const retry = useRetryDelivery(channelId);
  return (
    <tr data-testid="delivery-row" data-status={delivery.status}>
      <td>
        <Badge tone={STATUS_TONES[delivery.status]} testId="delivery-status">
          {delivery.status}
        </Badge>
      </td>
      <td>
        {delivery.event}{' '}
        <Link href={paths.alert(delivery.alertId)} className="cell-note">
          alert #{delivery.alertId}
        </Link>
      </td>
      <td className="num">{delivery.attempts}</td>
      <td className="cell-date">{formatDateTime(delivery.deliveredAt ?? delivery.createdAt)}</td>
      <td className="delivery-error">
        {delivery.lastError ?? '—'}
        {retry.isError ? <span className="field-error"> {errorMessage(retry.error)}</span> : null}
      </td>
      <td className="cell-actions">
        {delivery.status === 'dead' ? (
          <button
            type="button"
            className="button"
            data-testid="delivery-retry"
            aria-label={`Retry delivery ${delivery.id}`}
            disabled={retry.isPending}
            onClick={() => retry.mutate(delivery.id)}
          >
            Retry
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** A channel's notifications, newest first: delivered, still being tried, or given up (retry those). */
export function DeliveryLog({ id, channelId }: { id: string; channelId: number }) {
  const query = useDeliveries(channelId);
  const deliveries = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="delivery-log" id={id} data-testid="delivery-log">
      {query.isError ? (
        <p className="form-error" role="alert">
          Cannot load the deliveries: {errorMessage(query.error)}
        </p>
      ) : null}
      {query.isPending ? <p className="panel-note">Loading deliveries…</p> : null}
      {query.isSuccess && deliveries.length === 0 ? (
        <p className="panel-note">Nothing sent yet (tests are sent directly and not logged here).</p>
      ) : null}
      {deliveries.length > 0 ? (
        <div className="table-scroll">
          <table className="table admin-table delivery-table">
            <caption className="visually-hidden">Deliveries</caption>
            <thead>
              <tr>
                <th>Status</th>
                <th>Event</th>
                <th className="num">Attempts</th>
                <th>When</th>
                <th>Last error</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} channelId={channelId} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {query.hasNextPage ? (
        <button
          type="button"
          className="button admin-more"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Older deliveries'}
        </button>
      ) : null}
    </div>
  );
}
