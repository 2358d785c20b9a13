import { Link } from '../components/link';
import { ThemeToggle } from '../components/theme-toggle';
import { AlertBell } from '../features/alerts/components/alert-bell';
import { UserMenu } from '../features/auth/components/user-menu';
import { ConnectionStatus } from '../features/connection/components/connection-status';
import { IntervalSelect } from '../features/system-controls/components/interval-select';
import { RecordingToggle } from '../features/system-controls/components/recording-toggle';
import { SourceBadge } from '../features/system-controls/components/source-badge';
import { useCan } from '../lib/auth/use-session';
import { matchRoute, paths, usePathname } from '../lib/router';

export function Header() {
  // Hidden from roles that cannot use them; the server refuses them anyway.
  const canChangeSystem = useCan('system:write');
  const canAdminister = useCan('users:admin');
  const routeName = matchRoute(usePathname()).name;
  const isHistory = routeName === 'history';
  const isFleet = routeName === 'fleet' || routeName === 'fleet-host';
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link href={paths.overview} className="brand" aria-label="GPU Sentinel, overview">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect x="5" y="8" width="22" height="16" rx="3" />
            <path d="M9 19l4-5 3 3 4-6 3 4" />
          </svg>
          <span className="brand__name">GPU Sentinel</span>
        </Link>
        <div className="app-header__status">
          <ConnectionStatus />
          <SourceBadge />
        </div>
        <div className="app-header__controls">
          {canChangeSystem ? <IntervalSelect /> : null}
          {canChangeSystem ? <RecordingToggle /> : null}
          <AlertBell />
          <Link
            href={paths.fleet}
            className="button header-link"
            data-testid="fleet-link"
            aria-current={isFleet ? 'page' : undefined}
          >
            Fleet
          </Link>
          <Link
            href={paths.history}
            className="button header-link"
            data-testid="history-link"
            aria-current={isHistory ? 'page' : undefined}
          >
            History
          </Link>
          {canAdminister ? (
            <Link href={paths.admin('users')} className="button header-link" data-testid="admin-link">
              Admin
            </Link>
          ) : null}
          <div className="app-header__session">
            <ThemeToggle />
            <UserMenu />
          </div>
        </div>
      </div>
    </header>
  );
}
