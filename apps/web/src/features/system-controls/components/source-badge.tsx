import type { SourceState } from '@gpu-sentinel/protocol';
import { Badge, type BadgeTone } from '../../../components/badge';
import { isSimulatedSystem, useSystem } from '../../../lib/api/get-system';

const KIND_LABELS = { 'nvidia-smi': 'nvidia-smi', simulated: 'SIMULATED', replay: 'replay' } as const;

function tone(source: SourceState, isSimulated: boolean): BadgeTone {
  switch (source.status) {
    case 'running':
      return isSimulated ? 'sim' : 'ok';
    case 'starting':
    case 'stalled':
    case 'restarting':
      return 'warn';
    case 'missing':
    case 'failed':
      return 'danger';
    case 'stopped':
      return 'neutral';
  }
}

/** Where the numbers come from, and whether that source is healthy. */
export function SourceBadge() {
  const system = useSystem().data;
  if (!system) return null;
  const { source } = system;
  const isSimulated = isSimulatedSystem(system);
  const label =
    isSimulated && source.kind !== 'simulated' ? `${KIND_LABELS[source.kind]} · SIMULATED` : KIND_LABELS[source.kind];
  const title = [
    `Source: ${source.kind} (${source.status})`,
    source.reason,
    source.restarts > 0 ? `${source.restarts} restarts` : null,
    source.badLines > 0 ? `${source.badLines} unreadable lines skipped` : null,
  ]
    .filter(Boolean)
    .join(' — ');
  return (
    <Badge tone={tone(source, isSimulated)} title={title} testId="source-badge">
      {label}
      {source.status === 'running' ? null : <span className="badge__detail">· {source.status}</span>}
    </Badge>
  );
}
