import { useMemo } from 'react';
import { Link } from '../../../components/link';
import { paths } from '../../../lib/router';
import { useActiveAlerts } from '../api/alerts-api';
import { sortActiveAlerts } from '../model/alert-order';
import { AlertItem } from './alert-item';

const SHOWN = 3;

/** Above the GPU cards, only while something is active: the most pressing alerts and a way to all of them. */
export function AlertsOverviewStrip() {
  const query = useActiveAlerts();
  const alerts = useMemo(() => sortActiveAlerts(query.data?.items ?? []), [query.data]);
  if (alerts.length === 0) return null;
  const firing = alerts.filter((alert) => alert.state === 'firing').length;
  return (
    <section className="panel alerts-strip" aria-labelledby="alerts-strip-title" data-testid="alerts-strip">
      <h2 className="panel__title" id="alerts-strip-title">
        Active alerts
        <span className="panel__count">{alerts.length}</span>
        {firing > 0 ? <span className="cell-note">{firing} not acknowledged</span> : null}
        <Link href={paths.alerts()} className="alerts-strip__all">
          View all alerts
        </Link>
      </h2>
      <ul className="alert-list alert-list--compact">
        {alerts.slice(0, SHOWN).map((alert) => (
          <AlertItem key={alert.id} alert={alert} isCompact />
        ))}
      </ul>
      {alerts.length > SHOWN ? <p className="panel-note">and {alerts.length - SHOWN} more</p> : null}
    </section>
  );
}
