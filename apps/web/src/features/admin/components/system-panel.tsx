import { useCan } from '../../../lib/auth/use-session';
import { useNow } from '../../../lib/use-now';
import { useDiagnostics } from '../api/get-diagnostics';
import { serverNow } from '../model/system-format';
import { AdminPanel } from './admin-panel';
import { SystemView } from './system-view';
import './storage.css';
import './system.css';

/** How this server is doing: health, versions, sources, storage, connections, the writer and recent errors. */
export function SystemPanel() {
  const isAllowed = useCan('diagnostics:read');
  const query = useDiagnostics(isAllowed);
  const now = useNow();
  if (!isAllowed) return null;
  return (
    <AdminPanel id="system" title="System" query={query}>
      {query.data ? (
        <SystemView diagnostics={query.data} now={serverNow(query.data.checkedAt, query.dataUpdatedAt, now)} />
      ) : null}
    </AdminPanel>
  );
}
