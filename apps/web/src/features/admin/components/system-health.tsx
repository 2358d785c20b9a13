import type { SystemDiagnostics } from '@gpu-sentinel/protocol';
import { formatDateTime } from '../../../lib/format';
import { formatBytes } from '../model/storage-format';
import { formatUptime, overallHealth, replicaRole } from '../model/system-format';
import { SystemFact } from './system-fact';

/** Whether the server is ready, first and large, then the process it runs as. */
export function SystemHealth({ diagnostics }: { diagnostics: SystemDiagnostics }) {
  const { health, process, cluster } = diagnostics;
  const verdict = overallHealth(diagnostics);
  const role = replicaRole(cluster);
  return (
    <section className="storage-section" aria-label="Health">
      <div
        className={`system-health system-health--${verdict.state}`}
        data-testid="system-health"
        data-status={health.status}
        data-state={verdict.state}
        role="status"
      >
        <span className="system-health__dot" aria-hidden="true" />
        <strong className="system-health__state">{verdict.label}</strong>
        <span className="system-health__reason" data-testid="system-health-reason">
          {verdict.reason}
        </span>
      </div>
      <dl className="storage-facts">
        <SystemFact label="Host" testId="system-hostname">
          <code className="storage-code">{process.hostname}</code>
        </SystemFact>
        <SystemFact label="Uptime" testId="system-uptime" isNumber note={`since ${formatDateTime(process.startedAt)}`}>
          {formatUptime(process.uptimeMs)}
        </SystemFact>
        <SystemFact label="Memory" testId="system-memory" isNumber note={`heap ${formatBytes(process.heapUsedBytes)}`}>
          {formatBytes(process.rssBytes)}
        </SystemFact>
        {role === null ? null : (
          <SystemFact label="Replica" testId="system-role" isWide>
            {role}
          </SystemFact>
        )}
      </dl>
    </section>
  );
}
