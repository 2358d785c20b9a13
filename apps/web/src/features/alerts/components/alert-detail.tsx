import { Link } from '../../../components/link';
import { errorMessage } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { useAlert } from '../api/alerts-api';
import { METRIC_LABELS } from '../model/metric-labels';
import { AlertActions } from './alert-actions';
import { AlertValue } from './alert-item';
import { AlertTarget } from './alert-target';
import { SeverityBadge, StateBadge } from './severity-badge';
import './alerts.css';

/** `/alerts/:id`: one alert in full, where a toast or a notification links to. */
export function AlertDetail({ id }: { id: number }) {
  const query = useAlert(id);
  const alert = query.data;
  if (alert === undefined) {
    return query.isError ? (
      <div className="page-state page-state--error" role="alert">
        <p>
          Cannot load alert #{id}: {errorMessage(query.error)}
        </p>
        <Link href={paths.alerts()}>Go to the active alerts</Link>
      </div>
    ) : (
      <p className="page-state">Loading alert #{id}…</p>
    );
  }
  return (
    <div className="alerts">
      <p className="alerts-back">
        <Link href={paths.alerts()}>← Active alerts</Link>
      </p>
      <section className="panel alert-detail" aria-labelledby="alert-detail-title" data-testid="alert-detail">
        <h1 className="alert-detail__title" id="alert-detail-title">
          <SeverityBadge severity={alert.severity} /> {alert.ruleName} <StateBadge state={alert.state} />
        </h1>
        <p className="alert-detail__message">{alert.message}</p>
        <dl className="alert-facts">
          <dt>Where</dt>
          <dd>
            <AlertTarget uuid={alert.uuid} hostId={alert.hostId} />
          </dd>
          <dt>Metric</dt>
          <dd>
            {METRIC_LABELS[alert.metric].label} <code>{alert.metric}</code>
          </dd>
          <dt>Value</dt>
          <dd>
            <AlertValue alert={alert} />
          </dd>
          <dt>Started</dt>
          <dd>{formatDateTime(alert.startedAt)}</dd>
          <dt>Resolved</dt>
          <dd>{formatDateTime(alert.resolvedAt)}</dd>
          <dt>Acknowledged</dt>
          <dd data-testid="alert-detail-ack">
            {alert.acknowledgedAt === null
              ? '—'
              : `${formatDateTime(alert.acknowledgedAt)} by ${alert.acknowledgedBy ?? 'someone'}`}
          </dd>
          <dt>Silenced until</dt>
          <dd>{formatDateTime(alert.silencedUntil)}</dd>
        </dl>
        <AlertActions alert={alert} />
      </section>
    </div>
  );
}
