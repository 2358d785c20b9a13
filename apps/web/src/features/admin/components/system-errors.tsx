import type { RecentLogEntry } from '@gpu-sentinel/protocol';
import { Badge } from '../../../components/badge';
import { formatDateTime } from '../../../lib/format';

function ErrorEntry({ entry }: { entry: RecentLogEntry }) {
  return (
    <li className="system-errors__entry" data-testid="system-error-entry" data-level={entry.level}>
      <div className="system-errors__head">
        <Badge tone={entry.level === 'warn' ? 'warn' : 'danger'}>{entry.level}</Badge>
        <time className="system-errors__time" dateTime={new Date(entry.at).toISOString()}>
          {formatDateTime(entry.at, { withSeconds: true })}
        </time>
        {entry.requestId === null ? null : (
          <span className="system-errors__request">
            request <code className="storage-code">{entry.requestId}</code>
          </span>
        )}
      </div>
      <p className="system-errors__message">{entry.message}</p>
      {entry.error === null ? null : <code className="system-errors__detail">{entry.error}</code>}
    </li>
  );
}

/** The server's newest warnings and errors, newest first; older ones are in its log. */
export function SystemErrors({ entries }: { entries: readonly RecentLogEntry[] }) {
  return (
    <section className="storage-section" aria-labelledby="system-errors-title" data-testid="system-recent-errors">
      <h3 className="storage-section__title" id="system-errors-title">
        Recent warnings and errors <span className="panel__count">{entries.length}</span>
      </h3>
      {entries.length === 0 ? (
        <p className="panel-note" data-testid="system-errors-empty">
          No warnings or errors since the server started
        </p>
      ) : (
        <ol className="system-errors">
          {entries.map((entry, index) => (
            // Entries have no id; the list is replaced whole on each refresh, newest first.
            <ErrorEntry key={`${entry.at}-${index}`} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}
