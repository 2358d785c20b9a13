import { useCan } from '../../../lib/auth/use-session';
import { useNow } from '../../../lib/use-now';
import { useStorage } from '../api/get-storage';
import { AdminPanel } from './admin-panel';
import { StorageView } from './storage-view';
import './storage.css';

/** The history database: its tiers, retention settings, last retention run and the sample writer. */
export function StoragePanel() {
  const isAllowed = useCan('storage:admin');
  const query = useStorage(isAllowed);
  const now = useNow();
  if (!isAllowed) return null;
  return (
    <AdminPanel id="storage" title="Storage" query={query}>
      {query.data ? <StorageView status={query.data} now={now} /> : null}
    </AdminPanel>
  );
}
