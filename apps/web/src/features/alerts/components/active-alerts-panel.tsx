import { useMemo } from 'react';
import { Link } from '../../../components/link';
import { errorMessage } from '../../../lib/api-client';
import { paths } from '../../../lib/router';
import { useActiveAlerts } from '../api/alerts-api';
import { sortActiveAlerts } from '../model/alert-order';
import { AlertItem } from './alert-item';

/** Firing and acknowledged alerts, live: unacknowledged first, then by severity, then newest. */
export function ActiveAlertsPanel() {
  const query = useActiveAlerts();
  const alerts = useMemo(() => sortActiveAlerts(query.data?.items ?? []), [query.data]);
  const unacknowledged = alerts.filter((alert) => alert.state === 'firing').length;
  return (
    <section className="panel" aria-labelledby="active-alerts-title" data-testid="active-alerts">
      <h2 className="panel__title" id="active-alerts-title">
        Active alerts
        <span className="panel__count" data-testid="active-alerts-count">
          {query.data?.total ?? 0}
        </span>
        {unacknowledged > 0 ? <span className="cell-note">{unacknowledged} not acknowledged</span> : null}
      </h2>
      {query.isError ? (
        <p className="form-error" role="alert">
          Cannot load the alerts: {errorMessage(query.error)}
        </p>
      ) : null}
      {query.isPending ? <p className="panel-note">Loading alerts…</p> : null}
      {query.isSuccess && alerts.length === 0 ? (
        <p className="alerts-empty" data-testid="alerts-empty">
          All clear: no alert is firing. <Link href={paths.alerts('history')}>See past alerts</Link>
        </p>
      ) : null}
      <ul className="alert-list" aria-live="polite">
        {alerts.map((alert) => (
          <AlertItem key={alert.id} alert={alert} />
        ))}
      </ul>
    </section>
  );
}
