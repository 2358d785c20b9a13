import type { AuditEvent } from '@gpu-sentinel/protocol';
import { formatDateTime } from '../../../lib/format';
import { useAudit } from '../api/get-audit';
import { AdminPanel } from './admin-panel';

const ALARMING = new Set<AuditEvent['type']>(['login.failed', 'login.locked_out', 'refresh.reuse_detected']);

function formatTime(ts: number): string {
  return `${formatDateTime(ts)}:${String(new Date(ts).getSeconds()).padStart(2, '0')}`;
}

/** Security events, newest first; older pages load on demand through the cursor. */
export function AuditPanel() {
  const query = useAudit();
  const events = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminPanel id="audit" title="Audit log" count={events.length} query={query}>
      <div className="table-scroll">
        <table className="table admin-table" data-testid="audit-table">
          <thead>
            <tr>
              <th className="col-time">Time</th>
              <th className="col-event">Event</th>
              <th>Actor</th>
              <th>Target</th>
              <th className="col-ip">IP</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr
                key={event.id}
                data-testid="audit-row"
                className={ALARMING.has(event.type) ? 'row--alarm' : undefined}
              >
                <td className="cell-date">{formatTime(event.ts)}</td>
                <td>
                  <code>{event.type}</code>
                </td>
                <td className="cell-name">{event.actor ?? '—'}</td>
                <td className="cell-name">{event.target ?? '—'}</td>
                <td className="cell-date">{event.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.isSuccess && events.length === 0 ? <p className="panel-note">No events yet.</p> : null}
      {query.hasNextPage ? (
        <button
          type="button"
          className="button admin-more"
          data-testid="audit-more"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Older events'}
        </button>
      ) : null}
    </AdminPanel>
  );
}
