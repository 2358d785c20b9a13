import { Link } from '../../../components/link';
import { useCan } from '../../../lib/auth/use-session';
import { paths, type AlertsSection } from '../../../lib/router';
import { ActiveAlertsPanel } from './active-alerts-panel';
import { AlertHistory } from './alert-history';
import { ChannelsPanel } from './channels-panel';
import { RulesPanel } from './rules-panel';
import './alerts.css';
import './alert-history.css';
import './alert-config.css';

const SECTIONS: readonly { section: AlertsSection; label: string }[] = [
  { section: 'active', label: 'Active' },
  { section: 'history', label: 'History' },
  { section: 'rules', label: 'Rules' },
  { section: 'channels', label: 'Channels' },
];

/** `/alerts`: what is firing now, what fired before, the rules that decide it, where notifications go. */
export function AlertsPage({ section }: { section: AlertsSection }) {
  const canChannels = useCan('channels:write');
  return (
    <div className="alerts">
      <h1 className="visually-hidden">Alerts</h1>
      <nav className="admin-tabs" aria-label="Alerts">
        {SECTIONS.filter(({ section: each }) => each !== 'channels' || canChannels).map(({ section: each, label }) => (
          <Link
            key={each}
            href={paths.alerts(each)}
            className={each === section ? 'admin-tabs__tab admin-tabs__tab--current' : 'admin-tabs__tab'}
            aria-current={each === section ? 'page' : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
      {section === 'active' ? <ActiveAlertsPanel /> : null}
      {section === 'history' ? <AlertHistory /> : null}
      {section === 'rules' ? <RulesPanel /> : null}
      {section === 'channels' ? <ChannelsPanel /> : null}
    </div>
  );
}
