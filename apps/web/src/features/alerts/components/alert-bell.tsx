import { Link } from '../../../components/link';
import { matchRoute, paths, usePathname } from '../../../lib/router';
import { useActiveAlertCount } from '../api/alerts-api';
import './alerts.css';

/** The header's way to the alerts, with how many are active. */
export function AlertBell() {
  const count = useActiveAlertCount() ?? 0;
  const route = matchRoute(usePathname()).name;
  const isCurrent = route === 'alerts' || route === 'alert';
  const label = count === 0 ? 'Alerts, none active' : `Alerts, ${count} active`;
  return (
    <Link
      href={paths.alerts()}
      className={count > 0 ? 'button header-link alert-bell alert-bell--active' : 'button header-link alert-bell'}
      data-testid="alerts-link"
      aria-label={label}
      title={label}
      aria-current={isCurrent ? 'page' : undefined}
    >
      <svg className="alert-bell__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
        <path d="M10 20a2 2 0 0 0 4 0" />
      </svg>
      <span className="alert-bell__text">Alerts</span>
      {count > 0 ? (
        <span className="alert-bell__count" data-testid="alerts-count">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
