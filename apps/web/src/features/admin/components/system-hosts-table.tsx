import type { SourceDiagnostics } from '@gpu-sentinel/protocol';
import { Badge } from '../../../components/badge';
import { formatCount } from '../model/storage-format';
import { formatAgo } from '../../../lib/format';
import { SOURCE_STATUS_TONES } from '../model/system-format';

function HostRow({ host, now }: { host: SourceDiagnostics; now: number }) {
  const { source } = host;
  return (
    <tr data-testid="system-host-row">
      <td className="cell-name">{host.hostname}</td>
      <td>
        <Badge tone={host.status === 'online' ? 'ok' : 'danger'}>{host.status}</Badge>
      </td>
      <td className="num">{host.gpuCount}</td>
      {source === null ? (
        <td colSpan={4} className="cell-note">
          not reported since this server started
        </td>
      ) : (
        <>
          <td>
            <code className="storage-code">{source.kind}</code>
          </td>
          <td>
            <Badge tone={SOURCE_STATUS_TONES[source.status]}>{source.status}</Badge>
            <span className="table__sub">
              {source.reason === null || source.reason === source.status
                ? formatAgo(now - source.since)
                : source.reason}
            </span>
          </td>
          <td className={source.restarts > 0 ? 'num system-count--warn' : 'num'}>{formatCount(source.restarts)}</td>
          <td className={source.badLines > 0 ? 'num system-count--warn' : 'num'}>{formatCount(source.badLines)}</td>
        </>
      )}
    </tr>
  );
}

/** The agents' sources, failing first as the server sorts them; long lists scroll inside their frame. */
export function SystemHostsTable({ hosts, now }: { hosts: readonly SourceDiagnostics[]; now: number }) {
  return (
    <div className="table-scroll system-hosts">
      <table className="table admin-table" data-testid="system-hosts">
        <thead>
          <tr>
            <th>Host</th>
            <th>Agent</th>
            <th className="num">GPUs</th>
            <th>Source</th>
            <th>Status</th>
            <th className="num">Restarts</th>
            <th className="num">Bad lines</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <HostRow key={host.hostId} host={host} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
