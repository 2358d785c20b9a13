import type { SystemDiagnostics } from '@gpu-sentinel/protocol';
import { formatDateTime } from '../../../lib/format';
import { formatBytes } from '../model/storage-format';
import { formatUptime, replicaRole } from '../model/system-format';
import { SystemFact } from './system-fact';

/** Whether the server is ready, first and large, then the process it runs as. */
export function SystemHealth({ diagnostics }: { diagnostics: SystemDiagnostics }) {
  const { health, process, cluster } = diagnostics;
  const isOk = health.status === 'ok';
  const role = replicaRole(cluster);
  return (
    <section className="storage-section" aria-label="Health">
      <div
        className={isOk ? 'system-health system-health--ok' : 'system-health system-health--down'}
        data-testid="system-health"
        data-status={health.status}
        role="status"
      >
        <span className="system-health__dot" aria-hidden="true" />
        <strong className="system-health__state">{isOk ? 'Healthy' : 'Not ready'}</strong>
        <span className="system-health__reason" data-testid="system-health-reason">
          {isOk ? 'serving the dashboard, the API and agents' : (health.reason ?? 'no reason given')}
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
