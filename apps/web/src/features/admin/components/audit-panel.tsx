import type { AuditEvent } from '@gpu-sentinel/protocol';
import { errorMessage } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useAudit } from '../api/get-audit';

const ALARMING = new Set<AuditEvent['type']>(['login.failed', 'login.locked_out', 'refresh.reuse_detected']);

function formatTime(ts: number): string {
  return `${formatDateTime(ts)}:${String(new Date(ts).getSeconds()).padStart(2, '0')}`;
}

/** Security events, newest first; older pages load on demand through the cursor. */
export function AuditPanel() {
  const query = useAudit();
  const events = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 className="panel__title" id="audit-title">
        Audit log <span className="panel__count">{events.length}</span>
      </h2>
      {query.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(query.error)}
        </p>
      ) : null}
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
      {query.isPending ? <p className="panel-note">Loading…</p> : null}
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
    </section>
  );
}
