import { Link } from '../../../components/link';
import { useCan } from '../../../lib/auth/use-session';
import { paths, type AdminSection } from '../../../lib/router';
import { ApiKeysPanel } from './api-keys-panel';
import { AuditPanel } from './audit-panel';
import { StoragePanel } from './storage-panel';
import { SystemPanel } from './system-panel';
import { UsersPanel } from './users-panel';
import './admin.css';

const SECTIONS: readonly { section: AdminSection; label: string }[] = [
  { section: 'users', label: 'Users' },
  { section: 'apikeys', label: 'API keys' },
  { section: 'audit', label: 'Audit log' },
  { section: 'storage', label: 'Storage' },
  { section: 'system', label: 'System' },
];

/** Users, API keys, the audit log, storage and the server's state: for admins only (the server refuses others). */
export function AdminPage({ section }: { section: AdminSection }) {
  const isAdmin = useCan('users:admin');
  const canStorage = useCan('storage:admin');
  const canDiagnostics = useCan('diagnostics:read');
  const isShown = (each: AdminSection) => (each !== 'storage' || canStorage) && (each !== 'system' || canDiagnostics);
  if (!isAdmin) {
    return (
      <div className="page-state" role="alert">
        <p>This page is for admins.</p>
        <Link href={paths.overview}>Go to the overview</Link>
      </div>
    );
  }
  return (
    <div className="admin">
      <nav className="admin-tabs" aria-label="Administration">
        {SECTIONS.filter(({ section: each }) => isShown(each)).map(({ section: each, label }) => (
          <Link
            key={each}
            href={paths.admin(each)}
            className={each === section ? 'admin-tabs__tab admin-tabs__tab--current' : 'admin-tabs__tab'}
            aria-current={each === section ? 'page' : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
      {section === 'users' ? <UsersPanel /> : null}
      {section === 'apikeys' ? <ApiKeysPanel /> : null}
      {section === 'audit' ? <AuditPanel /> : null}
      {section === 'storage' ? <StoragePanel /> : null}
      {section === 'system' ? <SystemPanel /> : null}
    </div>
  );
}
